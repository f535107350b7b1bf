using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using BmsGen.Client.Bms;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>What the generated readers share and how they size what they build.</summary>
public sealed class GeneratedReaderTests
{
    private const string Page = """
        {"count": 3, "servers": [
          {"id": "a", "status": "ACTIVE", "OS-EXT-AZ:availability_zone": "cn-north-4a", "metadata": {"os_type": "Linux", "chargingMode": "0"},
           "addresses": {"vpc-1": [{"addr": "192.168.0.2", "OS-EXT-IPS:type": "fixed"}]}},
          {"id": "b", "status": "ACTIVE", "OS-EXT-AZ:availability_zone": "cn-north-4a", "metadata": {"os_type": "Linux"},
           "addresses": {"vpc-1": [{"addr": "192.168.0.3", "OS-EXT-IPS:type": "fixed"}, {"addr": "100.85.0.3", "OS-EXT-IPS:type": "floating"}]}},
          {"id": "c", "status": "SOMETHING_NEW", "OS-EXT-AZ:availability_zone": "cn-north-4b"}
        ]}
        """;

    [Fact]
    public void Documented_enum_values_are_the_static_instances_and_unknown_ones_are_kept()
    {
        IReadOnlyList<ServerDetail> servers = Read().Servers!;

        Assert.Same(ServerStatus.Active.Value, servers[0].Status!.Value.Value);
        Assert.Same(IpAddressType.Floating.Value, servers[1].Addresses!["vpc-1"][1].OsExtIpsType!.Value.Value);
        Assert.Equal("SOMETHING_NEW", servers[2].Status!.Value.Value);
        Assert.False(servers[2].Status!.Value.IsKnown);
    }

    [Fact]
    public void Values_and_keys_that_repeat_across_a_page_are_shared()
    {
        IReadOnlyList<ServerDetail> servers = Read().Servers!;

        Assert.Same(servers[0].OsExtAzAvailabilityZone, servers[1].OsExtAzAvailabilityZone);
        Assert.Equal("cn-north-4b", servers[2].OsExtAzAvailabilityZone);
        Assert.Same(servers[0].Metadata!["os_type"], servers[1].Metadata!["os_type"]);
        Assert.Same(Key(servers[0].Metadata!, "os_type"), Key(servers[1].Metadata!, "os_type"));
    }

    [Fact]
    public void Arrays_are_exactly_sized()
    {
        IReadOnlyList<ServerDetail> servers = Read().Servers!;

        Assert.Equal(3, Assert.IsType<ServerDetail[]>(servers).Length);
        Assert.Single(Assert.IsType<ServerAddress[]>(servers[0].Addresses!["vpc-1"]));
        Assert.Equal(2, Assert.IsType<ServerAddress[]>(servers[1].Addresses!["vpc-1"]).Length);
    }

    [Fact]
    public void JsonSerializer_reads_through_the_generated_converters_from_segments_and_streams()
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(Page);
        string expected = JsonSerializer.Serialize(Read(), BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse);

        // Seven-byte segments: the converter is handed the page as a sequence, not one span.
        var reader = new Utf8JsonReader(Segments.Of(utf8, 7));
        ListBaremetalServerDetailsResponse fromSegments =
            JsonSerializer.Deserialize(ref reader, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse)!;
        Assert.Equal(expected, JsonSerializer.Serialize(fromSegments, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse));
        Assert.Equal(utf8.Length, reader.BytesConsumed);

        var options = new JsonSerializerOptions(BmsClientJsonContext.Default.Options) { DefaultBufferSize = 16 };
        var fromStream = (ListBaremetalServerDetailsResponse)JsonSerializer.Deserialize(
            new MemoryStream(utf8), typeof(ListBaremetalServerDetailsResponse), options)!;
        Assert.Equal(expected, JsonSerializer.Serialize(fromStream, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse));
        Assert.Equal(3, fromStream.Servers!.Count);
    }

    private static ListBaremetalServerDetailsResponse Read() =>
        JsonSerializer.Deserialize(Page, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse)!;

    private sealed class Segments : ReadOnlySequenceSegment<byte>
    {
        private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Of(byte[] utf8, int size)
        {
            var first = new Segments(utf8.AsMemory(0, Math.Min(size, utf8.Length)), 0);
            Segments last = first;
            for (int start = size; start < utf8.Length; start += size)
            {
                var next = new Segments(utf8.AsMemory(start, Math.Min(size, utf8.Length - start)), start);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }

    private static string Key(IReadOnlyDictionary<string, string> map, string key)
    {
        foreach (string candidate in map.Keys)
        {
            if (candidate == key)
            {
                return candidate;
            }
        }

        throw new KeyNotFoundException(key);
    }
}
