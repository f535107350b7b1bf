using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Client.Ecs;
using BmsGen.Runtime;
using BmsGen.Runtime.Jobs;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>The BMS NIC modification, the API versions and the ECS cold migration, end to end.</summary>
public sealed class ModifyNicMigrateVersionTests
{
    private static readonly JobWaitOptions FastWait = new() { InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task ModifyVmNic_moves_a_bare_metal_NIC_to_another_subnet_and_address()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.SeedServers = 2);
        BmsClient bms = sim.Bms();
        string serverId = (await bms.ListBaremetalServerDetailsAsync()).Servers!.Single().Id!;
        string portId = (await bms.ListBaremetalServerInterfaceAttachmentsAsync(serverId)).InterfaceAttachments!.First().PortId!;

        ModifyVmNicResponse modified = await bms.ModifyVmNicAsync(portId, new ModifyVmNicRequest
        {
            Nic = new ModifyVmNicRequestNic { SubnetId = "b7e8a5f1-0c3d-4e2a-9f61-3d2c1b0a9e88", IpAddresses = new[] { "10.1.2.3" }, ReverseBinding = new[] { false } },
        });

        Assert.Equal(portId, modified.PortId);
        FixedIp ip = (await bms.ListBaremetalServerInterfaceAttachmentsAsync(serverId)).InterfaceAttachments!.Single(a => a.PortId == portId).FixedIps!.Single();
        Assert.Equal("b7e8a5f1-0c3d-4e2a-9f61-3d2c1b0a9e88", ip.SubnetId);
        Assert.Equal("10.1.2.3", ip.IpAddress);

        BmsGenApiException unknown = await Assert.ThrowsAsync<BmsGenApiException>(() => bms.ModifyVmNicAsync("no-such-port", new ModifyVmNicRequest { Nic = new ModifyVmNicRequestNic { SubnetId = "s" } }));
        Assert.Equal("BMS.0015", unknown.ErrorCode);
        (HttpStatusCode status, JsonNode? error, _) = await sim.SendAsync(HttpMethod.Put, $"/v1/{{p}}/baremetalservers/nics/{portId}", """{"nic":{"ip_addresses":[1]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nic.ip_addresses[0]", (string)error!["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_versions_are_listed_and_shown()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        BmsClient bms = sim.Bms();
        ListVersionsResponse versions = await bms.ListVersionsAsync();
        Assert.Contains(versions.Versions!, v => v.Id == "v1");
        ShowVersionResponse v1 = await bms.ShowVersionAsync("v1");
        Assert.Equal("v1", v1.Version!.Id);
        Assert.Equal("CURRENT", v1.Version.Status?.Value);
    }

    [Fact]
    public async Task A_stopped_ECS_cold_migrates_to_another_host_through_a_job()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.SeedServers = 2);
        EcsClient ecs = sim.Ecs().Api;
        string serverId = (string)(await sim.SendAsync(HttpMethod.Get, "/v1/{p}/cloudservers/detail?offset=1")).Body!["servers"]![0]!["id"]!;
        string HostOf(JsonNode body) => (string)body["server"]!["OS-EXT-SRV-ATTR:host"]!;
        string before = HostOf((await sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/cloudservers/{serverId}")).Body!);

        BmsGenApiException running = await Assert.ThrowsAsync<BmsGenApiException>(() => ecs.MigrateServerAsync(serverId, new MigrateServerRequest { Migrate = new MigrateServerOption() }));
        Assert.Equal(HttpStatusCode.BadRequest, running.StatusCode);

        await ecs.BatchStopServersAndWaitAsync(new BatchStopServersRequest { OsStop = new BatchStopServersOption { Servers = new[] { new BmsGen.Client.Ecs.ServerIdRef { Id = serverId } } } }, FastWait);
        ShowJobResponse job = await ecs.MigrateServerAndWaitAsync(serverId, new MigrateServerRequest { Migrate = new MigrateServerOption { DedicatedHostId = "459a2b9d-804a-4745-ab19-a113bb1b4ddc" } }, FastWait);
        Assert.Equal("SUCCESS", job.Status?.Value);
        JsonNode after = (await sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/cloudservers/{serverId}")).Body!;
        Assert.NotEqual(before, HostOf(after));
        Assert.Equal("SHUTOFF", (string)after["server"]!["status"]!);
    }
}
