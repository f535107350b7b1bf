using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using BmsGen.Simulator;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>The generated client against the Kestrel simulator: real HTTP on loopback, stateful across calls.</summary>
public sealed class SimulatorTests : IAsyncLifetime
{
    private const string Token = "simulator-token";
    private BmsSimulator _simulator = null!;

    public async Task InitializeAsync() =>
        _simulator = await BmsSimulator.StartAsync(new SimulatorOptions { AuthToken = Token, JobPollsToComplete = 2 });

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Create_wait_list_stop_and_read_back()
    {
        BmsClient bms = Client();

        CreateBaremetalServersResponse created = await bms.CreateBaremetalServersAsync(new CreateBaremetalServersRequest
        {
            Server = new CreateServerSpec
            {
                Name = "e2e",
                ImageRef = "image-1",
                FlavorRef = "physical.o2.medium",
                Vpcid = "vpc-1",
                Nics = new[] { new CreateServerNic { SubnetId = "subnet-1" } },
                AvailabilityZone = "az1",
            },
        });
        JobStatus first = await bms.ShowJobAsync(created.JobId!);
        JobStatus second = await bms.ShowJobAsync(created.JobId!);
        string serverId = second.Entities!.SubJobs!.Single().Entities!.ServerId!;

        Assert.Equal(JobState.Running, first.Status);
        Assert.Equal(JobState.Success, second.Status);
        ServerDetail active = (await bms.ShowBaremetalServerAsync(serverId)).Server!;
        Assert.Equal(ServerStatus.Active, active.Status);
        Assert.Equal("vpc-1", active.Addresses!.Keys.Single());

        ListBaremetalServerDetailsResponse listed = await bms.ListBaremetalServerDetailsAsync(name: "e2e");
        Assert.Equal(1, listed.Count);

        JobIdResponse stop = await bms.BatchStopBaremetalServersAsync(new BatchStopBaremetalServersRequest
        {
            OsStop = new BatchStopBaremetalServersRequestOsStop { Servers = new[] { new ServerIdRef { Id = serverId } } },
        });
        await bms.ShowJobAsync(stop.JobId!);
        Assert.Equal(JobState.Success, (await bms.ShowJobAsync(stop.JobId!)).Status);
        Assert.Equal(ServerStatus.Shutoff, (await bms.ShowBaremetalServerAsync(serverId)).Server!.Status);

        UpdateBaremetalServerMetadataResponse metadata = await bms.UpdateBaremetalServerMetadataAsync(serverId, new UpdateBaremetalServerMetadataRequest
        {
            Metadata = new System.Collections.Generic.Dictionary<string, string> { ["owner"] = "tests" },
        });
        Assert.Equal("tests", metadata.Metadata!["owner"]);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_401_with_the_gateway_error_code()
    {
        BmsClient bms = Client(token: "wrong");

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => bms.ShowBaremetalServerLimitsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("APIGW.0301", error.ErrorCode);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task Another_project_is_refused()
    {
        BmsClient bms = Client(projectId: "someone-else");

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => bms.ListBaremetalServerDetailsAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("BMS.0004", error.ErrorCode);
    }

    [Fact]
    public async Task Unknown_flavors_are_rejected_with_the_documented_code()
    {
        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Client().CreateBaremetalServersAsync(new CreateBaremetalServersRequest
        {
            Server = new CreateServerSpec
            {
                Name = "x",
                ImageRef = "i",
                FlavorRef = "no-such-flavor",
                Vpcid = "v",
                Nics = new[] { new CreateServerNic { SubnetId = "s" } },
                AvailabilityZone = "az1",
            },
        }));

        Assert.Equal("BMS.0008", error.ErrorCode);
    }

    private BmsClient Client(string token = Token, string? projectId = null)
    {
        var options = new BmsGenClientOptions { ProjectId = projectId ?? _simulator.Options.ProjectId };
        options.DefaultHeaders["X-Auth-Token"] = token;
        return new BmsClient(new HttpClient { BaseAddress = _simulator.BaseAddress }, options);
    }
}
