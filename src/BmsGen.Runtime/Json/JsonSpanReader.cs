using System;
using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace BmsGen.Runtime.Json;

/// <summary>
/// A forward-only reader of one whole JSON document held in one span, which the generated readers read with. It
/// follows <see cref="Utf8JsonReader"/>'s model (<see cref="TokenType"/>, <see cref="ValueSpan"/>,
/// <see cref="CurrentDepth"/>) and its strictness: RFC 8259 grammar, no comments, no trailing commas, escapes and
/// control characters in strings checked, a depth limit. It leaves out what the bodies it reads never need (input in
/// several segments or in parts, comments, line counting while reading), which makes it faster.
/// </summary>
/// <remarks>
/// Malformed JSON fails with a <see cref="JsonException"/> that names the problem; <see cref="BytesConsumed"/> is
/// then the offset of the byte that was refused, and the exception's <see cref="JsonException.LineNumber"/> and
/// <see cref="JsonException.BytePositionInLine"/> say where that is (both counted from 0).
/// Invalid UTF-8 inside a string is refused when the string is decoded, as with <see cref="Utf8JsonReader"/>.
/// A copy of a reader reads on independently of the original, which is how a reader looks ahead.
/// </remarks>
public ref struct JsonSpanReader
{
    /// <summary>The nesting limit when none is given, as for <see cref="JsonReaderOptions.MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 64;

    // A string runs until its closing quote; a backslash starts an escape, and a control character is not allowed.
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    private readonly ReadOnlySpan<byte> _json;
    private readonly int _maxDepth;
    private int _position;
    private int _tokenStart;
    private int _valueStart;
    private int _valueLength;

    // The open containers: bit i of _containers is set when container i (from the outside in) is an object. Levels
    // past 64 keep their bits in _deepContainers, which only documents nested that deep allocate.
    private int _depth;
    private ulong _containers;
    private ulong[]? _deepContainers;

    private JsonTokenType _tokenType;
    private bool _valueIsEscaped;

    // A value has ended at the current level, so what comes next is ',' or the end of the container.
    private bool _valueEnded;

    /// <summary>A reader positioned before the first token of <paramref name="json"/>.</summary>
    /// <param name="json">The whole document as UTF-8, without a byte order mark.</param>
    /// <param name="maxDepth">How deeply objects and arrays may nest; 0 means <see cref="DefaultMaxDepth"/>.</param>
    public JsonSpanReader(ReadOnlySpan<byte> json, int maxDepth = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        _json = json;
        _maxDepth = maxDepth == 0 ? DefaultMaxDepth : maxDepth;
    }

    /// <summary>The type of the current token; <see cref="JsonTokenType.None"/> before the first <see cref="Read"/>.</summary>
    public readonly JsonTokenType TokenType => _tokenType;

    /// <summary>
    /// The current token's bytes as they appear in the document: a string's or property name's text between the
    /// quotes (still escaped when <see cref="ValueIsEscaped"/>), a number's or literal's text, the bracket that
    /// starts or ends an object or array.
    /// </summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _json.Slice(_valueStart, _valueLength);

    /// <summary>Whether the current string or property name contains escapes, so that <see cref="ValueSpan"/> is not its text.</summary>
    public readonly bool ValueIsEscaped => _valueIsEscaped;

    /// <summary>How many objects and arrays enclose the current token, as <see cref="Utf8JsonReader.CurrentDepth"/> counts.</summary>
    public readonly int CurrentDepth =>
        _tokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? _depth - 1 : _depth;

    /// <summary>The offset of the current token's first byte (a string's opening quote).</summary>
    public readonly long TokenStartIndex => _tokenStart;

    /// <summary>The offset just past the current token; after a failed read, the offset of the byte refused.</summary>
    public readonly long BytesConsumed => _position;

    /// <summary>Moves to the next token; false once the document's one value has been read and only whitespace follows.</summary>
    /// <exception cref="JsonException">The JSON is malformed, ends too early, or nests deeper than allowed.</exception>
    public bool Read()
    {
        ReadOnlySpan<byte> json = _json;
        int position = _position;
        if ((uint)position >= (uint)json.Length || json[position] <= (byte)' ')
        {
            position = SkipWhitespace(position);
            if (position >= json.Length)
            {
                return AtEnd(position);
            }
        }

        byte next = json[position];
        if (_tokenType == JsonTokenType.PropertyName)
        {
            if (next != (byte)':')
            {
                throw Malformed(position, "Expected ':' after a property name");
            }

            position = NextToken(position + 1);
            return ReadValue(position, json[position]);
        }

        if (_valueEnded)
        {
            if (_depth == 0)
            {
                throw Malformed(position, "Unexpected content after the JSON value");
            }

            if (next == (byte)',')
            {
                position = NextToken(position + 1);
                return IsInObject() ? ReadPropertyName(position, json[position]) : ReadValue(position, json[position]);
            }

            if (next == (byte)'}' || next == (byte)']')
            {
                return ReadEnd(position, next);
            }

            throw Malformed(position, IsInObject() ? "Expected ',' or '}' after a property's value" : "Expected ',' or ']' after an array element");
        }

        if (_tokenType == JsonTokenType.None)
        {
            return ReadValue(position, next);
        }

        // Just after the start of an object or array: its end, or its first member.
        if (next == (byte)'}' || next == (byte)']')
        {
            return ReadEnd(position, next);
        }

        return IsInObject() ? ReadPropertyName(position, next) : ReadValue(position, next);
    }

    /// <summary>
    /// Skips the current value: from a property name, its value; from the start of an object or array, everything to
    /// its end. On any other token it does nothing.
    /// </summary>
    /// <exception cref="JsonException">The skipped JSON is malformed or ends too early.</exception>
    public void Skip()
    {
        if (_tokenType == JsonTokenType.PropertyName)
        {
            Read();
        }

        if (_tokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            // Inside a container Read never returns false: a document that ends there fails.
            int depth = _depth - 1;
            do
            {
                Read();
            }
            while (_depth > depth);
        }
    }

    /// <summary>
    /// Skips the current value (see <see cref="Skip"/>) and returns its JSON text exactly as it appears in the
    /// document, from its first byte to its last.
    /// </summary>
    public ReadOnlySpan<byte> ReadRawValue()
    {
        if (_tokenType == JsonTokenType.PropertyName)
        {
            Read();
        }

        int start = _tokenStart;
        Skip();
        return _json[start.._position];
    }

    /// <summary>The current string or property name, unescaped; null for JSON null.</summary>
    /// <exception cref="InvalidOperationException">The token is not a string, a property name or null.</exception>
    /// <exception cref="ArgumentException">The text is not valid UTF-8, or an escape is a lone surrogate.</exception>
    public readonly string? GetString()
    {
        switch (_tokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String or JsonTokenType.PropertyName:
                return _valueIsEscaped ? EscapedToken().GetString() : JsonStringTable.Decode(ValueSpan);
            default:
                throw NotA("string");
        }
    }

    /// <summary>
    /// Copies the current string's or property name's unescaped UTF-8 into <paramref name="destination"/>, which
    /// <see cref="ValueSpan"/>'s length always suffices for, and returns the number of bytes written.
    /// </summary>
    public readonly int CopyString(Span<byte> destination)
    {
        if (_tokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            throw NotA("string");
        }

        if (!_valueIsEscaped)
        {
            ValueSpan.CopyTo(destination);
            return _valueLength;
        }

        return EscapedToken().CopyString(destination);
    }

    /// <summary>Whether the current string or property name, unescaped, is <paramref name="utf8Text"/>.</summary>
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8Text)
    {
        if (_tokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            throw NotA("string");
        }

        return _valueIsEscaped ? EscapedToken().ValueTextEquals(utf8Text) : ValueSpan.SequenceEqual(utf8Text);
    }

    /// <summary>The current number as an <see cref="int"/>; false when it is not an integer in range.</summary>
    public readonly bool TryGetInt32(out int value) => TryGetNumber(NumberStyles.AllowLeadingSign, out value);

    /// <summary>The current number as a <see cref="long"/>; false when it is not an integer in range.</summary>
    public readonly bool TryGetInt64(out long value) => TryGetNumber(NumberStyles.AllowLeadingSign, out value);

    /// <summary>The current number as a <see cref="double"/> (an infinity beyond its range, as <see cref="Utf8JsonReader.TryGetDouble"/> gives).</summary>
    public readonly bool TryGetDouble(out double value) => TryGetNumber(NumberStyles.Float, out value);

    // The token already follows the JSON number grammar, so the styles only have to let through its sign, fraction
    // and exponent: an integer type refuses a fraction or an exponent, as Utf8JsonReader does.
    private readonly bool TryGetNumber<T>(NumberStyles styles, out T value)
        where T : INumberBase<T>
    {
        if (T.TryParse(NumberSpan(), styles, CultureInfo.InvariantCulture, out value!))
        {
            return true;
        }

        value = T.Zero;
        return false;
    }

    private readonly ReadOnlySpan<byte> NumberSpan() => _tokenType == JsonTokenType.Number ? ValueSpan : throw NotA("number");

    // Escaped text is rare in these APIs' bodies; the token alone is a JSON document that Utf8JsonReader unescapes.
    private readonly Utf8JsonReader EscapedToken()
    {
        var reader = new Utf8JsonReader(_json.Slice(_tokenStart, _valueLength + 2));
        reader.Read();
        return reader;
    }

    private readonly InvalidOperationException NotA(string what) =>
        new($"The current JSON token is {_tokenType}, not a {what}.");

    private bool AtEnd(int position)
    {
        if (_depth == 0 && _valueEnded)
        {
            _position = position;
            return false;
        }

        throw Malformed(position, _tokenType == JsonTokenType.None ? "The JSON is empty" : "The JSON ended before the value was complete");
    }

    private readonly int SkipWhitespace(int position)
    {
        ReadOnlySpan<byte> json = _json;
        while ((uint)position < (uint)json.Length)
        {
            byte next = json[position];
            if (next != (byte)' ' && next != (byte)'\n' && next != (byte)'\r' && next != (byte)'\t')
            {
                break;
            }

            position++;
        }

        return position;
    }

    // The position of the next token after a ':' or ',', which the document must not end before.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextToken(int position)
    {
        if ((uint)position >= (uint)_json.Length || _json[position] <= (byte)' ')
        {
            position = SkipWhitespace(position);
            if (position >= _json.Length)
            {
                throw Malformed(position, "The JSON ended before the value was complete");
            }
        }

        return position;
    }

    private bool ReadPropertyName(int position, byte next)
    {
        if (next != (byte)'"')
        {
            throw Malformed(position, "Expected a property name in quotes");
        }

        ScanString(position);
        _tokenType = JsonTokenType.PropertyName;
        _valueEnded = false;
        return true;
    }

    private bool ReadValue(int position, byte next)
    {
        switch (next)
        {
            case (byte)'"':
                ScanString(position);
                _tokenType = JsonTokenType.String;
                break;
            case (byte)'{':
                Open(position, isObject: true);
                _tokenType = JsonTokenType.StartObject;
                return true;
            case (byte)'[':
                Open(position, isObject: false);
                _tokenType = JsonTokenType.StartArray;
                return true;
            case (byte)'t':
                ScanLiteral(position, "true"u8);
                _tokenType = JsonTokenType.True;
                break;
            case (byte)'f':
                ScanLiteral(position, "false"u8);
                _tokenType = JsonTokenType.False;
                break;
            case (byte)'n':
                ScanLiteral(position, "null"u8);
                _tokenType = JsonTokenType.Null;
                break;
            case (byte)'-' or >= (byte)'0' and <= (byte)'9':
                ScanNumber(position);
                _tokenType = JsonTokenType.Number;
                break;
            default:
                throw Malformed(position, "Expected a JSON value");
        }

        _valueEnded = true;
        return true;
    }

    private bool ReadEnd(int position, byte end)
    {
        bool isObject = end == (byte)'}';
        if (IsInObject() != isObject)
        {
            throw Malformed(position, isObject ? "'}' closes an array" : "']' closes an object");
        }

        _depth--;
        _tokenType = isObject ? JsonTokenType.EndObject : JsonTokenType.EndArray;
        SetToken(position, position, 1, position + 1);
        _valueEnded = true;
        return true;
    }

    private void Open(int position, bool isObject)
    {
        if (_depth >= _maxDepth)
        {
            throw Malformed(position, $"The JSON nests deeper than {_maxDepth} levels");
        }

        if (_depth < 64)
        {
            ulong bit = 1UL << _depth;
            _containers = isObject ? _containers | bit : _containers & ~bit;
        }
        else
        {
            SetDeepContainer(isObject);
        }

        _depth++;
        SetToken(position, position, 1, position + 1);
        _valueEnded = false;
    }

    private void SetDeepContainer(bool isObject)
    {
        int level = _depth - 64;
        _deepContainers ??= new ulong[(_maxDepth - 64 + 63) / 64];
        ulong bit = 1UL << (level & 63);
        ref ulong word = ref _deepContainers[level >> 6];
        word = isObject ? word | bit : word & ~bit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool IsInObject()
    {
        int level = _depth - 1;
        return level < 64 ? ((_containers >> level) & 1) != 0 : IsDeepObject(level - 64);
    }

    private readonly bool IsDeepObject(int level) => ((_deepContainers![level >> 6] >> (level & 63)) & 1) != 0;

    private void ScanString(int position)
    {
        int start = position + 1;
        int stop = IndexOfStringStop(_json, start);
        if (stop < _json.Length && _json[stop] == (byte)'"')
        {
            _valueIsEscaped = false;
            SetToken(position, start, stop - start, stop + 1);
            return;
        }

        ScanEscapedString(position, start, stop);
    }

    // The index of the first quote, backslash or control character at or after start; the length when there is none.
    // Most strings here are shorter than one 32-byte vector, so one load and compare usually finds the closing quote;
    // without 256-bit vectors, and for the document's last bytes, SearchValues does the search.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfStringStop(ReadOnlySpan<byte> json, int start)
    {
        ref byte origin = ref MemoryMarshal.GetReference(json);
        int index = start;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> quote = Vector256.Create((byte)'"');
            Vector256<byte> backslash = Vector256.Create((byte)'\\');
            Vector256<byte> lastControl = Vector256.Create((byte)0x1F);
            while (index <= json.Length - Vector256<byte>.Count)
            {
                Vector256<byte> chunk = Vector256.LoadUnsafe(ref origin, (nuint)index);
                Vector256<byte> stops = Vector256.Equals(chunk, quote) | Vector256.Equals(chunk, backslash)
                    | Vector256.Equals(Vector256.Min(chunk, lastControl), chunk);
                uint mask = stops.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return index + BitOperations.TrailingZeroCount(mask);
                }

                index += Vector256<byte>.Count;
            }
        }

        int rest = json.Slice(index).IndexOfAny(StringStops);
        return rest < 0 ? json.Length : index + rest;
    }

    private void ScanEscapedString(int position, int start, int index)
    {
        ReadOnlySpan<byte> json = _json;
        bool escaped = false;
        while (index < json.Length)
        {
            byte next = json[index];
            if (next == (byte)'"')
            {
                _valueIsEscaped = escaped;
                SetToken(position, start, index - start, index + 1);
                return;
            }

            if (next < 0x20)
            {
                throw Malformed(index, "A control character must be escaped inside a string");
            }

            if (next == (byte)'\\')
            {
                escaped = true;
                index++;
                if (index >= json.Length)
                {
                    break;
                }

                next = json[index];
                if (next == (byte)'u')
                {
                    if (index + 4 >= json.Length || !IsHex(json.Slice(index + 1, 4)))
                    {
                        throw Malformed(index - 1, "A \\u escape needs four hexadecimal digits");
                    }

                    index += 4;
                }
                else if ("\"\\/bfnrt"u8.IndexOf(next) < 0)
                {
                    throw Malformed(index - 1, "Not a valid escape in a string");
                }
            }

            index++;
        }

        throw Malformed(json.Length, "The JSON ended inside a string");
    }

    // The current token runs from tokenStart; its value (a string's text between the quotes) is valueLength bytes
    // from valueStart; the next token is looked for from next.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetToken(int tokenStart, int valueStart, int valueLength, int next)
    {
        _tokenStart = tokenStart;
        _valueStart = valueStart;
        _valueLength = valueLength;
        _position = next;
    }

    private static bool IsHex(ReadOnlySpan<byte> digits)
    {
        foreach (byte digit in digits)
        {
            if (!char.IsAsciiHexDigit((char)digit))
            {
                return false;
            }
        }

        return true;
    }

    private void ScanLiteral(int position, ReadOnlySpan<byte> literal)
    {
        if (!_json.Slice(position).StartsWith(literal))
        {
            throw Malformed(position, "Expected a JSON value");
        }

        SetToken(position, position, literal.Length, position + literal.Length);
    }

    // RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    private void ScanNumber(int position)
    {
        ReadOnlySpan<byte> json = _json;
        int index = position;
        if (json[index] == (byte)'-')
        {
            index++;
        }

        if (index < json.Length && json[index] == (byte)'0')
        {
            index++;
        }
        else
        {
            index = Digits(json, index, position);
        }

        if (index < json.Length && json[index] == (byte)'.')
        {
            index = Digits(json, index + 1, position);
        }

        if (index < json.Length && (json[index] | 0x20) == (byte)'e')
        {
            index++;
            if (index < json.Length && json[index] is (byte)'+' or (byte)'-')
            {
                index++;
            }

            index = Digits(json, index, position);
        }

        SetToken(position, position, index - position, index);
    }

    // One or more digits from index; the position just past them.
    private int Digits(ReadOnlySpan<byte> json, int index, int numberStart)
    {
        int first = index;
        while (index < json.Length && (uint)(json[index] - '0') <= 9)
        {
            index++;
        }

        if (index == first)
        {
            throw Malformed(index < json.Length ? index : json.Length, "Not a valid JSON number", numberStart);
        }

        return index;
    }

    // Puts the position on the refused byte, so that BytesConsumed says where the problem is.
    private JsonException Malformed(int position, string problem, int tokenStart = -1)
    {
        _position = position;
        if (tokenStart >= 0)
        {
            _tokenStart = tokenStart;
        }

        ReadOnlySpan<byte> before = _json[..Math.Min(position, _json.Length)];
        int line = before.Count((byte)'\n');
        int lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new JsonException($"{problem} (line {line + 1}, column {position - lineStart + 1}).", path: null, line, position - lineStart);
    }
}
