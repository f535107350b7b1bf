using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using BmsGen.Runtime.Json;
using Xunit;

namespace BmsGen.Runtime.Tests;

/// <summary>
/// JsonSpanReader against Utf8JsonReader on the same bytes: the same tokens for valid JSON, a JsonException for
/// anything Utf8JsonReader refuses.
/// </summary>
public sealed class JsonSpanReaderTests
{
    public static TheoryData<string> ValidDocuments() => new()
    {
        "{}",
        "[]",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        " \t\r\n{ \"a\" : [ 1 , 2 ] , \"b\" : { } }\n ",
        "\"top\"",
        "0",
        "-0",
        "true",
        "null",
        "[0,-1,12.5,-0.25,1e3,1E+3,2.5e-7,123456789012345678901234567890,1.7976931348623157e309]",
        "[\"\",\"plain\",\"tab\\tnew\\nline\",\"\\\"quoted\\\"\",\"\\\\\",\"\\/\",\"\\b\\f\\r\",\"\\u00e9t\\u00E9\",\"\\ud83d\\ude00\"]",
        "{\"esc\\u0061ped\":1,\"\u00e9t\u00e9\":\"caf\u00e9\"}",
        "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
        "{\"metadata\":{\"k1\":\"v1\",\"k2\":\"v2\"},\"links\":[{\"rel\":\"self\",\"href\":\"https://example.com/v1/servers/1\"}]}",
    };

    public static TheoryData<string> InvalidDocuments() => new()
    {
        "",
        "   ",
        "{",
        "[1,2",
        "{\"a\":1,}",
        "[1,]",
        "[,1]",
        "{,\"a\":1}",
        "{\"a\" 1}",
        "{\"a\":}",
        "{\"a\"}",
        "{a:1}",
        "{'a':1}",
        "[1 2]",
        "[1}",
        "{\"a\":1]",
        "[]]",
        "{}}",
        "1 2",
        "{} {}",
        "[01]",
        "[-]",
        "[1.]",
        "[.5]",
        "[+1]",
        "[1e]",
        "[1e+]",
        "[-a]",
        "[tru]",
        "[nul]",
        "[falsy]",
        "[\"unterminated]",
        "[\"bad \\x escape\"]",
        "[\"short \\u12\"]",
        "[\"raw \n newline\"]",
        "[\"raw \u0001 control\"]",
        "[1] // comment",
        "/* comment */ [1]",
        "[\"a\" \"b\"]",
        "{\"a\":1 \"b\":2}",
    };

    [Theory]
    [MemberData(nameof(ValidDocuments))]
    public void Reads_valid_json_token_for_token_as_Utf8JsonReader_does(string json) =>
        AssertSameTokens(Encoding.UTF8.GetBytes(json));

    [Theory]
    [MemberData(nameof(InvalidDocuments))]
    public void Refuses_what_Utf8JsonReader_refuses(string json)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(json);
        Assert.ThrowsAny<JsonException>(() => ReadAll(new Utf8JsonReader(utf8)));
        Assert.Throws<JsonException>(() => ReadAll(new JsonSpanReader(utf8)));
    }

    [Fact]
    public void Finds_the_end_of_a_string_wherever_it_falls_against_the_vector_width()
    {
        // Every length up to three 32-byte vectors, with the closing quote, an escape or a control character at
        // every offset, and the document ending right after the string (the scalar tail) or well after it.
        for (int length = 0; length <= 100; length++)
        {
            string text = new string('x', length);
            AssertSameTokens(Encoding.UTF8.GetBytes("[\"" + text + "\"]"));
            AssertSameTokens(Encoding.UTF8.GetBytes("[\"" + text + "\"," + new string(' ', 64) + "1]"));
            AssertSameTokens(Encoding.UTF8.GetBytes("[\"" + text + "\\n" + text + "\"]"));

            byte[] control = Encoding.UTF8.GetBytes("[\"" + text + "\u001f" + text + "\"]");
            Assert.Throws<JsonException>(() => ReadAll(new JsonSpanReader(control)));
            byte[] unterminated = Encoding.UTF8.GetBytes("[\"" + text);
            Assert.Throws<JsonException>(() => ReadAll(new JsonSpanReader(unterminated)));
        }
    }

    [Fact]
    public void Nests_as_deep_as_the_limit_and_no_deeper()
    {
        // Past 64 levels the reader keeps which containers are objects in a second store.
        string deep = string.Concat(Enumerable.Repeat("[{\"a\":", 50)) + "1" + string.Concat(Enumerable.Repeat("}]", 50));
        AssertSameTokens(Encoding.UTF8.GetBytes(deep), maxDepth: 100);

        byte[] limit = Encoding.UTF8.GetBytes(new string('[', 64) + new string(']', 64));
        ReadAll(new JsonSpanReader(limit));
        byte[] tooDeep = Encoding.UTF8.GetBytes(new string('[', 65) + new string(']', 65));
        JsonException error = Assert.Throws<JsonException>(() => ReadAll(new JsonSpanReader(tooDeep)));
        Assert.Contains("deeper than 64 levels", error.Message);

        // The innermost object, at level 100, closed with ']': the balance of brackets alone would not tell.
        byte[] mismatched = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[{\"a\":", 50)) + "1]}" + string.Concat(Enumerable.Repeat("}]", 49)));
        Assert.Throws<JsonException>(() => ReadAll(new JsonSpanReader(mismatched, maxDepth: 100)));
    }

    [Fact]
    public void A_failure_says_where_in_the_document()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n  \"b\": tru\n}");
        JsonException error = Assert.Throws<JsonException>(() => ReadAll(new JsonSpanReader(utf8)));
        Assert.Equal("Expected a JSON value (line 3, column 8).", error.Message);
        Assert.Equal(2, error.LineNumber);
        Assert.Equal(7, error.BytePositionInLine);

        var positioned = new JsonSpanReader(utf8);
        try
        {
            while (positioned.Read())
            {
            }
        }
        catch (JsonException)
        {
        }

        Assert.Equal(Array.IndexOf(utf8, (byte)'t'), positioned.BytesConsumed);
    }

    [Fact]
    public void Skip_and_ReadRawValue_move_past_the_whole_value()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("{\"skip\": {\"x\": [1, {\"y\": 2}]}, \"raw\" : [ 1 , \"two\" ], \"last\": 3}");
        var reader = new JsonSpanReader(utf8);
        reader.Read();
        reader.Read();
        Assert.Equal("skip", reader.GetString());
        reader.Skip();
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.Equal(1, reader.CurrentDepth);

        reader.Read();
        Assert.Equal("raw", reader.GetString());
        Assert.Equal("[ 1 , \"two\" ]", Encoding.UTF8.GetString(reader.ReadRawValue()));

        reader.Read();
        Assert.Equal("last", reader.GetString());
        reader.Read();
        Assert.True(reader.TryGetInt32(out int last));
        Assert.Equal(3, last);
        reader.Read();
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Invalid_text_in_a_string_fails_when_it_is_decoded()
    {
        byte[] invalidUtf8 = { (byte)'"', 0xC3, 0x28, (byte)'"' };
        Assert.ThrowsAny<ArgumentException>(() => FirstString(invalidUtf8));
        Assert.ThrowsAny<InvalidOperationException>(() => FirstString(Encoding.UTF8.GetBytes("\"\\ud800\"")));
    }

    [Fact]
    public void Numbers_out_of_range_are_not_integers()
    {
        var reader = new JsonSpanReader(Encoding.UTF8.GetBytes("[2147483648, 1.5, 1e3, 9223372036854775807, 1e400]"));
        reader.Read();
        reader.Read();
        Assert.False(reader.TryGetInt32(out _));
        Assert.True(reader.TryGetInt64(out long big));
        Assert.Equal(2147483648L, big);
        reader.Read();
        Assert.False(reader.TryGetInt64(out _));
        Assert.True(reader.TryGetDouble(out double fraction));
        Assert.Equal(1.5, fraction);
        reader.Read();
        Assert.False(reader.TryGetInt32(out _));
        reader.Read();
        Assert.True(reader.TryGetInt64(out long max));
        Assert.Equal(long.MaxValue, max);
        reader.Read();
        Assert.True(reader.TryGetDouble(out double beyond));
        Assert.Equal(double.PositiveInfinity, beyond);
    }

    private static void AssertSameTokens(byte[] utf8, int maxDepth = 0)
    {
        var expected = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        var actual = new JsonSpanReader(utf8, maxDepth);
        while (expected.Read())
        {
            Assert.True(actual.Read());
            string where = $"token at {expected.TokenStartIndex} of {Encoding.UTF8.GetString(utf8)}";
            Assert.True(expected.TokenType == actual.TokenType, where);
            Assert.True(expected.ValueSpan.SequenceEqual(actual.ValueSpan), where);
            Assert.True(expected.CurrentDepth == actual.CurrentDepth, where);
            Assert.True(expected.TokenStartIndex == actual.TokenStartIndex, where);
            switch (expected.TokenType)
            {
                case JsonTokenType.PropertyName:
                    // Utf8JsonReader takes the ':' with the name; JsonSpanReader checks it on the next read.
                    Assert.True(expected.ValueIsEscaped == actual.ValueIsEscaped, where);
                    Assert.Equal(expected.GetString(), actual.GetString());
                    Assert.True(actual.ValueTextEquals(Encoding.UTF8.GetBytes(expected.GetString()!)), where);
                    break;
                case JsonTokenType.String:
                    Assert.True(expected.ValueIsEscaped == actual.ValueIsEscaped, where);
                    Assert.True(expected.BytesConsumed == actual.BytesConsumed, where);
                    Assert.Equal(expected.GetString(), actual.GetString());
                    byte[] copy = new byte[actual.ValueSpan.Length];
                    Assert.Equal(expected.GetString(), Encoding.UTF8.GetString(copy, 0, actual.CopyString(copy)));
                    break;
                case JsonTokenType.Number:
                    Assert.True(expected.BytesConsumed == actual.BytesConsumed, where);
                    Assert.Equal(expected.TryGetInt64(out long expectedLong), actual.TryGetInt64(out long actualLong));
                    Assert.Equal(expectedLong, actualLong);
                    Assert.Equal(expected.TryGetInt32(out int expectedInt), actual.TryGetInt32(out int actualInt));
                    Assert.Equal(expectedInt, actualInt);
                    Assert.Equal(expected.TryGetDouble(out double expectedDouble), actual.TryGetDouble(out double actualDouble));
                    Assert.Equal(expectedDouble, actualDouble);
                    break;
                default:
                    Assert.True(expected.BytesConsumed == actual.BytesConsumed, where);
                    break;
            }
        }

        Assert.False(actual.Read());
    }

    private static int ReadAll(Utf8JsonReader reader)
    {
        int tokens = 0;
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
            {
                reader.GetString();
            }

            tokens++;
        }

        return tokens;
    }

    private static string? FirstString(byte[] utf8)
    {
        var reader = new JsonSpanReader(utf8);
        reader.Read();
        return reader.GetString();
    }

    private static int ReadAll(JsonSpanReader reader)
    {
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }
}
