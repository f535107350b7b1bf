using System;
using System.Collections.Generic;
using System.Text.Json;
using BmsGen.Benchmarks;
using BmsGen.Benchmarks.Bms;
using BmsGen.Benchmarks.Ecs;
using BmsGen.Benchmarks.Plain;
using Xunit;

namespace BmsGen.Benchmarks.Tests;

/// <summary>
/// The comparison is fair only if every implementation reads and writes the same data: each one's result, written
/// back out, must be the payload again (same members, same values; member order and number spelling aside).
/// </summary>
public sealed class PayloadParityTests
{
    public static IEnumerable<object[]> ReadScenarios() => new[]
    {
        new object[] { Scenarios.ServersDetail1 },
        new object[] { Scenarios.ServersDetail100 },
        new object[] { Scenarios.ServersDetail1000 },
        new object[] { Scenarios.ServerShow },
        new object[] { Scenarios.FlavorsList },
        new object[] { Scenarios.WriteCreateRequest },
    };

    [Theory]
    [MemberData(nameof(ReadScenarios))]
    public void Every_implementation_reads_the_payload_to_equal_values(string scenario)
    {
        byte[] payload = Scenarios.Payload(scenario);

        AssertSameJson(payload, Generated(scenario, payload), Impl.Generated);
        AssertSameJson(payload, Plain(scenario, payload, Impl.StjSourceGen), Impl.StjSourceGen);
        AssertSameJson(payload, Plain(scenario, payload, Impl.StjReflection), Impl.StjReflection);
        AssertSameJson(payload, Plain(scenario, payload, Impl.Newtonsoft), Impl.Newtonsoft);
    }

    [Fact]
    public void The_reader_floor_and_the_span_reader_touch_every_token()
    {
        byte[] payload = Payloads.ServersDetail(3);
        var reader = new Utf8JsonReader(payload);
        long expected = 0;
        while (reader.Read())
        {
            expected += (int)reader.TokenType + reader.ValueSpan.Length;
        }

        Assert.Equal(expected, Codecs.ReaderFloor(payload));
        Assert.True(Codecs.ReaderFloor(Payloads.ServersDetail(4)) > expected);
        Assert.Equal(expected, Codecs.SpanReader(payload));
    }

    [Fact]
    public void The_span_reader_pass_turns_every_string_value_into_a_string()
    {
        // Escaped and non-ASCII values: their strings are shorter than their JSON text, so only decoding counts right.
        byte[] payload = System.Text.Encoding.UTF8.GetBytes("{\"servers\":[{\"name\":\"h\\u00e9llo\",\"note\":\"a\\\"b\",\"city\":\"\u00e9t\u00e9\",\"n\":5}]}");
        var reader = new Utf8JsonReader(payload);
        long expected = 0;
        while (reader.Read())
        {
            expected += reader.TokenType == JsonTokenType.String ? reader.GetString()!.Length : (int)reader.TokenType + reader.ValueSpan.Length;
        }

        Assert.Equal(expected, Codecs.SpanReaderStrings(payload));
    }

    [Theory]
    [InlineData(Scenarios.WriteCreateRequest)]
    [InlineData(Scenarios.WriteServersDetail1000)]
    public void Every_implementation_writes_the_same_body(string scenario)
    {
        byte[] payload = Scenarios.Payload(scenario);
        bool create = scenario == Scenarios.WriteCreateRequest;
        byte[] generated = create
            ? Codecs.WriteGeneratedBytes(Codecs.GeneratedCreate(payload), BmsClientJsonCodec.WriteCreateBaremetalServersRequest)
            : Codecs.WriteGeneratedBytes(Codecs.GeneratedServers(payload), BmsClientJsonCodec.WriteListBaremetalServerDetailsResponse);
        AssertSameJson(payload, generated, Impl.Generated);
        if (create)
        {
            PlainCreateRequest plain = Codecs.SourceGen(payload, PlainJsonContext.Default.PlainCreateRequest);
            AssertSameJson(payload, Codecs.WriteSourceGen(plain, PlainJsonContext.Default.PlainCreateRequest), Impl.StjSourceGen);
            AssertSameJson(payload, Codecs.WriteReflection(plain), Impl.StjReflection);
            AssertSameJson(payload, Codecs.WriteNewtonsoft(plain), Impl.Newtonsoft);
        }
        else
        {
            PlainServerList plain = Codecs.PlainServers(payload);
            AssertSameJson(payload, Codecs.WriteSourceGen(plain, PlainJsonContext.Default.PlainServerList), Impl.StjSourceGen);
            AssertSameJson(payload, Codecs.WriteReflection(plain), Impl.StjReflection);
            AssertSameJson(payload, Codecs.WriteNewtonsoft(plain), Impl.Newtonsoft);
        }
    }

    [Fact]
    public void Payloads_are_deterministic_and_carry_repeating_values()
    {
        Assert.Equal(Payloads.ServersDetail(1000), Payloads.ServersDetail(1000));
        ListBaremetalServerDetailsResponse page = Codecs.GeneratedServers(Payloads.ServersDetail(100));
        Assert.Equal(100, page.Servers!.Count);
        Assert.Equal(100, page.Count);
        Assert.Contains(page.Servers, s => s.Status == ServerStatus.Shutoff);
        Assert.All(page.Servers, s => Assert.True(s.Status!.Value.IsKnown));
    }

    /// <summary>Reads with the generated codec, writes back with the generated writer.</summary>
    private static byte[] Generated(string scenario, byte[] payload) => scenario switch
    {
        Scenarios.ServerShow => Write(w => BmsClientJsonCodec.WriteShowBaremetalServerResponse(w, Codecs.GeneratedShow(payload))),
        Scenarios.FlavorsList => Write(w => EcsClientJsonCodec.WriteListFlavorsResponse(w, Codecs.GeneratedFlavors(payload))),
        Scenarios.WriteCreateRequest => Write(w => BmsClientJsonCodec.WriteCreateBaremetalServersRequest(w, Codecs.GeneratedCreate(payload))),
        _ => Write(w => BmsClientJsonCodec.WriteListBaremetalServerDetailsResponse(w, Codecs.GeneratedServers(payload))),
    };

    /// <summary>Reads with one plain-class implementation, writes back with System.Text.Json's source generator.</summary>
    private static byte[] Plain(string scenario, byte[] payload, string implementation) => scenario switch
    {
        Scenarios.ServerShow => JsonSerializer.SerializeToUtf8Bytes(ReadPlain<PlainServerShow>(payload, implementation), PlainJsonContext.Default.PlainServerShow),
        Scenarios.FlavorsList => JsonSerializer.SerializeToUtf8Bytes(ReadPlain<PlainFlavorList>(payload, implementation), PlainJsonContext.Default.PlainFlavorList),
        Scenarios.WriteCreateRequest => JsonSerializer.SerializeToUtf8Bytes(ReadPlain<PlainCreateRequest>(payload, implementation), PlainJsonContext.Default.PlainCreateRequest),
        _ => JsonSerializer.SerializeToUtf8Bytes(ReadPlain<PlainServerList>(payload, implementation), PlainJsonContext.Default.PlainServerList),
    };

    private static T ReadPlain<T>(byte[] payload, string implementation) => implementation switch
    {
        Impl.StjSourceGen => Codecs.SourceGen(payload, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)PlainJsonContext.Default.GetTypeInfo(typeof(T))!),
        Impl.StjReflection => Codecs.Reflection<T>(payload),
        Impl.Newtonsoft => Codecs.Newtonsoft<T>(payload),
        _ => throw new ArgumentOutOfRangeException(nameof(implementation), implementation, null),
    };

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void AssertSameJson(byte[] expected, byte[] actual, string implementation)
    {
        using JsonDocument left = JsonDocument.Parse(expected);
        using JsonDocument right = JsonDocument.Parse(actual);
        Assert.True(
            JsonElement.DeepEquals(left.RootElement, right.RootElement),
            $"{implementation} lost or changed data: {System.Text.Encoding.UTF8.GetString(actual, 0, Math.Min(actual.Length, 600))}");
    }
}
