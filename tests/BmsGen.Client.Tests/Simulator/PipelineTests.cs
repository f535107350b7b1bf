using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using BmsGen.Runtime.DependencyInjection;
using BmsGen.Runtime.Jobs;
using BmsGen.Simulator;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>
/// The clients as a user builds them, through the runtime's <see cref="BmsGenPipeline"/> (signing or IAM tokens,
/// X-Project-Id, resilience, buffering), against the simulator: retries, paging, job waiting and faults end to end.
/// </summary>
public sealed class PipelineTests
{
    private static readonly JobWaitOptions FastWait = new() { InitialDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20) };

    private static Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null) => SimulatorHarness.StartAsync(o =>
    {
        o.RecordRequests = true;
        o.Faults.RetryAfterSeconds = 0;
        configure?.Invoke(o);
    });

    private static BmsGenConnectionOptions Connection(SimulatorHarness sim, string service = "bms", Action<BmsGenConnectionOptions>? configure = null)
    {
        var connection = new BmsGenConnectionOptions { Service = service, Endpoint = sim.Simulator.BaseAddress };
        connection.Credentials.AccessKey = sim.Simulator.Options.AccessKey;
        connection.Credentials.SecretKey = sim.Simulator.Options.SecretKey;
        connection.Credentials.ProjectId = sim.ProjectId;
        connection.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        connection.Resilience.UseJitter = false;
        configure?.Invoke(connection);
        return connection;
    }

    private static BmsClient Bms(SimulatorHarness sim, Action<BmsGenConnectionOptions>? configure = null) =>
        BmsGenPipeline.CreateClient(Connection(sim, "bms", configure), (http, options) => new BmsClient(http, options));

    private static List<SimulatorRequest> Requests(SimulatorHarness sim, string method, string pathEnd) =>
        sim.Simulator.Requests.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal)).ToList();

    private static CreateBaremetalServersRequest CreateRequest(string name) => new()
    {
        Server = new CreateServerSpec
        {
            Name = name,
            ImageRef = "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85",
            FlavorRef = "physical.o2.medium",
            Vpcid = "5849fdf1-9d79-4589-80c2-fe557990c417",
            Nics = new[] { new CreateServerNic { SubnetId = "a5052101-11e1-4f3d-a5fa-f6ba6791219c" } },
            AvailabilityZone = "az1",
        },
    };

    [Fact]
    public async Task Injected_503s_and_429s_are_retried_by_the_pipeline_until_the_call_succeeds()
    {
        await using SimulatorHarness sim = await StartAsync();
        BmsClient bms = Bms(sim);

        sim.Simulator.FailNextRequests(2, 503);
        ListBaremetalFlavorDetailExtendsResponse flavors = await bms.ListBaremetalFlavorDetailExtendsAsync();
        Assert.NotEmpty(flavors.Flavors!);
        Assert.Equal(new[] { 503, 503, 200 }, Requests(sim, "GET", "/baremetalservers/flavors").Select(r => r.Status));

        sim.Simulator.FailNextRequests(3, 429);
        await bms.ListBaremetalFlavorDetailExtendsAsync();
        Assert.Equal(new[] { 503, 503, 200, 429, 429, 429, 200 }, Requests(sim, "GET", "/baremetalservers/flavors").Select(r => r.Status));
    }

    [Fact]
    public async Task Retries_stop_at_MaxRetries_and_the_last_error_surfaces()
    {
        await using SimulatorHarness sim = await StartAsync();
        BmsClient bms = Bms(sim, c => c.Resilience.MaxRetries = 2);

        sim.Simulator.FailNextRequests(5, 503);
        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => bms.ListBaremetalFlavorDetailExtendsAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("BMS.0212", error.ErrorCode);
        Assert.Equal(3, Requests(sim, "GET", "/baremetalservers/flavors").Count);
    }

    [Fact]
    public async Task A_create_is_sent_once_on_an_injected_503_and_the_error_surfaces()
    {
        await using SimulatorHarness sim = await StartAsync();
        BmsClient bms = Bms(sim);

        sim.Simulator.FailNextRequests(1, 503);
        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => bms.CreateBaremetalServersAsync(CreateRequest("once")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Single(Requests(sim, "POST", "/baremetalservers"));
        Assert.Equal(0, sim.Simulator.ServerCount);
    }

    [Fact]
    public async Task Signed_calls_through_the_pipeline_are_accepted_and_a_wrong_secret_key_is_refused()
    {
        await using SimulatorHarness sim = await StartAsync();
        ShowBaremetalServerLimitsResponse limits = await Bms(sim).ShowBaremetalServerLimitsAsync();
        Assert.NotNull(limits.Absolute);

        BmsClient forged = Bms(sim, c => c.Credentials.SecretKey = "not-the-secret-key");
        BmsGenApiException refused = await Assert.ThrowsAsync<BmsGenApiException>(() => forged.ShowBaremetalServerLimitsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("APIGW.0301", refused.ErrorCode);
    }

    [Fact]
    public async Task An_IAM_token_is_obtained_once_reused_and_renewed_after_a_401()
    {
        await using SimulatorHarness sim = await StartAsync();
        var connection = new BmsGenConnectionOptions { Endpoint = sim.Simulator.BaseAddress };
        connection.ServiceEndpoints["iam"] = sim.Simulator.BaseAddress;
        connection.Credentials.UserName = sim.Simulator.Options.UserName;
        connection.Credentials.Password = sim.Simulator.Options.Password;
        connection.Credentials.DomainName = "sim-domain";
        connection.Credentials.ProjectId = sim.ProjectId;
        BmsClient bms = BmsGenPipeline.CreateClient(connection, (http, options) => new BmsClient(http, options));

        for (int i = 0; i < 3; i++)
        {
            await bms.ShowBaremetalServerLimitsAsync();
        }

        Assert.Single(Requests(sim, "POST", "/v3/auth/tokens"));

        sim.Simulator.FailNextRequests(1, 401);
        await bms.ShowBaremetalServerLimitsAsync();
        Assert.Equal(2, Requests(sim, "POST", "/v3/auth/tokens").Count);
        Assert.Equal(new[] { 200, 200, 200, 401, 200 }, Requests(sim, "GET", "/baremetalservers/limits").Select(r => r.Status));
    }

    [Fact]
    public async Task AllAsync_walks_every_BMS_page_by_number_and_every_Nova_page_by_marker()
    {
        await using SimulatorHarness sim = await StartAsync(o => o.SeedServers = 60);
        BmsClient bms = Bms(sim);
        var bmsNames = new List<string>();
        await foreach (ServerDetail server in bms.ListBaremetalServerDetailsAllAsync(limit: 7))
        {
            bmsNames.Add(server.Name!);
        }

        Assert.Equal(30, bmsNames.Count);
        Assert.Equal(30, bmsNames.Distinct().Count());
        Assert.Equal("seed-bms-0001", bmsNames[0]);
        Assert.Equal(5, Requests(sim, "GET", "/baremetalservers/detail").Count);

        NovaServersClient nova = BmsGenPipeline.CreateClient(Connection(sim, "ecs"), (http, options) => new NovaServersClient(http, options));
        var novaIds = new List<string>();
        await foreach (NovaServerDetail server in nova.NovaListServersDetailsAllAsync(limit: 25))
        {
            novaIds.Add(server.Id!);
        }

        Assert.Equal(60, novaIds.Distinct().Count());
        Assert.Equal(3, Requests(sim, "GET", "/servers/detail").Count);

        int pages = 0;
        await foreach (NovaListServersDetailsResponse page in nova.NovaListServersDetailsPagesAsync(limit: 25))
        {
            Assert.Equal(++pages < 3 ? 25 : 10, page.Servers!.Count);
        }

        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task AndWaitAsync_creates_stops_and_starts_through_simulator_jobs()
    {
        await using SimulatorHarness sim = await StartAsync();
        BmsClient bms = Bms(sim);
        var seen = new List<string>();
        var wait = new JobWaitOptions { InitialDelay = FastWait.InitialDelay, MaxDelay = FastWait.MaxDelay, Progress = (_, job) => seen.Add(job.Status!) };

        JobStatus created = await bms.CreateBaremetalServersAndWaitAsync(CreateRequest("waited"), wait);
        Assert.Equal(JobState.Success, created.Status);
        Assert.Equal(new[] { "INIT", "RUNNING", "SUCCESS" }, seen);
        string serverId = created.Entities!.SubJobs!.Single().Entities!.ServerId!;
        Assert.Equal("ACTIVE", (await bms.ShowBaremetalServerAsync(serverId)).Server!.Status?.Value);

        await bms.BatchStopBaremetalServersAndWaitAsync(new BatchStopBaremetalServersRequest
        {
            OsStop = new BatchStopBaremetalServersRequestOsStop { Type = PowerType.Soft, Servers = new[] { new ServerIdRef { Id = serverId } } },
        }, FastWait);
        Assert.Equal("SHUTOFF", (await bms.ShowBaremetalServerAsync(serverId)).Server!.Status?.Value);
        await bms.BatchStartBaremetalServersAndWaitAsync(new BatchStartBaremetalServersRequest
        {
            OsStart = new BatchStartBaremetalServersRequestOsStart { Servers = new[] { new ServerIdRef { Id = serverId } } },
        }, FastWait);
        Assert.Equal("ACTIVE", (await bms.ShowBaremetalServerAsync(serverId)).Server!.Status?.Value);
    }

    [Fact]
    public async Task Cancelling_stops_a_wait_in_the_middle()
    {
        await using SimulatorHarness sim = await StartAsync(o => o.JobPollsToComplete = int.MaxValue - 1);
        BmsClient bms = Bms(sim);
        using var cancel = new CancellationTokenSource();
        int polls = 0;
        var wait = new JobWaitOptions
        {
            InitialDelay = FastWait.InitialDelay,
            MaxDelay = FastWait.MaxDelay,
            Timeout = TimeSpan.FromMinutes(1),
            Progress = (_, job) =>
            {
                Assert.NotEqual("SUCCESS", job.Status);
                if (++polls == 3)
                {
                    cancel.Cancel();
                }
            },
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bms.CreateBaremetalServersAndWaitAsync(CreateRequest("never-done"), wait, cancel.Token));
        Assert.Equal(3, polls);
        Assert.Equal(3, sim.Simulator.Requests.Count(r => r.Method == "GET" && r.Path.Contains("/jobs/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Truncated_bodies_and_aborted_connections_surface_as_transport_exceptions_after_the_retries()
    {
        await using SimulatorHarness truncating = await StartAsync(o => o.Faults.TruncateRate = 1);
        BmsGenTransportException truncated = await Assert.ThrowsAsync<BmsGenTransportException>(() => Bms(truncating, c => c.Resilience.MaxRetries = 1).ListBaremetalFlavorDetailExtendsAsync());
        Assert.Equal("ListBaremetalFlavorDetailExtends", truncated.OperationId);
        Assert.Equal(2, Requests(truncating, "GET", "/baremetalservers/flavors").Count);

        await using SimulatorHarness aborting = await StartAsync(o => o.Faults.AbortRate = 1);
        BmsGenTransportException aborted = await Assert.ThrowsAsync<BmsGenTransportException>(() => Bms(aborting, c => c.Resilience.MaxRetries = 2).ListBaremetalFlavorDetailExtendsAsync());
        Assert.Equal("ListBaremetalFlavorDetailExtends", aborted.OperationId);
        Assert.Equal(3, Requests(aborting, "GET", "/baremetalservers/flavors").Count);
    }
}
