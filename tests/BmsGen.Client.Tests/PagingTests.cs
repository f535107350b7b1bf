using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Client.Ecs;
using BmsGen.Client.Ecs.Stack;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>The generated paging methods walk each documented paging style to its end, and no further.</summary>
public sealed class PagingTests
{
    private const string Project = "proj-1";

    [Fact]
    public async Task Page_number_lists_request_pages_from_1_and_stop_at_a_short_page()
    {
        var handler = new MockHttpMessageHandler();
        ExpectBmsPage(handler, "limit=2&offset=1", """{"servers":[{"id":"a"},{"id":"b"}]}""");
        ExpectBmsPage(handler, "limit=2&offset=2", """{"servers":[{"id":"c"},{"id":"d"}]}""");
        ExpectBmsPage(handler, "limit=2&offset=3", """{"servers":[{"id":"e"}]}""");

        List<string?> ids = await ToListAsync(Bms(handler).ListBaremetalServerDetailsAllAsync(limit: 2), s => s.Id);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, ids);
    }

    [Fact]
    public async Task Page_number_lists_send_the_documented_default_page_size_and_stop_at_the_reported_total()
    {
        var handler = new MockHttpMessageHandler();
        string full = "[" + string.Join(",", Enumerable.Range(0, 25).Select(i => $$"""{"id":"s{{i}}"}""")) + "]";
        ExpectBmsPage(handler, "limit=25&offset=1", $$"""{"count":50,"servers":{{full}}}""");
        ExpectBmsPage(handler, "limit=25&offset=2", $$"""{"count":50,"servers":{{full}}}""");

        List<ListBaremetalServerDetailsResponse> pages = await ToListAsync(Bms(handler).ListBaremetalServerDetailsPagesAsync(), p => p);

        // Both pages are full, but the total says there is no third: it is never requested.
        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(2, pages.Count);
        Assert.All(pages, page => Assert.Equal(25, page.Servers!.Count));
    }

    [Fact]
    public async Task Page_number_lists_start_at_the_callers_page_and_stop_at_an_empty_page()
    {
        var handler = new MockHttpMessageHandler();
        ExpectBmsPage(handler, "limit=1&offset=4", """{"servers":[{"id":"d"}]}""");
        ExpectBmsPage(handler, "limit=1&offset=5", """{"servers":[]}""");

        List<string?> ids = await ToListAsync(Bms(handler).ListBaremetalServerDetailsAllAsync(limit: 1, offset: 4), s => s.Id);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "d" }, ids);
    }

    [Fact]
    public async Task A_required_page_number_is_where_the_walk_starts()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://bms.example.com/v1.0/servers").WithExactQueryString("offset=2&limit=2")
            .Respond("application/json", """{"count":9,"servers":[{"id":"c"},{"id":"d"}]}""");
        handler.Expect(HttpMethod.Get, "https://bms.example.com/v1.0/servers").WithExactQueryString("offset=3&limit=2")
            .Respond("application/json", """{"count":9,"servers":[]}""");
        var client = new EcsStackClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });

        List<string?> ids = await ToListAsync(client.ListServersV1Dot0AllAsync(offset: 2, limit: 2), s => s.Id);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "c", "d" }, ids);
    }

    [Fact]
    public async Task Marker_lists_follow_the_next_link_until_a_page_has_none()
    {
        var handler = new MockHttpMessageHandler();
        string url = $"https://bms.example.com/v2.1/{Project}/servers";
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2")
            .Respond("application/json", $$"""{"servers":[{"id":"a"},{"id":"b"}],"servers_links":[{"rel":"next","href":"{{url}}?limit=2&marker=b"}]}""");
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2&marker=b")
            .Respond("application/json", $$"""{"servers_links":[{"rel":"next","href":"{{url}}?marker=d%20x&limit=2"}],"servers":[{"id":"c"},{"id":"d x"}]}""");
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2&marker=d%20x")
            .Respond("application/json", """{"servers":[{"id":"e"}]}""");

        List<string?> ids = await ToListAsync(Nova(handler).NovaListServersAllAsync(limit: 2), s => s.Id);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "a", "b", "c", "d x", "e" }, ids);
    }

    [Fact]
    public async Task A_marker_seen_before_ends_the_walk_instead_of_looping()
    {
        var handler = new MockHttpMessageHandler();
        string url = $"https://bms.example.com/v2.1/{Project}/servers/detail";
        string page = $$"""{"servers":[{"id":"a"}],"servers_links":[{"rel":"next","href":"{{url}}?marker=a"}]}""";
        handler.Expect(HttpMethod.Get, url).WithExactQueryString(string.Empty).Respond("application/json", page);
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("marker=a").Respond("application/json", page);
        handler.Fallback.Throw(new InvalidOperationException("the walk requested a page it had already seen"));

        List<NovaListServersDetailsResponse> pages = await ToListAsync(Nova(handler).NovaListServersDetailsPagesAsync(), p => p);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(2, pages.Count);
    }

    [Fact]
    public async Task Next_marker_lists_follow_page_info_until_it_is_absent()
    {
        var handler = new MockHttpMessageHandler();
        string url = $"https://bms.example.com/v1/{Project}/cloudservers/os-server-groups";
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2")
            .Respond("application/json", """{"server_groups":[{"id":"g1"},{"id":"g2"}],"page_info":{"next_marker":"g2"}}""");
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2&marker=g2")
            .Respond("application/json", """{"server_groups":[{"id":"g3"}],"page_info":{}}""");

        var client = new EcsClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });
        List<string?> ids = await ToListAsync(client.ListServerGroupsAllAsync(limit: 2), g => g.Id);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "g1", "g2", "g3" }, ids);
    }

    [Fact]
    public async Task Offset_lists_advance_by_the_items_received_and_stop_at_a_short_page()
    {
        var handler = new MockHttpMessageHandler();
        string url = $"https://bms.example.com/v2.1/{Project}/servers/s1/os-volume_attachments";
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2")
            .Respond("application/json", """{"volumeAttachments":[{"id":"v1"},{"id":"v2"}]}""");
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2&offset=2")
            .Respond("application/json", """{"volumeAttachments":[{"id":"v3"},{"id":"v4"}]}""");
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("limit=2&offset=4")
            .Respond("application/json", """{"volumeAttachments":[{"id":"v5"}]}""");

        List<NovaListServerVolumeAttachmentsResponse> pages = await ToListAsync(Nova(handler).NovaListServerVolumeAttachmentsPagesAsync("s1", limit: 2), p => p);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(new[] { "v1", "v2", "v3", "v4", "v5" }, pages.SelectMany(p => p.VolumeAttachments!).Select(a => a.Id));
    }

    [Fact]
    public async Task Offset_lists_stop_at_the_reported_total()
    {
        var handler = new MockHttpMessageHandler();
        string url = "https://bms.example.com/v1.0/os-hypervisors/detail";
        handler.Expect(HttpMethod.Get, url).WithExactQueryString(string.Empty)
            .Respond("application/json", """{"count":3,"hypervisors":[{"availability_zone":"az1"},{"availability_zone":"az1"}]}""");
        handler.Expect(HttpMethod.Get, url).WithExactQueryString("offset=2")
            .Respond("application/json", """{"count":3,"hypervisors":[{"availability_zone":"az2"}]}""");
        var client = new EcsStackClient(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });

        List<HypervisorDetail> hypervisors = await ToListAsync(client.ListHypervisorsDetailsAllAsync(), h => h);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(3, hypervisors.Count);
    }

    [Fact]
    public async Task Cancelling_the_walk_stops_it_before_the_next_request()
    {
        var handler = new MockHttpMessageHandler();
        ExpectBmsPage(handler, "limit=2&offset=1", """{"servers":[{"id":"a"},{"id":"b"}]}""");
        handler.Fallback.Throw(new InvalidOperationException("a page was requested after cancellation"));
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string?>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (ServerDetail server in Bms(handler).ListBaremetalServerDetailsAllAsync(limit: 2, cancellationToken: cancellation.Token))
            {
                seen.Add(server.Id);
                cancellation.Cancel();
            }
        });

        Assert.Equal(new[] { "a" }, seen);
    }

    [Fact]
    public async Task An_error_status_on_a_later_page_throws_the_api_exception()
    {
        var handler = new MockHttpMessageHandler();
        ExpectBmsPage(handler, "limit=1&offset=1", """{"servers":[{"id":"a"}]}""");
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/baremetalservers/detail").WithExactQueryString("limit=1&offset=2")
            .Respond(System.Net.HttpStatusCode.ServiceUnavailable, "application/json", """{"error":{"code":"BMS.0001","message":"busy"}}""");

        var seen = new List<string?>();
        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(async () =>
        {
            await foreach (ServerDetail server in Bms(handler).ListBaremetalServerDetailsAllAsync(limit: 1))
            {
                seen.Add(server.Id);
            }
        });

        Assert.Equal(new[] { "a" }, seen);
        Assert.Equal("BMS.0001", error.ErrorCode);
    }

    internal static async Task<List<TResult>> ToListAsync<T, TResult>(IAsyncEnumerable<T> source, Func<T, TResult> select)
    {
        var result = new List<TResult>();
        await foreach (T item in source)
        {
            result.Add(select(item));
        }

        return result;
    }

    private static void ExpectBmsPage(MockHttpMessageHandler handler, string query, string json) =>
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/baremetalservers/detail").WithExactQueryString(query).Respond("application/json", json);

    private static BmsClient Bms(MockHttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });

    private static NovaServersClient Nova(MockHttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = ClientHarness.Endpoint }, new BmsGenClientOptions { ProjectId = Project });
}
