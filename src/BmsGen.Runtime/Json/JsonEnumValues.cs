using System;
using System.Text.Json;

namespace BmsGen.Runtime.Json;

/// <summary>
/// The documented values of a generated string enumeration, each encoded once for <see cref="Utf8JsonWriter"/>, so
/// that writing a documented value copies its bytes instead of escaping and transcoding the text every time.
/// </summary>
/// <remarks>
/// A value is found by reference: the generated static members and the generated reader hand out the spec's string
/// literals, which the runtime interns, and the generated code passes the same literals here. Text that is equal but
/// not the same instance (built at run time) is not found and is written as text, with the same result.
/// </remarks>
public sealed class JsonEnumValues
{
    private readonly string?[] _texts;
    private readonly JsonEncodedText[] _encoded;

    /// <summary>
    /// Encodes <paramref name="texts"/>, the enumeration's documented wire values. A value that JSON escaping would
    /// change is left out, so that it keeps being escaped the way the writer's own encoder does it.
    /// </summary>
    public JsonEnumValues(params string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _texts = new string?[texts.Length];
        _encoded = new JsonEncodedText[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            JsonEncodedText encoded = JsonEncodedText.Encode(texts[i]);
            if (string.Equals(encoded.Value, texts[i], StringComparison.Ordinal))
            {
                _texts[i] = texts[i];
                _encoded[i] = encoded;
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> as a JSON string.</summary>
    public void Write(Utf8JsonWriter writer, string text)
    {
        int known = IndexOf(text);
        if (known >= 0)
        {
            writer.WriteStringValue(_encoded[known]);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    /// <summary>Writes <paramref name="text"/> as the string member <paramref name="name"/>.</summary>
    public void Write(Utf8JsonWriter writer, JsonEncodedText name, string text)
    {
        int known = IndexOf(text);
        if (known >= 0)
        {
            writer.WriteString(name, _encoded[known]);
        }
        else
        {
            writer.WriteString(name, text);
        }
    }

    private int IndexOf(string text)
    {
        string?[] texts = _texts;
        for (int i = 0; i < texts.Length; i++)
        {
            if (ReferenceEquals(texts[i], text))
            {
                return i;
            }
        }

        return -1;
    }
}
