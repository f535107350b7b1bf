using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <summary>
    /// Starts reading a new document on this thread: short string values that repeat within it are shared
    /// (see <see cref="Strings"/>), and nothing is shared with earlier documents.
    /// </summary>
    public static void BeginDocument() => JsonStringTable.BeginDocument();

    /// <summary>
    /// This thread's table of the current document's short string values, which a generated reader called without
    /// one takes once and hands down to the readers it calls and to <see cref="String(ref JsonSpanReader, JsonStringTable)"/>.
    /// </summary>
    public static JsonStringTable Strings() => JsonStringTable.Current;

    /// <summary>
    /// Reads the value at <paramref name="reader"/>'s current token with a generated reader, as a
    /// <see cref="System.Text.Json.Serialization.JsonConverter{T}"/> is handed it: the value's JSON is parsed once
    /// (the reader may hold it in segments or in parts), and <paramref name="read"/> reads its bytes. The reader ends
    /// on the value's last token, as a converter must leave it.
    /// </summary>
    public static T? FromUtf8JsonReader<T>(ref Utf8JsonReader reader, JsonValueReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        var value = new JsonSpanReader(JsonMarshal.GetRawUtf8Value(document.RootElement), reader.CurrentState.Options.MaxDepth);
        value.Read();
        return read(ref value);
    }

    public static void ExpectStartObject(ref JsonSpanReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "a JSON object for " + typeName);
        }
    }

    public static void ExpectStartArray(ref JsonSpanReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "a JSON array for " + typeName);
        }
    }

    /// <summary>Advances to the next property name; false at the end of the object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextProperty(ref JsonSpanReader reader)
    {
        Advance(ref reader);
        return reader.TokenType != JsonTokenType.EndObject;
    }

    /// <summary>Advances to the next array element; false at the end of the array.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool NextItem(ref JsonSpanReader reader)
    {
        Advance(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    /// <summary>Moves from a property name to its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MoveToValue(ref JsonSpanReader reader) => Advance(ref reader);

    /// <summary>
    /// The current property name as unescaped UTF-8: the reader's own bytes when it has no escapes, a copy otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> PropertyName(ref JsonSpanReader reader) =>
        !reader.ValueIsEscaped ? reader.ValueSpan : CopyPropertyName(ref reader);

    /// <summary>The current property name as a string (a map key), shared with equal short names of this document through <paramref name="strings"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string PropertyNameString(ref JsonSpanReader reader, JsonStringTable strings) =>
        !reader.ValueIsEscaped ? strings.Get(reader.ValueSpan) : reader.GetString()!;

    /// <summary>
    /// Whether the current token is a string whose unescaped UTF-8 is <see cref="JsonSpanReader.ValueSpan"/> (it has
    /// no escapes), so that generated readers can match it against known values without decoding it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPlainString(ref JsonSpanReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped;

    private static ReadOnlySpan<byte> CopyPropertyName(ref JsonSpanReader reader)
    {
        byte[] buffer = new byte[reader.ValueSpan.Length];
        return buffer.AsSpan(0, reader.CopyString(buffer));
    }

    /// <summary>Skips the current value (a property this model does not know).</summary>
    public static void SkipValue(ref JsonSpanReader reader) => reader.Skip();

    /// <summary>
    /// A string value; short values that repeat within the document are one shared instance (see
    /// <see cref="BeginDocument"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static string? String(ref JsonSpanReader reader) => String(ref reader, JsonStringTable.Current);

    /// <summary>A string value; short values that repeat within the document are one shared instance from <paramref name="strings"/>.</summary>
    /// <remarks>
    /// Never inlined: a model's reader calls this for each of its string members, and inlining the table lookup
    /// into each would spend the JIT's inlining budget for the method before it reaches the member-name matches.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string? String(ref JsonSpanReader reader, JsonStringTable strings) =>
        IsPlainString(ref reader) ? strings.Get(reader.ValueSpan) : OtherString(ref reader);

    private static string? OtherString(ref JsonSpanReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw Unexpected(ref reader, "a string"),
    };

    public static int? Int32(ref JsonSpanReader reader)
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

    public static long? Int64(ref JsonSpanReader reader)
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

    public static double? Double(ref JsonSpanReader reader)
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

    public static bool? Boolean(ref JsonSpanReader reader)
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
    public static JsonElement? Element(ref JsonSpanReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : ElementOf(ref reader);

    /// <summary>The current value as an element that owns a copy of its JSON.</summary>
    public static JsonElement ElementOf(ref JsonSpanReader reader)
    {
        var json = new Utf8JsonReader(reader.ReadRawValue());
        return JsonElement.ParseValue(ref json);
    }

    public static JsonException MissingProperty(string typeName, string propertyName) =>
        new($"The required property '{propertyName}' of {typeName} is missing or null.");

    public static JsonException UnexpectedNull(string what) => new($"JSON null is not allowed for {what}.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance(ref JsonSpanReader reader)
    {
        if (!reader.Read())
        {
            ThrowEnded();
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowEnded() => throw new JsonException("The JSON ended before the value was complete.");

    private static string RawText(ref JsonSpanReader reader) => Encoding.UTF8.GetString(reader.ValueSpan);

    private static JsonException Unexpected(ref JsonSpanReader reader, string expected) =>
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
