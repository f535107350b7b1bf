using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using BmsGen.Runtime.Json;
using Xunit;

namespace BmsGen.Runtime.Tests;

/// <summary>The reader's string sharing and exactly sized collections, and the pooled request-body writer.</summary>
public sealed class JsonSharingTests
{
    [Fact]
    public void A_short_value_repeated_in_a_document_is_one_string_instance()
    {
        JsonRead.BeginDocument();
        string[] values = ReadStrings("""["cn-north-4a", "ACTIVE", "cn-north-4a", "ACTIVE"]""");

        Assert.Equal(new[] { "cn-north-4a", "ACTIVE", "cn-north-4a", "ACTIVE" }, values);
        Assert.Same(values[0], values[2]);
        Assert.Same(values[1], values[3]);
    }

    [Fact]
    public void A_new_document_shares_nothing_with_the_previous_one()
    {
        JsonRead.BeginDocument();
        string first = ReadStrings("""["cn-north-4a"]""")[0];
        JsonRead.BeginDocument();
        string second = ReadStrings("""["cn-north-4a"]""")[0];

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Values_that_differ_only_inside_are_never_confused()
    {
        // Same length, head and tail: the same slot of the table, so only the full comparison tells them apart.
        JsonRead.BeginDocument();
        string[] values = ReadStrings("""["abcdefgh-1-abcdefgh", "abcdefgh-2-abcdefgh", "abcdefgh-1-abcdefgh", "h\u00e9llo", "h\u00e9llo", "a\"b", "xyz", "xzz"]""");

        Assert.Equal(new[] { "abcdefgh-1-abcdefgh", "abcdefgh-2-abcdefgh", "abcdefgh-1-abcdefgh", "h\u00e9llo", "h\u00e9llo", "a\"b", "xyz", "xzz" }, values);
    }

    [Theory]
    [InlineData("abcdefghXbcdefgh", "abcdefghYbcdefgh")]
    [InlineData("abcdefgh-X-bcdefgh", "abcdefgh-Y-bcdefgh")]
    [InlineData("abcdefghXabcdefgh", "abcdefghYabcdefgh")]
    [InlineData("abcXdefg", "abcYdefg")]
    [InlineData("aXb", "aYb")]
    public void Values_of_any_length_that_differ_in_one_byte_are_never_confused(string first, string second)
    {
        // Up to 16 bytes the table tells values apart by head and tail alone; from 17 on, by the bytes in between too.
        JsonRead.BeginDocument();
        string[] values = ReadStrings($"[\"{first}\", \"{second}\", \"{first}\", \"{second}\"]");

        Assert.Equal(new[] { first, second, first, second }, values);
    }

    [Fact]
    public void A_table_taken_once_serves_every_value_of_the_document()
    {
        JsonRead.BeginDocument();
        JsonStringTable strings = JsonRead.Strings();
        var reader = new JsonSpanReader(Encoding.UTF8.GetBytes("[\"ACTIVE\", \"ACTIVE\"]"));
        reader.Read();
        reader.Read();
        string first = JsonRead.String(ref reader, strings)!;
        reader.Read();
        string second = JsonRead.String(ref reader)!;

        Assert.Equal("ACTIVE", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Long_values_are_read_whole()
    {
        string longValue = new string('x', JsonStringTable.MaxLength) + "tail";
        JsonRead.BeginDocument();
        string[] values = ReadStrings($"[\"{longValue}\", \"{longValue}\"]");

        Assert.Equal(longValue, values[0]);
        Assert.Equal(longValue, values[1]);
    }

    [Fact]
    public void Unescaped_non_ascii_values_decode_exactly_short_or_long()
    {
        string shortValue = "h\u00e9llo \u4e16\u754c \ud83d\ude00";
        string longValue = new string('x', JsonStringTable.MaxLength) + shortValue;
        JsonRead.BeginDocument();

        // Encoding.UTF8 writes the characters as raw UTF-8 bytes, not as JSON escapes.
        string[] values = ReadStrings($"[\"{shortValue}\", \"{shortValue}\", \"{longValue}\", \"ascii\"]");

        Assert.Equal(new[] { shortValue, shortValue, longValue, "ascii" }, values);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(JsonStringTable.MaxLength + 1)]
    public void Invalid_utf8_fails_the_read_short_or_long(int length)
    {
        byte[] json = Encoding.ASCII.GetBytes("[\"" + new string('a', length) + "\"]");
        json[2 + (length / 2)] = 0xFF;
        var reader = new JsonSpanReader(json);
        reader.Read();
        reader.Read();
        JsonRead.BeginDocument();

        bool failed = false;
        try
        {
            JsonRead.String(ref reader);
        }
        catch (DecoderFallbackException)
        {
            failed = true;
        }

        Assert.True(failed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    public void The_array_builder_makes_an_array_of_exactly_the_added_elements(int count)
    {
        var builder = new JsonArrayBuilder<string>();
        for (int i = 0; i < count; i++)
        {
            builder.Add("item" + i);
        }

        string[] array = builder.ToArray();

        Assert.Equal(count, array.Length);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal("item" + i, array[i]);
        }
    }

    [Fact]
    public void The_map_builder_keeps_every_key_and_the_last_value_of_a_repeated_one()
    {
        var builder = new JsonMapBuilder<int>();
        for (int i = 0; i < 20; i++)
        {
            builder.Add("key" + i, i);
        }

        builder.Add("key3", 333);
        IReadOnlyDictionary<string, int> map = builder.ToMap();

        Assert.IsType<Dictionary<string, int>>(map);
        Assert.Equal(20, map.Count);
        Assert.Equal(333, map["key3"]);
        Assert.Equal(19, map["key19"]);
        Assert.Equal(0, map["key0"]);
    }

    [Fact]
    public void A_small_map_tells_apart_keys_of_the_same_length_and_last_character_and_merges_repeats_of_the_empty_key()
    {
        var builder = new JsonMapBuilder<int>();
        builder.Add("ab", 1);
        builder.Add("cb", 2);
        builder.Add("", 3);
        builder.Add(new string('a', 1) + "b", 4);
        builder.Add("", 5);
        builder.Add("xb", 6);
        IReadOnlyDictionary<string, int> map = builder.ToMap();

        CompactMap<int> compact = Assert.IsType<CompactMap<int>>(map);
        Assert.Equal(new[] { "ab", "cb", "", "xb" }, compact.Entries.ToArray().Select(e => e.Key));
        Assert.Equal(new[] { 4, 2, 5, 6 }, map.Select(e => e.Value));
    }

    [Fact]
    public void A_small_map_is_compact_keeps_the_json_order_and_the_last_value_of_a_repeated_key()
    {
        var builder = new JsonMapBuilder<int>();
        builder.Add("b", 1);
        builder.Add("a", 2);
        builder.Add("b", 3);
        builder.Add("c", 4);
        IReadOnlyDictionary<string, int> map = builder.ToMap();

        CompactMap<int> compact = Assert.IsType<CompactMap<int>>(map);
        Assert.Equal(new[] { "b", "a", "c" }, compact.Entries.ToArray().Select(e => e.Key));
        Assert.Equal(new[] { 3, 2, 4 }, map.Select(e => e.Value));
        Assert.Equal(3, map["b"]);
        Assert.True(map.TryGetValue("c", out int c));
        Assert.Equal(4, c);
        Assert.False(map.ContainsKey("B"));
        Assert.Throws<KeyNotFoundException>(() => map["d"]);
        Assert.Equal(new[] { "b", "a", "c" }, map.Keys);
        Assert.Equal(new[] { 3, 2, 4 }, map.Values);
        Assert.Empty(new JsonMapBuilder<int>().ToMap());
    }

    [Fact]
    public void Each_request_keeps_its_own_body_although_the_writer_is_reused()
    {
        var small = new ApiRequest("A", HttpMethod.Post, "/a");
        var large = new ApiRequest("B", HttpMethod.Post, "/b");
        var next = new ApiRequest("C", HttpMethod.Post, "/c");
        string big = new string('y', 100_000);

        small.SetJsonBody("first", static (w, v) => w.WriteStringValue(v));
        large.SetJsonBody(big, static (w, v) => w.WriteStringValue(v));
        next.SetJsonBody(42, static (w, v) => w.WriteNumberValue(v));

        Assert.Equal("\"first\"", Encoding.UTF8.GetString(small.Body!.Value.Span));
        Assert.Equal("\"" + big + "\"", Encoding.UTF8.GetString(large.Body!.Value.Span));
        Assert.Equal("42", Encoding.UTF8.GetString(next.Body!.Value.Span));
    }

    [Fact]
    public void A_writer_that_fails_leaves_the_next_body_clean()
    {
        var failing = new ApiRequest("A", HttpMethod.Post, "/a");
        Assert.Throws<InvalidOperationException>(() => failing.SetJsonBody("x", static (w, v) =>
        {
            w.WriteStartObject();
            w.WriteString("half", v);
            throw new InvalidOperationException("writer failed");
        }));

        var next = new ApiRequest("B", HttpMethod.Post, "/b");
        next.SetJsonBody("ok", static (w, v) => w.WriteStringValue(v));

        Assert.Null(failing.Body);
        Assert.Equal("\"ok\"", Encoding.UTF8.GetString(next.Body!.Value.Span));
    }

    [Fact]
    public void A_body_stays_in_its_pooled_array_and_goes_back_when_the_request_is_disposed()
    {
        string text = new('z', 100_000);
        WriteAndDispose(text);

        var allocated = new long[11];
        for (int i = 0; i < allocated.Length; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            WriteAndDispose(text);
            allocated[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // A copy of the 100 kB body would be allocated every time; only the request object itself is. The median
        // leaves out a round in which the pool, trimmed by a collection, had to allocate its array again.
        Array.Sort(allocated);
        Assert.True(allocated[allocated.Length / 2] < 1024, $"{string.Join(", ", allocated)} bytes allocated per body");

        static void WriteAndDispose(string text)
        {
            using var request = new ApiRequest("A", HttpMethod.Post, "/a");
            request.SetJsonBody(text, static (w, v) => w.WriteStringValue(v));
            Assert.Equal(text.Length + 2, request.Body!.Value.Length);
        }
    }

    [Fact]
    public void A_disposed_request_has_no_body_and_takes_none()
    {
        var request = new ApiRequest("CreateThing", HttpMethod.Post, "/a");
        request.SetJsonBody("first", static (w, v) => w.WriteStringValue(v));
        request.SetJsonBody("second", static (w, v) => w.WriteStringValue(v));
        Assert.Equal("\"second\"", Encoding.UTF8.GetString(request.Body!.Value.Span));

        request.Dispose();
        request.Dispose();

        Assert.Null(request.Body);
        ObjectDisposedException refused = Assert.Throws<ObjectDisposedException>(() => request.SetJsonBody("third", static (w, v) => w.WriteStringValue(v)));
        Assert.Contains("This CreateThing request was already sent or disposed", refused.Message);
    }

    private static string[] ReadStrings(string json)
    {
        var reader = new JsonSpanReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        var values = new List<string>();
        while (JsonRead.NextItem(ref reader))
        {
            values.Add(JsonRead.String(ref reader)!);
        }

        return values.ToArray();
    }
}
