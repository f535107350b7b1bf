using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>Every BMS v1 operation the simulator serves, over signed HTTP on loopback.</summary>
public sealed class BmsApiTests : IAsyncLifetime
{
    private const string CreateBody = """
        {"server":{"name":"bms-e2e","imageRef":"img-1","flavorRef":"physical.o2.medium","vpcid":"vpc-1",
         "nics":[{"subnet_id":"subnet-1"}],"availability_zone":"az1","count":2,"metadata":{"owner":"tests"},
         "server_tags":[{"key":"env","value":"test"}]}}
        """;

    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Create_moves_build_to_active_through_init_running_success()
    {
        (HttpStatusCode status, JsonNode? created, _) = await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers", CreateBody);
        Assert.Equal(HttpStatusCode.OK, status);
        string jobId = (string)created!["job_id"]!;
        string[] ids = await ServerIdsOfJob(jobId, expectBuild: true);

        Assert.Equal(2, ids.Distinct().Count());
        foreach (string id in ids)
        {
            JsonNode server = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}")).Body!["server"]!;
            Assert.Equal("ACTIVE", (string)server["status"]!);
            Assert.Equal("tests", (string)server["metadata"]!["owner"]!);
            Assert.Contains("env=test", server["tags"]!.AsArray().Select(t => (string)t!));
            Assert.Contains("__type_baremetal", server["tags"]!.AsArray().Select(t => (string)t!));
        }

        JsonNode listed = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?name=bms-e2e")).Body!;
        Assert.Equal(2, (int)listed["count"]!);
        JsonNode shortList = (await _sim.SendAsync(HttpMethod.Get, "/v1.1/{p}/baremetalservers/detail?name=bms-e2e")).Body!;
        Assert.Equal(2, shortList["servers"]!.AsArray().Count);
        Assert.Equal(32, (int)shortList["servers"]![0]!["flavor"]!["vcpus"]!);
    }

    [Fact]
    public async Task Power_rename_metadata_tags_nics_volumes_reinstall_change_os_and_delete()
    {
        string id = (await CreateOne()).Single();
        BmsClient bms = _sim.Bms();

        await Power("os-stop", id, "SHUTOFF");
        JsonNode stopAgain = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers/action", $$$"""{"os-stop":{"servers":[{"id":"{{{id}}}"}]}}""")).Body!;
        Assert.Equal("BMS.0039", (string)stopAgain["error"]!["code"]!);
        await Power("os-start", id, "ACTIVE");
        await Power("reboot", id, "ACTIVE", """ ,"type":"HARD" """);

        UpdateBaremetalServerResponse renamed = await bms.UpdateBaremetalServerAsync(id, new UpdateBaremetalServerRequest
        {
            Server = new UpdateBaremetalServerRequestServer { Name = "renamed" },
        });
        Assert.Equal("renamed", renamed.Server!.Name);

        UpdateBaremetalServerMetadataResponse metadata = await bms.UpdateBaremetalServerMetadataAsync(id, new UpdateBaremetalServerMetadataRequest
        {
            Metadata = new System.Collections.Generic.Dictionary<string, string> { ["team"] = "sim" },
        });
        Assert.Equal("sim", metadata.Metadata!["team"]);

        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/tags/action", """{"action":"create","tags":[{"key":"a","value":"1"},{"key":"b","value":"2"}]}""")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/tags/action", """{"action":"delete","tags":[{"key":"a"}]}""")).Status);
        ShowBaremetalServerTagsResponse tags = await bms.ShowBaremetalServerTagsAsync(id);
        Assert.Equal(new[] { "env", "b" }, tags.Tags!.Select(t => t.Key));
        JsonNode tagged = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?tags=b=2")).Body!;
        Assert.Equal(id, (string)tagged["servers"]!.AsArray().Single()!["id"]!);

        JsonNode addNic = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/nics", """{"nics":[{"subnet_id":"subnet-2"}]}""")).Body!;
        JsonNode nicJob = (await _sim.WaitJobAsync((string)addNic["job_id"]!)).Job;
        string port = (string)nicJob["entities"]!["sub_jobs"]![0]!["entities"]!["nic_id"]!;
        ListBaremetalServerInterfaceAttachmentsResponse interfaces = await bms.ListBaremetalServerInterfaceAttachmentsAsync(id);
        Assert.Equal(2, interfaces.InterfaceAttachments!.Count);
        string primary = interfaces.InterfaceAttachments![0].PortId!;
        JsonNode refused = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/nics/delete", $$"""{"nics":[{"id":"{{primary}}"}]}""")).Body!;
        Assert.Equal("BMS.0222", (string)refused["error"]!["code"]!);
        JsonNode deleteNic = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/nics/delete", $$"""{"nics":[{"id":"{{port}}"}]}""")).Body!;
        await _sim.WaitJobAsync((string)deleteNic["job_id"]!);
        Assert.Single((await bms.ListBaremetalServerInterfaceAttachmentsAsync(id)).InterfaceAttachments!);

        JobIdResponse attach = await bms.AttachBaremetalServerVolumeAsync(id, new AttachBaremetalServerVolumeRequest
        {
            VolumeAttachment = new AttachBaremetalServerVolumeRequestVolumeAttachment { VolumeId = "vol-1" },
        });
        await _sim.WaitJobAsync(attach.JobId!);
        Assert.Equal("vol-1", (await bms.ListBaremetalServerVolumeAttachmentsAsync(id)).VolumeAttachments!.Single().VolumeId);
        JsonNode twice = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/attachvolume", """{"volumeAttachment":{"volumeId":"vol-1"}}""")).Body!;
        Assert.Equal("BMS.1009", (string)twice["error"]!["code"]!);
        JobIdResponse detach = await bms.DetachBaremetalServerVolumeAsync(id, "vol-1");
        await _sim.WaitJobAsync(detach.JobId!);
        Assert.Empty((await bms.ListBaremetalServerVolumeAttachmentsAsync(id)).VolumeAttachments!);

        JsonNode reinstall = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/reinstallos", """{"os-reinstall":{"adminpass":"Pass-word1"}}""")).Body!;
        await _sim.WaitJobAsync((string)reinstall["job_id"]!);
        JsonNode change = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/changeos", """{"os-change":{"keyname":"k","imageid":"img-2"}}""")).Body!;
        await _sim.WaitJobAsync((string)change["job_id"]!);
        Assert.Equal("img-2", (await bms.ShowBaremetalServerAsync(id)).Server!.Image!.Id);

        int usedBefore = (await bms.ShowBaremetalServerLimitsAsync()).Absolute!.TotalInstancesUsed!.Value;
        JsonNode delete = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers/delete", $$"""{"servers":[{"id":"{{id}}"}],"delete_publicip":true}""")).Body!;
        await _sim.WaitJobAsync((string)delete["job_id"]!);
        BmsGenApiException gone = await Assert.ThrowsAsync<BmsGenApiException>(() => bms.ShowBaremetalServerAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("BMS.0040", gone.ErrorCode);
        Assert.Equal(usedBefore - 1, (await bms.ShowBaremetalServerLimitsAsync()).Absolute!.TotalInstancesUsed);
    }

    [Fact]
    public async Task Flavors_versions_and_jobs_answer_documented_shapes()
    {
        ListBaremetalFlavorDetailExtendsResponse flavors = await _sim.Bms().ListBaremetalFlavorDetailExtendsAsync();
        Assert.All(flavors.Flavors!, f => Assert.StartsWith("physical.", f.Id));
        JsonNode versions = (await _sim.SendAsync(HttpMethod.Get, "/")).Body!;
        Assert.Contains("v1", versions["versions"]!.AsArray().Select(v => (string)v!["id"]!));
        JsonNode unknownJob = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/jobs/nope")).Body!;
        Assert.NotNull(unknownJob["error"]!["code"]);
    }

    [Theory]
    [InlineData("""{"server":{"name":123,"imageRef":"i","flavorRef":"physical.o2.medium","vpcid":"v","nics":[{"subnet_id":"s"}],"availability_zone":"az1"}}""", "server.name")]
    [InlineData("""{"server":{"name":"x","imageRef":"i","flavorRef":"physical.o2.medium","vpcid":"v","nics":"s","availability_zone":"az1"}}""", "server.nics")]
    [InlineData("""{"server":{"name":"x","imageRef":"i","flavorRef":"physical.o2.medium","vpcid":"v","nics":[{"subnet_id":"s"}],"availability_zone":"az1","count":"2"}}""", "server.count")]
    [InlineData("""{"server":{"name":"x","imageRef":"i","flavorRef":"physical.o2.medium","vpcid":"v","nics":[{"subnet_id":"s"}],"availability_zone":"az1","metadata":{"a":1}}}""", "server.metadata.a")]
    [InlineData("""{"server":[]}""", "server")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"server":""", "not valid JSON")]
    public async Task Wrongly_typed_or_malformed_bodies_are_a_400_with_a_bms_code(string body, string named)
    {
        (HttpStatusCode status, JsonNode? error, _) = await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BMS.0001", (string)error!["error"]!["code"]!);
        Assert.Contains(named, (string)error["error"]!["message"]!);
    }

    [Fact]
    public async Task Unknown_servers_are_404_and_unknown_apis_answer_the_gateway_shape()
    {
        (HttpStatusCode status, JsonNode? error, _) = await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("BMS.0040", (string)error!["error"]!["code"]!);

        (HttpStatusCode wrongMethod, JsonNode? gateway, _) = await _sim.SendAsync(HttpMethod.Delete, "/v1/{p}/baremetalservers/x");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod);
        Assert.Equal("APIGW.0101", (string)gateway!["error_code"]!);
    }

    [Fact]
    public async Task Quota_rises_with_creates_and_refuses_past_the_limit_in_each_api()
    {
        await using SimulatorHarness small = await SimulatorHarness.StartAsync(o => o.Quotas.Instances = 2);
        Assert.Equal(HttpStatusCode.OK, (await small.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers", CreateBody)).Status);
        Assert.Equal(2, (int)(await small.SendAsync(HttpMethod.Get, "/v2.1/{p}/limits")).Body!["limits"]!["absolute"]!["totalInstancesUsed"]!);

        JsonNode bms = (await small.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers", CreateBody.Replace("\"count\":2", "\"count\":1"))).Body!;
        Assert.Equal("BMS.0025", (string)bms["error"]!["code"]!);
        (HttpStatusCode novaStatus, JsonNode? nova, _) = await small.SendAsync(HttpMethod.Post, "/v2.1/{p}/servers", """{"server":{"name":"n","flavorRef":"s6.large.2","imageRef":"i","networks":[{"uuid":"net"}]}}""");
        Assert.Equal(HttpStatusCode.Forbidden, novaStatus);
        Assert.Contains("Quota exceeded", (string)nova!["forbidden"]!["message"]!);
        JsonNode ecs = (await small.SendAsync(HttpMethod.Post, "/v1.1/{p}/cloudservers", EcsTests.CreateBody)).Body!;
        Assert.Equal("Ecs.0001", (string)ecs["error"]!["code"]!);
    }

    private async Task<string[]> CreateOne() => await ServerIdsOfJob(
        (string)(await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers", CreateBody.Replace("\"count\":2", "\"count\":1"))).Body!["job_id"]!, expectBuild: false);

    private async Task<string[]> ServerIdsOfJob(string jobId, bool expectBuild)
    {
        JsonNode first = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/jobs/{jobId}")).Body!;
        Assert.Equal("INIT", (string)first["status"]!);
        string[] ids = first["entities"]!["sub_jobs"]!.AsArray().Select(s => (string)s!["entities"]!["server_id"]!).ToArray();
        if (expectBuild)
        {
            Assert.Equal("BUILD", (string)(await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?name=bms-e2e")).Body!["servers"]![0]!["status"]!);
        }

        (JsonNode job, string statuses) = await _sim.WaitJobAsync(jobId);
        Assert.EndsWith("SUCCESS", statuses);
        Assert.Equal("baremetalBatchCreate", (string)job["job_type"]!);
        return ids;
    }

    private async Task Power(string action, string id, string expected, string extra = "")
    {
        (HttpStatusCode status, JsonNode? body, _) = await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers/action", "{\"" + action + "\":{\"servers\":[{\"id\":\"" + id + "\"}]" + extra + "}}");
        Assert.Equal(HttpStatusCode.OK, status);
        await _sim.WaitJobAsync((string)body!["job_id"]!);
        Assert.Equal(expected, (string)(await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}")).Body!["server"]!["status"]!);
    }
}

/// <summary>The BMS v1 operations around passwords, the metadata service, consoles, ports and capacity.</summary>
public sealed class BmsAccessTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.SeedServers = 2);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Passwords_metadata_options_console_ports_and_available_resources()
    {
        JsonNode first = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail")).Body!["servers"]![0]!;
        string id = (string)first["id"]!;
        string port = (string)first["addresses"]!.AsObject().Single().Value![0]!["OS-EXT-IPS:port_id"]!;

        Assert.Equal(string.Empty, (string)(await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}/os-server-password")).Body!["password"]!);
        Assert.Equal(HttpStatusCode.OK, (await _sim.SendAsync(HttpMethod.Put, $"/v1/{{p}}/baremetalservers/{id}/os-reset-password", """{"reset-password":{"new_password":"Sim-passw0rd"}}""")).Status);
        Assert.NotEqual(string.Empty, (string)(await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}/os-server-password")).Body!["password"]!);
        Assert.Equal(HttpStatusCode.Accepted, (await _sim.SendAsync(HttpMethod.Delete, $"/v1/{{p}}/baremetalservers/{id}/os-server-password")).Status);
        Assert.Equal(string.Empty, (string)(await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}/os-server-password")).Body!["password"]!);
        Assert.Equal("True", (string)(await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}/os-resetpwd-flag")).Body!["resetpwd_flag"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await _sim.SendAsync(HttpMethod.Put, $"/v1/{{p}}/baremetalservers/{id}/os-reset-password", """{"reset-password":{"new_password":12345678}}""")).Status);

        Assert.Equal(HttpStatusCode.OK, (await _sim.SendAsync(HttpMethod.Put, $"/v1/{{p}}/baremetalservers/{id}/metadata-options", """{"http_tokens":"required"}""")).Status);
        JsonNode options = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}/metadata-options")).Body!;
        Assert.Equal("required", (string)options["http_tokens"]!);
        Assert.Equal("enabled", (string)options["http_endpoint"]!);

        JsonNode console = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/baremetalservers/{id}/remote_console", """{"remote_console":{"type":"serial","protocol":"serial"}}""")).Body!;
        Assert.StartsWith("ws", (string)console["remote_console"]!["url"]!);

        Assert.Equal(HttpStatusCode.OK, (await _sim.SendAsync(HttpMethod.Put, $"/v1/{{p}}/baremetalservers/{id}/os-interface/{port}", """{"interface_attachment":{"delete_on_termination":true}}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _sim.SendAsync(HttpMethod.Put, $"/v1/{{p}}/baremetalservers/{id}/os-interface/no-port", """{"interface_attachment":{"delete_on_termination":true}}""")).Status);

        JsonNode available = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/available_resource?availability_zone=az1")).Body!;
        JsonNode flavor = available["available_resource"]![0]!["flavors"]![0]!;
        Assert.Equal(_sim.Simulator.Options.Quotas.Instances - 2, (int)flavor["count"]!);
    }
}
