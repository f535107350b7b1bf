using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>Injected faults and rate limits, and callers that retry or cancel.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Injected_503_and_429_answers_carry_retry_after_in_each_API_shape()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o =>
        {
            o.Faults.ErrorRate = 1;
            o.Faults.ErrorStatuses = new List<int> { 503, 429 };
        });
        (HttpStatusCode first, JsonNode? unavailable, HttpResponseMessage firstResponse) = await sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/flavors");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first);
        Assert.Equal("BMS.0212", (string)unavailable!["error"]!["code"]!);
        Assert.NotNull(firstResponse.Headers.RetryAfter);
        (HttpStatusCode second, JsonNode? throttled, HttpResponseMessage secondResponse) = await sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/flavors");
        Assert.Equal(HttpStatusCode.TooManyRequests, second);
        Assert.Equal("APIGW.0308", (string)throttled!["error_code"]!);
        Assert.NotNull(secondResponse.Headers.RetryAfter);
    }

    [Fact]
    public async Task Aborted_connections_and_truncated_bodies_surface_as_errors()
    {
        await using SimulatorHarness aborting = await SimulatorHarness.StartAsync(o => o.Faults.AbortRate = 1);
        BmsGenTransportException aborted = await Assert.ThrowsAsync<BmsGenTransportException>(() => aborting.Bms().ListBaremetalFlavorDetailExtendsAsync());
        Assert.Equal("ListBaremetalFlavorDetailExtends", aborted.OperationId);

        await using SimulatorHarness truncating = await SimulatorHarness.StartAsync(o => o.Faults.TruncateRate = 1);
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => truncating.Bms().ListBaremetalFlavorDetailExtendsAsync());
        Assert.True(error is BmsGenTransportException or BmsGenResponseException, error.GetType().Name + ": " + error.Message);
    }

    [Fact]
    public async Task The_per_minute_rate_limit_answers_429_with_the_gateway_code()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.RateLimitPerMinute = 3);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/flavors")).Status);
        }

        (HttpStatusCode status, JsonNode? body, HttpResponseMessage response) = await sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/flavors");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("APIGW.0308", (string)body!["error_code"]!);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Faults_are_off_by_default()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync();
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/flavors")).Status);
        }
    }

    [Fact]
    public async Task Waiting_for_a_job_stops_when_cancelled()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.JobPollsToComplete = int.MaxValue - 1);
        BmsClient bms = sim.Bms();
        CreateBaremetalServersResponse created = await bms.CreateBaremetalServersAsync(new CreateBaremetalServersRequest
        {
            Server = new CreateServerSpec
            {
                Name = "never-done",
                ImageRef = "i",
                FlavorRef = "physical.o2.medium",
                Vpcid = "v",
                Nics = new[] { new CreateServerNic { SubnetId = "s" } },
                AvailabilityZone = "az1",
            },
        });
        using var cancel = new CancellationTokenSource();
        int polls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (true)
            {
                JobStatus job = await bms.ShowJobAsync(created.JobId!, cancel.Token);
                Assert.NotEqual(JobState.Success, job.Status);
                if (++polls == 3)
                {
                    cancel.Cancel();
                }

                await Task.Delay(10, cancel.Token);
            }
        });
        Assert.Equal(3, polls);
    }
}
