using System;
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace BmsGen.Runtime.Json;

/// <summary>
/// Reader helpers that generated codecs call. Scalars are read leniently, because the documented APIs send some
/// numbers as strings and some strings as numbers: a number accepts a numeric string, a string accepts a number
/// or boolean token (as its JSON text). Anything else fails with a JsonException that names the expected type.
/// </summary>
public static class JsonRead
{
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "a JSON object for " + typeName);
        }
    }

    public static void ExpectStartArray(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "a JSON array for " + typeName);
        }
    }

    /// <summary>Advances to the next property name; false at the end of the object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>Advances to the next array element; false at the end of the array.</summary>
    public static bool NextItem(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Moves from a property name to its value.</summary>
    public static void MoveToValue(ref Utf8JsonReader reader) => Advance(ref reader);

    /// <summary>
    /// The current property name as unescaped UTF-8: the reader's own bytes when it can (no escapes, one
    /// segment), a copy otherwise.
    /// </summary>
    public static ReadOnlySpan<byte> PropertyName(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        byte[] buffer = new byte[reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    /// <summary>Skips the current value (a property this model does not know).</summary>
    public static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("The JSON ended inside a value.");
        }
    }

    public static string? String(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw Unexpected(ref reader, "a string"),
    };

    public static int? Int32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt32(out int number):
                return number;
            case JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed):
                return parsed;
            default:
                throw Unexpected(ref reader, "a 32-bit integer");
        }
    }

    public static long? Int64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out long number):
                return number;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed):
                return parsed;
            default:
                throw Unexpected(ref reader, "a 64-bit integer");
        }
    }

    public static double? Double(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out double number):
                return number;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                return parsed;
            default:
                throw Unexpected(ref reader, "a number");
        }
    }

    public static bool? Boolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out bool parsed):
                return parsed;
            default:
                throw Unexpected(ref reader, "a boolean");
        }
    }

    /// <summary>Free-form JSON; null for JSON null.</summary>
    public static JsonElement? Element(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    public static JsonException MissingProperty(string typeName, string propertyName) =>
        new($"The required property '{propertyName}' of {typeName} is missing or null.");

    public static JsonException UnexpectedNull(string what) => new($"JSON null is not allowed for {what}.");

    private static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ended before the value was complete.");
        }
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence.ToArray()) : Encoding.UTF8.GetString(reader.ValueSpan);

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"Expected {expected} but found {Describe(reader.TokenType)}.");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
