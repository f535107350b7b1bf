using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>2 000 operations from 64 concurrent callers: no errors, no lost or duplicated creates, every job final.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Two_thousand_operations_from_64_callers_lose_nothing()
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.SeedServers = 20);
        var mix = new LoadMix(sim);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        await mix.RunAsync(budget: 2000, callers: 64, timeout.Token);

        Assert.Empty(mix.Errors);
        Assert.Empty(mix.UnfinishedJobs);
        Assert.True(mix.Operations >= 2000, $"only {mix.Operations} operations ran");
        Assert.Equal(mix.Creates, mix.CreatedServerIds.Count);
        Assert.Equal(mix.Creates, mix.CreatedServerIds.Distinct().Count());
        Assert.Equal(20 + mix.Creates, sim.Simulator.ServerCount);
        JsonNode nova = (await sim.SendAsync(HttpMethod.Get, "/v2.1/{p}/limits")).Body!;
        Assert.Equal(20 + mix.Creates, (int)nova["limits"]!["absolute"]!["totalInstancesUsed"]!);
        foreach (string id in mix.CreatedServerIds.Take(50))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await sim.SendAsync(HttpMethod.Get, $"/v2.1/{{p}}/servers/{id}")).Status);
        }

        Console.WriteLine($"Load test: {mix.Operations} operations, {mix.Creates} creates, 64 callers, {mix.Elapsed.TotalSeconds:0.00} s, {mix.Operations / mix.Elapsed.TotalSeconds:0} ops/s");
    }
}
