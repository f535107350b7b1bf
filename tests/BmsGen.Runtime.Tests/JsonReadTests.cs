using System.Text;
using System.Text.Json;
using BmsGen.Runtime.Json;
using Xunit;

namespace BmsGen.Runtime.Tests;

public sealed class JsonReadTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("\"42\"", 42)]
    [InlineData("null", null)]
    public void Int32_accepts_numbers_and_numeric_strings(string json, int? expected)
    {
        var reader = Start(json);
        Assert.Equal(expected, JsonRead.Int32(ref reader));
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("12.50", "12.50")]
    [InlineData("true", "true")]
    [InlineData("null", null)]
    public void String_accepts_strings_numbers_and_booleans_as_their_text(string json, string? expected)
    {
        var reader = Start(json);
        Assert.Equal(expected, JsonRead.String(ref reader));
    }

    [Theory]
    [InlineData("\"True\"", true)]
    [InlineData("false", false)]
    public void Boolean_accepts_booleans_and_boolean_strings(string json, bool expected)
    {
        var reader = Start(json);
        Assert.Equal(expected, JsonRead.Boolean(ref reader));
    }

    [Fact]
    public void Int64_keeps_values_beyond_int32()
    {
        var reader = Start("\"8589934592\"");
        Assert.Equal(8589934592L, JsonRead.Int64(ref reader));
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("{}")]
    [InlineData("1.5")]
    public void Int32_rejects_other_values_with_a_message_naming_the_expected_type(string json)
    {
        JsonException error = Assert.Throws<JsonException>(() =>
        {
            var reader = Start(json);
            JsonRead.Int32(ref reader);
        });

        Assert.Contains("32-bit integer", error.Message);
    }

    [Fact]
    public void ExpectStartObject_names_the_model_that_wanted_an_object()
    {
        JsonException error = Assert.Throws<JsonException>(() =>
        {
            var reader = Start("[1]");
            JsonRead.ExpectStartObject(ref reader, "ServerDetail");
        });

        Assert.Equal("Expected a JSON object for ServerDetail but found an array.", error.Message);
    }

    private static JsonSpanReader Start(string json)
    {
        var reader = new JsonSpanReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return reader;
    }
}
