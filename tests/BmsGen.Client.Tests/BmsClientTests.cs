using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Client.Tests;

/// <summary>Readable, hand-written checks of the generated BMS v1 client beyond the table-driven ones.</summary>
public sealed class BmsClientTests
{
    private const string Project = "bbf1946d374b44a0a2a95533562ba954";
    private const string ServerJson = """
        {"server":{"id":"53206ed0","name":"bms-test","status":"ACTIVE","OS-EXT-STS:power_state":1,
         "addresses":{"vpc-1":[{"version":4,"addr":"192.168.1.216","OS-EXT-IPS:type":"fixed"}]},
         "metadata":{"os_type":"Linux"},"locked":false,"unknown_future_field":{"nested":[1,2,3]}}}
        """;

    [Fact]
    public async Task ShowBaremetalServer_sends_the_documented_request_and_reads_the_server()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/baremetalservers/53206ed0")
            .WithHeaders("X-Auth-Token", "token")
            .Respond("application/json", ServerJson);

        ShowBaremetalServerResponse response = await Client(handler).ShowBaremetalServerAsync("53206ed0");

        handler.VerifyNoOutstandingExpectation();
        ServerDetail server = response.Server!;
        Assert.Equal("bms-test", server.Name);
        Assert.Equal(ServerStatus.Active, server.Status);
        Assert.Equal(1, server.OsExtStsPowerState);
        Assert.Equal("4", server.Addresses!["vpc-1"].Single().Version);
        Assert.Equal("Linux", server.Metadata!["os_type"]);
        Assert.False(server.Locked);
    }

    [Fact]
    public async Task ListBaremetalServerDetails_sends_filters_as_a_query_string()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, $"https://bms.example.com/v1/{Project}/baremetalservers/detail")
            .WithExactQueryString("name=web%201&status=SHUTOFF&limit=10&offset=2")
            .Respond("application/json", """{"count":0,"servers":[]}""");

        ListBaremetalServerDetailsResponse response = await Client(handler).ListBaremetalServerDetailsAsync(name: "web 1", status: ServerStatus.Shutoff, limit: 10, offset: 2);

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal(0, response.Count);
        Assert.Empty(response.Servers!);
    }

    [Fact]
    public async Task BatchStopBaremetalServers_posts_the_os_stop_body_to_the_shared_action_uri()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, $"https://bms.example.com/v1/{Project}/baremetalservers/action")
            .WithContent("""{"os-stop":{"type":"HARD","servers":[{"id":"a"},{"id":"b"}]}}""")
            .Respond("application/json", """{"job_id":"job-1"}""");

        JobIdResponse response = await Client(handler).BatchStopBaremetalServersAsync(new BatchStopBaremetalServersRequest
        {
            OsStop = new BatchStopBaremetalServersRequestOsStop { Type = PowerType.Hard, Servers = new[] { new ServerIdRef { Id = "a" }, new ServerIdRef { Id = "b" } } },
        });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("job-1", response.JobId);
    }

    [Fact]
    public async Task Unknown_status_values_are_kept_not_rejected()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond("application/json", """{"server":{"id":"x","status":"MIGRATING"}}""");

        ServerDetail server = (await Client(handler).ShowBaremetalServerAsync("x")).Server!;

        Assert.False(server.Status!.Value.IsKnown);
        Assert.Equal("MIGRATING", server.Status.Value.Value);
        Assert.NotEqual(ServerStatus.Active, server.Status);
        Assert.Equal("""{"id":"x","status":"MIGRATING"}""", JsonSerializer.Serialize(server, BmsClientJsonContext.Default.ServerDetail));
    }

    [Fact]
    public async Task Error_responses_map_to_BmsGenApiException_with_code_message_and_request_id()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"error":{"code":"BMS.0040","message":"The server does not exist."}}"""),
            };
            response.Headers.Add("X-Request-Id", "7d1a");
            return response;
        });

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Client(handler).ShowBaremetalServerAsync("missing"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("BMS.0040", error.ErrorCode);
        Assert.Equal("ShowBaremetalServer", error.OperationId);
        Assert.Equal("ShowBaremetalServer failed with HTTP 404 (NotFound): BMS.0040: The server does not exist. [request id: 7d1a]", error.Message);
    }

    [Fact]
    public async Task Gateway_authentication_errors_map_to_the_same_exception()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(HttpStatusCode.Unauthorized, "application/json", """{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}""");

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Client(handler).ShowBaremetalServerLimitsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("APIGW.0301", error.ErrorCode);
        Assert.Equal("Incorrect IAM authentication information", error.ErrorMessage);
    }

    [Fact]
    public async Task A_truncated_response_names_the_operation_and_the_byte_position()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond("application/json", ServerJson.Substring(0, 60));

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Client(handler).ShowBaremetalServerAsync("53206ed0"));

        Assert.StartsWith("ShowBaremetalServer: the HTTP 200 response body could not be read at byte ", error.Message);
        Assert.InRange(error.BytePosition, 1, 60);
    }

    [Fact]
    public async Task A_wrongly_typed_field_is_reported_not_silently_dropped()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond("application/json", """{"server":{"id":"x","locked":{"oops":true}}}""");

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Client(handler).ShowBaremetalServerAsync("x"));

        Assert.Contains("Expected a boolean but found an object", error.Message);
    }

    [Fact]
    public void The_json_context_serves_JsonSerializer_without_reflection()
    {
        ShowBaremetalServerResponse response = JsonSerializer.Deserialize(ServerJson, BmsClientJsonContext.Default.ShowBaremetalServerResponse)!;
        ShowBaremetalServerResponse viaOptions = (ShowBaremetalServerResponse)JsonSerializer.Deserialize(ServerJson, typeof(ShowBaremetalServerResponse), BmsClientJsonContext.Default)!;

        Assert.Equal("bms-test", response.Server!.Name);
        Assert.Equal("bms-test", viaOptions.Server!.Name);
        string written = JsonSerializer.Serialize(response, BmsClientJsonContext.Default.ShowBaremetalServerResponse);
        Assert.DoesNotContain("unknown_future_field", written);
        Assert.Contains("\"OS-EXT-STS:power_state\":1", written);
    }

    [Fact]
    public async Task The_json_context_works_with_the_HttpClient_json_extensions()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond("application/json", ServerJson);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") };

        ShowBaremetalServerResponse? response = await http.GetFromJsonAsync("v1/x/baremetalservers/y", BmsClientJsonContext.Default.ShowBaremetalServerResponse);

        Assert.Equal(ServerStatus.Active, response!.Server!.Status);
    }

    [Fact]
    public async Task Request_models_enforce_required_members_at_compile_time_and_write_them()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Put, $"https://bms.example.com/v1/{Project}/baremetalservers/s1")
            .WithContent("""{"server":{"name":"renamed"}}""")
            .Respond("application/json", """{"server":{"id":"s1","name":"renamed"}}""");

        UpdateBaremetalServerResponse response = await Client(handler).UpdateBaremetalServerAsync("s1", new UpdateBaremetalServerRequest
        {
            Server = new UpdateBaremetalServerRequestServer { Name = "renamed" },
        });

        handler.VerifyNoOutstandingExpectation();
        Assert.Equal("renamed", response.Server!.Name);
    }

    private static BmsClient Client(MockHttpMessageHandler handler)
    {
        var options = new BmsGenClientOptions { ProjectId = Project };
        options.DefaultHeaders["X-Auth-Token"] = "token";
        return new BmsClient(new HttpClient(handler) { BaseAddress = new Uri("https://bms.example.com/") }, options);
    }
}
