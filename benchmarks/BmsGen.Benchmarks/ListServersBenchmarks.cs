using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BmsGen.Client.Bms;

/// <summary>
/// Deserializing a BMS list response (ListBaremetalServerDetails) of N servers: the generated codec (through its
/// JsonSerializerContext) against System.Text.Json's reflection path and Newtonsoft.Json over plain DTOs that mirror
/// the same wire fields, and JsonDocument as a parse-only reference.
/// </summary>
[MemoryDiagnoser]
public class ListServersBenchmarks
{
    private static readonly JsonSerializerOptions ReflectionOptions = new();
    private byte[] _utf8 = null!;
    private string _text = null!;

    [Params(10, 200)]
    public int Servers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var response = new ListBaremetalServerDetailsResponse
        {
            Count = Servers,
            Servers = Enumerable.Range(0, Servers).Select(CreateServer).ToList(),
        };
        _utf8 = JsonSerializer.SerializeToUtf8Bytes(response, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse);
        _text = Encoding.UTF8.GetString(_utf8);
    }

    [Benchmark(Baseline = true)]
    public int Generated() => JsonSerializer.Deserialize(_utf8, BmsClientJsonContext.Default.ListBaremetalServerDetailsResponse)!.Servers!.Count;

    [Benchmark]
    public int SystemTextJsonReflection() => JsonSerializer.Deserialize<PlainList>(_utf8, ReflectionOptions)!.Servers!.Count;

    [Benchmark]
    public int NewtonsoftJson() => Newtonsoft.Json.JsonConvert.DeserializeObject<PlainList>(_text)!.Servers!.Count;

    [Benchmark]
    public int JsonDocumentParseOnly()
    {
        using JsonDocument document = JsonDocument.Parse(_utf8);
        return document.RootElement.GetProperty("servers").GetArrayLength();
    }

    private static ServerDetail CreateServer(int index) => new()
    {
        Id = $"b544be62-1b3b-4982-ad98-{index:D12}",
        Name = $"bms-{index}",
        Status = ServerStatus.Active,
        Created = "2018-09-06T09:29:27Z",
        Updated = "2018-09-10T01:20:58Z",
        TenantId = "bbf1946d374b44a0a2a95533562ba954",
        UserId = "0c50494c5816425eb05c40b5e81ab65a",
        HostId = "cd243addb5d2c64e89218180b7a3ed95abe6882e81c337cc563137df",
        Addresses = new Dictionary<string, IReadOnlyList<ServerAddress>>
        {
            ["5849fdf1-9d79-4589-80c2-fe557990c417"] = new[]
            {
                new ServerAddress { Version = "4", Addr = "192.168.1.63", OsExtIpsMacMacAddr = "fa:16:3e:3a:8d:f1", OsExtIpsType = "fixed", OsExtIpsPortId = "c79d2813-94c9-4135-973e-cbf5d23e78e6" },
            },
        },
        Flavor = new ServerFlavor { Id = "physical.s1.medium", Name = "physical.s1.medium", Disk = "9309", Vcpus = "32", Ram = "193047" },
        Image = new ServerImage { Id = "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85" },
        Metadata = new Dictionary<string, string> { ["baremetalPortIDList"] = "[c79d2813]", ["chargingMode"] = "0", ["os_type"] = "Linux" },
        Tags = new[] { "__type_baremetal" },
        Locked = false,
        OsExtStsPowerState = 1,
        OsExtStsVmState = "active",
        OsExtAzAvailabilityZone = "az-dc-1",
        OsExtSrvAttrHostname = $"bms-{index}",
        OsSrvUsgLaunchedAt = "2018-09-06T09:30:36.000000",
        SysTags = new[] { new SysTag { Key = "_sys_enterprise_project_id", Value = "0" } },
    };

    // Plain DTOs over the same wire fields, for the reflection-based serializers.
    public sealed class PlainList
    {
        [JsonPropertyName("count")] [Newtonsoft.Json.JsonProperty("count")] public int? Count { get; set; }
        [JsonPropertyName("servers")] [Newtonsoft.Json.JsonProperty("servers")] public List<PlainServer>? Servers { get; set; }
    }

    public sealed class PlainServer
    {
        [JsonPropertyName("id")] [Newtonsoft.Json.JsonProperty("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] [Newtonsoft.Json.JsonProperty("name")] public string? Name { get; set; }
        [JsonPropertyName("status")] [Newtonsoft.Json.JsonProperty("status")] public string? Status { get; set; }
        [JsonPropertyName("created")] [Newtonsoft.Json.JsonProperty("created")] public string? Created { get; set; }
        [JsonPropertyName("updated")] [Newtonsoft.Json.JsonProperty("updated")] public string? Updated { get; set; }
        [JsonPropertyName("tenant_id")] [Newtonsoft.Json.JsonProperty("tenant_id")] public string? TenantId { get; set; }
        [JsonPropertyName("user_id")] [Newtonsoft.Json.JsonProperty("user_id")] public string? UserId { get; set; }
        [JsonPropertyName("hostId")] [Newtonsoft.Json.JsonProperty("hostId")] public string? HostId { get; set; }
        [JsonPropertyName("addresses")] [Newtonsoft.Json.JsonProperty("addresses")] public Dictionary<string, List<PlainAddress>>? Addresses { get; set; }
        [JsonPropertyName("flavor")] [Newtonsoft.Json.JsonProperty("flavor")] public PlainFlavor? Flavor { get; set; }
        [JsonPropertyName("image")] [Newtonsoft.Json.JsonProperty("image")] public PlainImage? Image { get; set; }
        [JsonPropertyName("metadata")] [Newtonsoft.Json.JsonProperty("metadata")] public Dictionary<string, string>? Metadata { get; set; }
        [JsonPropertyName("tags")] [Newtonsoft.Json.JsonProperty("tags")] public List<string>? Tags { get; set; }
        [JsonPropertyName("locked")] [Newtonsoft.Json.JsonProperty("locked")] public bool? Locked { get; set; }
        [JsonPropertyName("OS-EXT-STS:power_state")] [Newtonsoft.Json.JsonProperty("OS-EXT-STS:power_state")] public int? PowerState { get; set; }
        [JsonPropertyName("OS-EXT-STS:vm_state")] [Newtonsoft.Json.JsonProperty("OS-EXT-STS:vm_state")] public string? VmState { get; set; }
        [JsonPropertyName("OS-EXT-AZ:availability_zone")] [Newtonsoft.Json.JsonProperty("OS-EXT-AZ:availability_zone")] public string? AvailabilityZone { get; set; }
        [JsonPropertyName("OS-EXT-SRV-ATTR:hostname")] [Newtonsoft.Json.JsonProperty("OS-EXT-SRV-ATTR:hostname")] public string? Hostname { get; set; }
        [JsonPropertyName("OS-SRV-USG:launched_at")] [Newtonsoft.Json.JsonProperty("OS-SRV-USG:launched_at")] public string? LaunchedAt { get; set; }
        [JsonPropertyName("sys_tags")] [Newtonsoft.Json.JsonProperty("sys_tags")] public List<PlainTag>? SysTags { get; set; }
    }

    public sealed class PlainAddress
    {
        [JsonPropertyName("version")] [Newtonsoft.Json.JsonProperty("version")] public string? Version { get; set; }
        [JsonPropertyName("addr")] [Newtonsoft.Json.JsonProperty("addr")] public string? Addr { get; set; }
        [JsonPropertyName("OS-EXT-IPS-MAC:mac_addr")] [Newtonsoft.Json.JsonProperty("OS-EXT-IPS-MAC:mac_addr")] public string? MacAddr { get; set; }
        [JsonPropertyName("OS-EXT-IPS:type")] [Newtonsoft.Json.JsonProperty("OS-EXT-IPS:type")] public string? Type { get; set; }
        [JsonPropertyName("OS-EXT-IPS:port_id")] [Newtonsoft.Json.JsonProperty("OS-EXT-IPS:port_id")] public string? PortId { get; set; }
    }

    public sealed class PlainFlavor
    {
        [JsonPropertyName("id")] [Newtonsoft.Json.JsonProperty("id")] public string? Id { get; set; }
        [JsonPropertyName("name")] [Newtonsoft.Json.JsonProperty("name")] public string? Name { get; set; }
        [JsonPropertyName("disk")] [Newtonsoft.Json.JsonProperty("disk")] public string? Disk { get; set; }
        [JsonPropertyName("vcpus")] [Newtonsoft.Json.JsonProperty("vcpus")] public string? Vcpus { get; set; }
        [JsonPropertyName("ram")] [Newtonsoft.Json.JsonProperty("ram")] public string? Ram { get; set; }
    }

    public sealed class PlainImage
    {
        [JsonPropertyName("id")] [Newtonsoft.Json.JsonProperty("id")] public string? Id { get; set; }
    }

    public sealed class PlainTag
    {
        [JsonPropertyName("key")] [Newtonsoft.Json.JsonProperty("key")] public string? Key { get; set; }
        [JsonPropertyName("value")] [Newtonsoft.Json.JsonProperty("value")] public string? Value { get; set; }
    }
}
