using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Client.Nova.Servers;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>
/// format: date-time fields through the generated clients: every form the API references print reads as the same
/// UTC instant, text that is no date stays readable, a value read and not changed is written back as it came, a value
/// set in code is written in the round-trip form, and date-time parameters go out as ISO 8601 UTC.
/// </summary>
public sealed class DateTimeClientTests
{
    private const string Project = "bbf1946d374b44a0a2a95533562ba954";

    private static readonly DateTimeOffset Instant = new(2018, 5, 9, 1, 15, 24, TimeSpan.Zero);

    // created as Bare Metal Server API Reference §4.3.3 prints it (Z), OS-SRV-USG:launched_at as §4.3.3 prints it
    // (six-digit fraction, no zone), updated with a space (the Huawei Cloud Stack edition's server_expiry form), and
    // a terminated_at that is no date at all.
    private const string ServerJson = """
        {"server":{"id":"53206ed0","created":"2018-05-09T01:15:24Z","updated":"2018-05-09 01:15:24",
         "OS-SRV-USG:launched_at":"2018-05-09T01:15:24.000000","OS-SRV-USG:terminated_at":"not yet"}}
        """;

    [Fact]
    public async Task ShowBaremetalServer_reads_each_documented_form_as_the_same_instant_and_keeps_text_that_is_no_date()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/baremetalservers/53206ed0").Respond("application/json", ServerJson);

        ServerDetail server = (await Bms(handler).ShowBaremetalServerAsync("53206ed0")).Server!;

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(Instant, server.Created);
        Assert.Equal(TimeSpan.Zero, server.Created!.Value.Offset);
        Assert.Equal(Instant, server.Updated);
        Assert.Equal(Instant, server.OsSrvUsgLaunchedAt);
        Assert.Null(server.OsSrvUsgTerminatedAt);
        Assert.Equal("not yet", server.OsSrvUsgTerminatedAtText);
        Assert.Equal("2018-05-09T01:15:24Z", server.CreatedText);
        Assert.Equal("2018-05-09 01:15:24", server.UpdatedText);
        Assert.Equal("2018-05-09T01:15:24.000000", server.OsSrvUsgLaunchedAtText);
    }

    [Fact]
    public async Task A_server_read_and_written_back_keeps_every_time_text_exactly()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/baremetalservers/53206ed0").Respond("application/json", ServerJson);
        ShowBaremetalServerResponse response = await Bms(handler).ShowBaremetalServerAsync("53206ed0");

        string written = JsonSerializer.Serialize(response, BmsClientJsonContext.Default.Options);

        JsonAssert.Equivalent(JsonNode.Parse(ServerJson), written, "the server written back");
        Assert.Contains("\"updated\":\"2018-05-09 01:15:24\"", written, StringComparison.Ordinal);
        Assert.Contains("\"OS-SRV-USG:launched_at\":\"2018-05-09T01:15:24.000000\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_set_in_code_is_written_in_the_round_trip_form_and_reads_back_equal()
    {
        var set = new DateTimeOffset(2018, 5, 9, 9, 15, 24, TimeSpan.FromHours(8)).AddTicks(5_000_000);
        var server = new ServerDetail { Id = "s1", Created = set, OsSrvUsgTerminatedAtText = "" };

        string written = JsonSerializer.Serialize(server, BmsClientJsonContext.Default.Options);
        ServerDetail back = JsonSerializer.Deserialize<ServerDetail>(written, BmsClientJsonContext.Default.Options)!;

        JsonAssert.Equivalent(JsonNode.Parse("""{"id":"s1","created":"2018-05-09T09:15:24.5000000+08:00","OS-SRV-USG:terminated_at":""}"""), written, "the server set in code");
        Assert.Equal("2018-05-09T09:15:24.5000000+08:00", server.CreatedText);
        Assert.Equal(set, back.Created);
        Assert.Equal(set.Offset, back.Created!.Value.Offset);
        Assert.Null(back.OsSrvUsgTerminatedAt);
        Assert.Equal(string.Empty, back.OsSrvUsgTerminatedAtText);
    }

    [Fact]
    public async Task ShowJob_reads_a_running_jobs_empty_end_time_as_no_time_and_keeps_it()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/jobs/job-1").Respond(
            "application/json",
            """{"status":"RUNNING","job_id":"job-1","job_type":"baremetalBatchCreate","begin_time":"2019-04-25T20:04:47.591Z","end_time":"","entities":{}}""");

        JobStatus job = await Bms(handler).ShowJobAsync("job-1");

        Assert.Equal(new DateTimeOffset(2019, 4, 25, 20, 4, 47, 591, TimeSpan.Zero), job.BeginTime);
        Assert.Null(job.EndTime);
        Assert.Equal(string.Empty, job.EndTimeText);
    }

    [Fact]
    public async Task NovaListServersDetails_sends_changes_since_as_iso_8601_utc()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v2.1/{Project}/servers/detail")
            .WithExactQueryString("changes-since=2018-01-17T03:03:32Z")
            .Respond("application/json", """{"servers":[]}""");

        var options = new BmsGenClientOptions { ProjectId = Project };
        var nova = new NovaServersClient(new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") }, options);
        await nova.NovaListServersDetailsAsync(changesSince: new DateTimeOffset(2018, 1, 17, 11, 3, 32, TimeSpan.FromHours(8)));

        handler.VerifyNoOutstandingExpectation();
    }

    private static BmsClient Bms(MockHttpMessageHandler handler)
    {
        var options = new BmsGenClientOptions { ProjectId = Project };
        return new BmsClient(new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") }, options);
    }
}
