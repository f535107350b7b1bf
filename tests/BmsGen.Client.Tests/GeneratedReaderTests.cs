using System.Collections.Generic;
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

    private static ListBaremetalServerDetailsResponse Read() =>
        JsonSerializer.Deserialize(Page, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse)!;

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
