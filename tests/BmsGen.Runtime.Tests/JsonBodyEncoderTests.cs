using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using BmsGen.Runtime.Json;
using Xunit;

namespace BmsGen.Runtime.Tests;

/// <summary>Request bodies are written with an encoder that must escape exactly as the writer's default does.</summary>
public sealed class JsonBodyEncoderTests
{
    [Fact]
    public void Every_character_is_escaped_exactly_as_the_default_writer_escapes_it()
    {
        // One string per UTF-16 code unit (lone surrogates are not text a writer accepts), between plain characters.
        using var expected = new MemoryStream();
        using var actual = new MemoryStream();
        using (var plain = new Utf8JsonWriter(expected))
        using (var body = new Utf8JsonWriter(actual, new JsonWriterOptions { SkipValidation = true, Encoder = JsonBodyEncoder.Instance }))
        {
            plain.WriteStartArray();
            body.WriteStartArray();
            for (int c = 0; c <= char.MaxValue; c++)
            {
                if (!char.IsSurrogate((char)c))
                {
                    string text = "id-" + (char)c + "-end";
                    plain.WriteStringValue(text);
                    body.WriteStringValue(text);
                }
            }

            plain.WriteEndArray();
            body.WriteEndArray();
        }

        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Theory]
    [InlineData("plain-id_0123 (name)")]
    [InlineData("quote \" backslash \\ html <b>&amp;</b> 'single' a+b `tick`")]
    [InlineData("line\nbreak\ttab\u0001control\u007fdelete")]
    [InlineData("é 中文 😀")]
    [InlineData("")]
    public void A_body_is_written_as_the_default_writer_writes_it(string text)
    {
        var request = new ApiRequest("Test", HttpMethod.Post, "/items");
        request.SetJsonBody(text, static (writer, value) =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", value);
            writer.WriteStartArray("tags");
            writer.WriteStringValue(value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

        using var expected = new MemoryStream();
        using (var writer = new Utf8JsonWriter(expected))
        {
            writer.WriteStartObject();
            writer.WriteString("name", text);
            writer.WriteStartArray("tags");
            writer.WriteStringValue(text);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(request.Body!.Value.Span));
    }
}
