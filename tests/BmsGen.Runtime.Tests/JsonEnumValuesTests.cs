using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BmsGen.Runtime.Json;
using Xunit;

namespace BmsGen.Runtime.Tests;

/// <summary>Documented enumeration values written from their encoded form give the same JSON as writing the text.</summary>
public sealed class JsonEnumValuesTests
{
    // Literals, as generated code passes them (attribute arguments are not interned, so the cases index into this).
    private static readonly string[] Documented = { "ACTIVE", "SHUTOFF", "HARD_REBOOT", "a<b", "" };

    private static readonly JsonEnumValues Values = new("ACTIVE", "SHUTOFF", "HARD_REBOOT", "a<b", "");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Each_documented_value_is_written_as_its_own_text(int index)
    {
        string text = Documented[index];

        Assert.Equal(AsText(text, null), Write(w => Values.Write(w, text), null));
        Assert.Equal(AsMember(text, null), Write(w => Member(w, () => Values.Write(w, JsonEncodedText.Encode("status"), text)), null));
    }

    [Fact]
    public void An_undocumented_value_is_written_as_text()
    {
        Assert.Equal("\"UNKNOWN\"", Write(w => Values.Write(w, "UNKNOWN"), null));
        Assert.Equal("{\"status\":\"UNKNOWN\"}", Write(w => Member(w, () => Values.Write(w, JsonEncodedText.Encode("status"), "UNKNOWN")), null));
    }

    [Fact]
    public void Text_built_at_run_time_is_written_like_the_literal()
    {
        string built = new StringBuilder("SHUT").Append("OFF").ToString();
        Assert.NotSame("SHUTOFF", built);

        Assert.Equal("\"SHUTOFF\"", Write(w => Values.Write(w, built), null));
        Assert.Equal("{\"status\":\"SHUTOFF\"}", Write(w => Member(w, () => Values.Write(w, JsonEncodedText.Encode("status"), built)), null));
    }

    [Fact]
    public void A_value_that_needs_escaping_follows_the_writers_encoder()
    {
        Assert.Equal("\"a<b\"", Write(w => Values.Write(w, "a<b"), JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        Assert.Equal("\"a\\u003Cb\"", Write(w => Values.Write(w, "a<b"), null));
    }

    private static string AsText(string text, JavaScriptEncoder? encoder) => Write(w => w.WriteStringValue(text), encoder);

    private static string AsMember(string text, JavaScriptEncoder? encoder) => Write(w => Member(w, () => w.WriteString("status", text)), encoder);

    private static void Member(Utf8JsonWriter writer, Action write)
    {
        writer.WriteStartObject();
        write();
        writer.WriteEndObject();
    }

    /// <summary>The JSON <paramref name="write"/> gives.</summary>
    private static string Write(Action<Utf8JsonWriter> write, JavaScriptEncoder? encoder)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = encoder }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
