using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Client.Nova.Servers;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>Paging as documented, over deterministic seeded data: page numbers for BMS and ECS, marker and servers_links for Nova.</summary>
public sealed class PagingTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync(o => o.SeedServers = 60);

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Bms_offset_is_a_page_number_starting_at_1()
    {
        var names = new List<string>();
        for (int page = 1; page <= 5; page++)
        {
            JsonNode body = (await _sim.SendAsync(HttpMethod.Get, $"/v1/{{p}}/baremetalservers/detail?limit=7&offset={page}")).Body!;
            Assert.Equal(30, (int)body["count"]!);
            names.AddRange(body["servers"]!.AsArray().Select(s => (string)s!["name"]!));
        }

        Assert.Equal(30, names.Count);
        Assert.Equal(30, names.Distinct().Count());
        Assert.Equal("seed-bms-0001", names[0]);
        Assert.Equal("seed-bms-0015", names[7]);
        JsonNode firstPage = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail")).Body!;
        Assert.Equal(25, firstPage["servers"]!.AsArray().Count);
        JsonNode withOffset = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?offset=1")).Body!;
        Assert.Equal(30, withOffset["servers"]!.AsArray().Count);
        (HttpStatusCode status, JsonNode? error, _) = await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?offset=0");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("BMS.0001", (string)error!["error"]!["code"]!);
    }

    [Fact]
    public async Task Ecs_pages_by_number_and_answers_only_the_count_without_offset()
    {
        JsonNode countOnly = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/cloudservers/detail")).Body!;
        Assert.Equal(30, (int)countOnly["count"]!);
        Assert.Null(countOnly["servers"]);
        JsonNode page0 = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/cloudservers/detail?offset=0&limit=10")).Body!;
        JsonNode page1 = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/cloudservers/detail?offset=1&limit=10")).Body!;
        JsonNode page3 = (await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/cloudservers/detail?offset=3&limit=10")).Body!;
        Assert.Equal(page0.ToJsonString(), page1.ToJsonString());
        Assert.Equal("seed-ecs-0042", (string)page3["servers"]![0]!["name"]!);
    }

    [Fact]
    public async Task Nova_follows_servers_links_newest_first_across_every_page()
    {
        NovaServersClient nova = _sim.Ecs().Nova;
        var ids = new List<string>();
        string? marker = null;
        int pages = 0;
        while (true)
        {
            NovaListServersResponse page = await nova.NovaListServersAsync(limit: 25, marker: marker);
            pages++;
            ids.AddRange(page.Servers!.Select(s => s.Id!));
            if (page.ServersLinks is not { Count: > 0 } links)
            {
                break;
            }

            Assert.Equal("next", links[0].Rel);
            Assert.Contains("marker=" + page.Servers![^1].Id, links[0].Href);
            marker = page.Servers![^1].Id;
        }

        Assert.Equal(3, pages);
        Assert.Equal(60, ids.Distinct().Count());
        NovaListServersDetailsResponse first = await nova.NovaListServersDetailsAsync(limit: 1);
        Assert.Equal("seed-ecs-0060", first.Servers!.Single().Name);
        (HttpStatusCode status, JsonNode? fault, _) = await _sim.SendAsync(HttpMethod.Get, "/v2.1/{p}/servers?marker=no-such-server");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(fault!["badRequest"]);
    }
}
