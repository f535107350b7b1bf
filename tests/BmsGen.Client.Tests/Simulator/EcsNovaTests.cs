using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Client.Ecs;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>The main ECS and Nova flows over the one state the BMS API shares.</summary>
public sealed class EcsTests : IAsyncLifetime
{
    public const string CreateBody = """
        {"server":{"name":"ecs-e2e","imageRef":"img-1","flavorRef":"s6.large.2","vpcid":"vpc-1","nics":[{"subnet_id":"subnet-1"}],
         "root_volume":{"volumetype":"SSD"},"availability_zone":"az1","power_on":true,"tags":["env=test"]}}
        """;

    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task An_ecs_created_through_ecs_is_a_nova_server_and_not_a_bms()
    {
        EcsClientFacade ecs = _sim.Ecs();
        CreateServersResponse created = await ecs.Api.CreateServersAsync(new CreateServersRequest
        {
            Server = new CreateServersOption
            {
                Name = "ecs-e2e",
                ImageRef = "img-1",
                FlavorRef = "s6.large.2",
                Vpcid = "vpc-1",
                Nics = new[] { new CreateServersNic { SubnetId = "subnet-1" } },
                RootVolume = new CreateServersRootVolume { Volumetype = "SSD" },
                AvailabilityZone = "az1",
                PowerOn = true,
            },
        });
        ShowJobResponse job = await ecs.Api.ShowJobAsync(created.JobId!);
        Assert.Equal(JobStatus.Init, job.Status);
        string id = job.Entities!.SubJobs!.Single().Entities!.ServerId!;
        await _sim.WaitJobAsync(created.JobId!);

        Assert.Equal("ACTIVE", (await ecs.Stack.ShowServerAsync(id)).Server!.Status?.Value);
        NovaServerDetail nova = (await ecs.Nova.NovaShowServerAsync(id)).Server!;
        Assert.Equal("ecs-e2e", nova.Name);
        Assert.Equal(2, nova.Flavor!.Vcpus);
        JsonNode bmsList = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?name=ecs-e2e")).Body!;
        Assert.Equal(0, (int)bmsList["count"]!);
        JsonNode bmsShow = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/{id}")).Body!;
        Assert.Equal("BMS.0040", (string)bmsShow["error"]!["code"]!);
        BmsGen.Client.Ecs.Stack.ListServersDetailsResponse listed = await ecs.Stack.ListServersDetailsAsync(offset: 1, name: "ecs-e2e");
        Assert.Equal(id, listed.Servers!.Single().Id);

        JobIdResponse stop = await ecs.Api.BatchStopServersAsync(new BatchStopServersRequest
        {
            OsStop = new BatchStopServersOption { Servers = new[] { new ServerIdRef { Id = id } } },
        });
        await _sim.WaitJobAsync(stop.JobId!);
        ResizeServerResponse? resize = await ecs.Api.ResizeServerAsync(id, new ResizeServerRequest { Resize = new ResizeServerOption { FlavorRef = "s6.xlarge.2" } });
        await _sim.WaitJobAsync(resize!.JobId!);
        Assert.Equal("s6.xlarge.2", (await ecs.Nova.NovaShowServerAsync(id)).Server!.Flavor!.Id);
        BmsGenApiException same = await Assert.ThrowsAsync<BmsGenApiException>(() => ecs.Api.ResizeServerAsync(id, new ResizeServerRequest { Resize = new ResizeServerOption { FlavorRef = "s6.xlarge.2" } }));
        Assert.Equal("Ecs.0009", same.ErrorCode);

        JsonNode tags = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/servers/resource_instances/action", """{"action":"filter","tags":[{"key":"env","values":["test"]}]}""")).Body!;
        Assert.Equal(0, (int)tags["total_count"]!);
        await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/servers/{id}/tags/action", """{"action":"create","tags":[{"key":"env","value":"test"}]}""");
        tags = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/servers/resource_instances/action", """{"action":"filter","tags":[{"key":"env","values":["test"]}]}""")).Body!;
        Assert.Equal(id, (string)tags["resources"]![0]!["resource_id"]!);

        JobIdResponse delete = await ecs.Api.DeleteServersAsync(new DeleteServersRequest { Servers = new[] { new ServerIdRef { Id = id } } });
        await _sim.WaitJobAsync(delete.JobId!);
        BmsGenApiException gone = await Assert.ThrowsAsync<BmsGenApiException>(() => ecs.Stack.ShowServerAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("Ecs.0114", gone.ErrorCode);
    }

    [Fact]
    public async Task Ecs_v1_create_power_os_nics_volumes_metadata_and_server_groups()
    {
        JsonNode created = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/cloudservers", CreateBody.Replace("\"tags\":[\"env=test\"]", "\"metadata\":{\"k\":\"v\"}", System.StringComparison.Ordinal))).Body!;
        JsonNode job = (await _sim.WaitJobAsync((string)created["job_id"]!)).Job;
        Assert.Equal("createServer", (string)job["job_type"]!);
        string id = (string)job["entities"]!["sub_jobs"]![0]!["entities"]!["server_id"]!;

        foreach (string action in new[] { "{\"reboot\":{\"type\":\"SOFT\",\"servers\":[{\"id\":\"ID\"}]}}", "{\"os-stop\":{\"servers\":[{\"id\":\"ID\"}]}}", "{\"os-start\":{\"servers\":[{\"id\":\"ID\"}]}}" })
        {
            JsonNode answer = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/cloudservers/action", action.Replace("ID", id, System.StringComparison.Ordinal))).Body!;
            await _sim.WaitJobAsync((string)answer["job_id"]!);
        }

        JsonNode rebootType = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/cloudservers/action", "{\"reboot\":{\"servers\":[{\"id\":\"" + id + "\"}]}}")).Body!;
        Assert.Equal("Ecs.0005", (string)rebootType["error"]!["code"]!);

        JsonNode reinstall = (await _sim.SendAsync(HttpMethod.Post, $"/v2/{{p}}/cloudservers/{id}/reinstallos", """{"os-reinstall":{"keyname":"k"}}""")).Body!;
        await _sim.WaitJobAsync((string)reinstall["job_id"]!);
        JsonNode change = (await _sim.SendAsync(HttpMethod.Post, $"/v2/{{p}}/cloudservers/{id}/changeos", """{"os-change":{"imageid":"img-9"}}""")).Body!;
        await _sim.WaitJobAsync((string)change["job_id"]!);
        JsonNode server = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/cloudservers/{id}")).Body!["server"]!;
        Assert.Equal("img-9", (string)server["image"]!["id"]!);
        Assert.Equal("v", (string)server["metadata"]!["k"]!);
        Assert.Equal(4, (int)server["addresses"]!.AsObject().Single().Value![0]!["version"]!);

        JsonNode nic = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/cloudservers/{id}/nics", """{"nics":[{"subnet_id":"sn-2","ip_address":"10.0.0.9"}]}""")).Body!;
        await _sim.WaitJobAsync((string)nic["job_id"]!);
        JsonNode interfaces = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/cloudservers/{id}/os-interface")).Body!;
        Assert.Equal("10.0.0.9", (string)interfaces["interfaceAttachments"]![1]!["fixed_ips"]![0]!["ip_address"]!);

        JsonNode attach = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/cloudservers/{id}/attachvolume", """{"volumeAttachment":{"volumeId":"ev-1","device":"/dev/vdb"}}""")).Body!;
        await _sim.WaitJobAsync((string)attach["job_id"]!);
        JsonNode volumes = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/cloudservers/{id}/os-volume_attachments")).Body!;
        Assert.Equal("/dev/vdb", (string)volumes["volumeAttachments"]![0]!["device"]!);
        JsonNode detach = (await _sim.SendAsync(HttpMethod.Delete, $"/v1/{{p}}/cloudservers/{id}/detachvolume/ev-1")).Body!;
        await _sim.WaitJobAsync((string)detach["job_id"]!);
        JsonNode notAttached = (await _sim.SendAsync(HttpMethod.Delete, $"/v1/{{p}}/cloudservers/{id}/detachvolume/ev-1")).Body!;
        Assert.Equal("Ecs.0111", (string)notAttached["error"]!["code"]!);

        JsonNode metadata = (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/cloudservers/{id}/metadata", """{"metadata":{"x":"1"}}""")).Body!;
        Assert.Equal("1", (string)metadata["metadata"]!["x"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Delete, $"/v1/{{p}}/cloudservers/{id}/metadata/x")).Status);

        JsonNode group = (await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/cloudservers/os-server-groups", """{"server_group":{"name":"g","policies":["anti-affinity"]}}""")).Body!;
        string groupId = (string)group["server_group"]!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await _sim.SendAsync(HttpMethod.Post, $"/v1/{{p}}/cloudservers/os-server-groups/{groupId}/action", "{\"add_member\":{\"instance_uuid\":\"" + id + "\"}}")).Status);
        JsonNode shown = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/cloudservers/os-server-groups/{groupId}")).Body!;
        Assert.Equal(id, (string)shown["server_group"]!["members"]![0]!);
        Assert.Equal(1, (int)(await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/cloudservers/limits")).Body!["absolute"]!["totalServerGroupsUsed"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Delete, $"/v1/{{p}}/cloudservers/os-server-groups/{groupId}")).Status);
    }

    [Fact]
    public async Task Nova_resize_confirm_rebuild_and_interfaces()
    {
        JsonNode created = (await _sim.SendAsync(HttpMethod.Post, "/v2.1/{p}/servers", """{"server":{"name":"n2","flavorRef":"s6.large.2","imageRef":"img","networks":[{"uuid":"net-1"}]}}""")).Body!;
        string id = (string)created["server"]!["id"]!;
        string? status = null;
        for (int i = 0; i < 5 && status != "ACTIVE"; i++)
        {
            status = (string)(await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}")).Body!["server"]!["status"]!;
        }

        Assert.Equal(HttpStatusCode.Accepted, (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/action", """{"resize":{"flavorRef":"c6.2xlarge.4"}}""")).Status);
        for (int i = 0; i < 5 && status != "VERIFY_RESIZE"; i++)
        {
            status = (string)(await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}")).Body!["server"]!["status"]!;
        }

        Assert.Equal("VERIFY_RESIZE", status);
        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/action", """{"confirmResize":null}""")).Status);
        JsonNode server = (await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}")).Body!["server"]!;
        Assert.Equal("ACTIVE", (string)server["status"]!);
        Assert.Equal(8, (int)server["flavor"]!["vcpus"]!);

        JsonNode rebuilt = (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/action", """{"rebuild":{"imageRef":"img-2","name":"n2-rebuilt"}}""")).Body!;
        Assert.Equal("REBUILD", (string)rebuilt["server"]!["status"]!);

        JsonNode attached = (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/os-interface", """{"interfaceAttachment":{"net_id":"net-2"}}""")).Body!;
        string port = (string)attached["interfaceAttachment"]!["port_id"]!;
        Assert.Equal(2, (await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}/os-interface")).Body!["interfaceAttachments"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Accepted, (await _sim.SendAsync(HttpMethod.Delete, $"/v2.1/{{p}}/servers/{id}/os-interface/{port}")).Status);
        Assert.Single((await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}/os-interface")).Body!["interfaceAttachments"]!.AsArray());
    }

    [Fact]
    public async Task Wrong_types_in_ecs_bodies_are_a_400_with_an_ecs_code()
    {
        (HttpStatusCode status, JsonNode? body, _) = await _sim.SendAsync(HttpMethod.Post, "/v1.1/{p}/cloudservers", """{"server":{"name":123}}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Ecs.0005", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public async Task Nova_server_lifecycle_metadata_tags_volumes_keypairs_and_groups()
    {
        (HttpStatusCode status, JsonNode? created, _) = await _sim.SendAsync(HttpMethod.Post, "/v2.1/{p}/servers",
            """{"server":{"name":"nova-e2e","flavorRef":"s6.large.2","imageRef":"img","networks":[{"uuid":"net-1"}],"metadata":{"a":"1"}}}""");
        Assert.Equal(HttpStatusCode.Accepted, status);
        string id = (string)created!["server"]!["id"]!;
        NovaServersClient nova = _sim.Ecs().Nova;
        string seen = string.Empty;
        for (int i = 0; i < 5; i++)
        {
            seen += (await nova.NovaShowServerAsync(id)).Server!.Status?.Value + ";";
        }

        Assert.StartsWith("BUILD;", seen);
        Assert.EndsWith("ACTIVE;", seen);

        Assert.Equal(HttpStatusCode.Accepted, (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/action", """{"os-stop":null}""")).Status);
        (HttpStatusCode busy, JsonNode? conflict, _) = await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/action", """{"os-start":null}""");
        Assert.Equal(HttpStatusCode.Conflict, busy);
        Assert.Equal(409, (int)conflict!["conflictingRequest"]!["code"]!);
        string? stopped = null;
        for (int i = 0; i < 5 && stopped != "SHUTOFF"; i++)
        {
            stopped = (await nova.NovaShowServerAsync(id)).Server!.Status?.Value;
        }

        Assert.Equal("SHUTOFF", stopped);

        JsonNode meta = (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/metadata", """{"metadata":{"b":"2"}}""")).Body!;
        Assert.Equal("2", (string)meta["metadata"]!["b"]!);
        Assert.Equal(HttpStatusCode.Created, (await _sim.SendAsync(HttpMethod.Put, $"/v2.1/{{p}}/servers/{id}/tags/blue")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}/tags/blue")).Status);
        JsonNode tagged = (await _sim.SendAsync(HttpMethod.Get, "/v2.1/{p}/servers/detail?tags=blue")).Body!;
        Assert.Equal(id, (string)tagged["servers"]![0]!["id"]!);

        JsonNode attached = (await _sim.SendAsync(HttpMethod.Post, $"/v2.1/{{p}}/servers/{id}/os-volume_attachments", """{"volumeAttachment":{"volumeId":"v-9"}}""")).Body!;
        Assert.Equal("v-9", (string)attached["volumeAttachment"]!["volumeId"]!);
        Assert.Equal(HttpStatusCode.Accepted, (await _sim.SendAsync(HttpMethod.Delete, $"/v2.1/{{p}}/servers/{id}/os-volume_attachments/v-9")).Status);

        JsonNode keypair = (await _sim.SendAsync(HttpMethod.Post, "/v2.1/{p}/os-keypairs", """{"keypair":{"name":"kp1"}}""")).Body!;
        Assert.Contains("PRIVATE KEY", (string)keypair["keypair"]!["private_key"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await _sim.SendAsync(HttpMethod.Post, "/v2.1/{p}/os-keypairs", """{"keypair":{"name":"kp1"}}""")).Status);
        JsonNode group = (await _sim.SendAsync(HttpMethod.Post, "/v2.1/{p}/os-server-groups", """{"server_group":{"name":"g","policies":["anti-affinity"]}}""")).Body!;
        Assert.Equal("g", (string)group["server_group"]!["name"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await _sim.SendAsync(HttpMethod.Delete, $"/v2.1/{{p}}/servers/{id}")).Status);
        (HttpStatusCode missing, JsonNode? fault, _) = await _sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(404, (int)fault!["itemNotFound"]!["code"]!);
    }
}
