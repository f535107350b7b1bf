using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace BmsGen.Runtime.Json;

/// <summary>
/// Helpers for the generated oneOf/anyOf types: finding a discriminator ahead of the variant's reader, and reading
/// and building the JSON an undiscriminated oneOf keeps.
/// </summary>
public static class JsonUnion
{
    /// <summary>
    /// Finds the string value of the top-level property <paramref name="propertyName"/> of the object that
    /// <paramref name="reader"/> (a copy, positioned on its start) begins, wherever it appears in the object.
    /// False when the object has no such property or its value is not a string. The caller's reader does not move.
    /// </summary>
    /// <exception cref="JsonException">The object is malformed or ends before it is complete.</exception>
    public static bool TryFindDiscriminator(JsonSpanReader reader, ReadOnlySpan<byte> propertyName, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (Advance(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool match = reader.ValueTextEquals(propertyName);
            Advance(ref reader);
            if (match)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    return false;
                }

                value = reader.ValueIsEscaped ? Unescaped(ref reader) : reader.ValueSpan;
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>Reads <paramref name="json"/> with a generated reader; false when it is not that type (or is JSON null).</summary>
    public static bool TryRead<T>(JsonElement json, JsonValueReader<T> read, [NotNullWhen(true)] out T? value)
        where T : class
    {
        value = null;
        try
        {
            return ReadAll(json, read, out value);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            value = null;
            return false;
        }
    }

    /// <summary>Reads <paramref name="json"/> as a value type with a generated reader; false when it is not one (or is JSON null).</summary>
    public static bool TryReadValue<T>(JsonElement json, JsonValueReader<T?> read, out T value)
        where T : struct
    {
        value = default;
        try
        {
            if (ReadAll(json, read, out T? readValue) && readValue is T result)
            {
                value = result;
                return true;
            }

            return false;
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            return false;
        }
    }

    /// <summary>The JSON of <paramref name="value"/> as written by a generated writer, as an element that owns its memory.</summary>
    public static JsonElement ToElement<T>(T value, JsonValueWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer, value);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static bool ReadAll<T>(JsonElement json, JsonValueReader<T> read, [NotNullWhen(true)] out T? value)
    {
        ArgumentNullException.ThrowIfNull(read);
        value = default;
        if (json.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            json.WriteTo(writer);
        }

        var reader = new JsonSpanReader(buffer.WrittenSpan);
        reader.Read();
        JsonRead.BeginDocument();
        value = read(ref reader);
        return value is not null && !reader.Read();
    }

    private static bool IsReadFailure(Exception ex) =>
        ex is JsonException or InvalidOperationException or FormatException or ArgumentException or OverflowException;

    private static bool Advance(ref JsonSpanReader reader) =>
        reader.Read() ? true : throw new JsonException("The JSON ended before the object was complete.");

    private static byte[] Unescaped(ref JsonSpanReader reader)
    {
        byte[] buffer = new byte[reader.ValueSpan.Length];
        int length = reader.CopyString(buffer);
        Array.Resize(ref buffer, length);
        return buffer;
    }
}
