using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Json;
using BmsGen.Runtime.Tests.Support;
using RichardSzalay.MockHttp;
using Xunit;

namespace BmsGen.Runtime.Tests;

public sealed class ApiTransportTests
{
    private static readonly JsonValueReader<string> ReadName = static (ref JsonSpanReader reader) => TestReaders.Name(ref reader)!;

    [Fact]
    public async Task Builds_the_uri_headers_and_body_from_the_request()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Post, "https://bms.example.com/v1/p%201/servers/a%2Fb")
            .WithExactQueryString("name=x%20y&tags=a&tags=b&limit=5")
            .WithHeaders("X-OpenStack-Nova-API-Version", "2.60")
            .WithHeaders("OpenStack-API-Version", "compute 2.60")
            .WithHeaders("X-Auth-Token", "token")
            .WithHeaders("X-Custom", "1")
            .WithContent("{\"k\":1}")
            .Respond(HttpStatusCode.NoContent);
        var options = new BmsGenClientOptions { ProjectId = "p 1", NovaMicroversion = "2.60" };
        options.DefaultHeaders["X-Auth-Token"] = "token";
        var transport = new ApiTransport(Client(handler), options);
        var request = new ApiRequest("Op", HttpMethod.Post, "/v1/{project_id}/servers/{id}");
        request.AppendPath("/v1/");
        request.AppendPathParameter("project_id", transport.ProjectId);
        request.AppendPath("/servers/");
        request.AppendPathParameter("id", "a/b");
        request.AddQuery("name", "x y");
        request.AddQuery("tags", new[] { "a", "b" });
        request.AddQuery("limit", 5);
        request.AddQuery("marker", (string?)null);
        request.AddHeader("X-Custom", 1);
        request.SetJsonBody(1, static (writer, value) =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("k", value);
            writer.WriteEndObject();
        });

        await transport.SendAsync(request, CancellationToken.None);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Non_success_throws_one_exception_with_code_message_request_id_and_body()
    {
        const string body = "{\"error\":{\"code\":\"Ecs.0114\",\"message\":\"Invalid server id\"}}";
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) };
            response.Headers.Add("X-Request-Id", "req-123");
            return response;
        });

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler, ReadName));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Ecs.0114", error.ErrorCode);
        Assert.Equal("Invalid server id", error.ErrorMessage);
        Assert.Equal("req-123", error.RequestId);
        Assert.Equal(body, error.RawBody);
        Assert.Equal("ShowThing failed with HTTP 400 (BadRequest): Ecs.0114: Invalid server id [request id: req-123]", error.Message);
        Assert.Empty(error.ItemErrors);
    }

    [Fact]
    public async Task A_batch_error_carries_each_failed_item()
    {
        const string body = """{"error":{"code":"Ecs.0000","message":"batch failed"},"internalError":[{"id":"s1","error_code":"Ecs.0001","error_message":"locked"}]}""";
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(HttpStatusCode.BadRequest, "application/json", body);

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler, ReadName));

        Assert.Equal(new BmsGenItemError("s1", "Ecs.0001", "locked"), Assert.Single(error.ItemErrors));
        Assert.Equal("ShowThing failed with HTTP 400 (BadRequest): Ecs.0000: batch failed (1 batch item failed, see ItemErrors) [request id: none]", error.Message);
    }

    [Fact]
    public async Task Non_success_without_a_known_error_shape_quotes_the_body()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(HttpStatusCode.BadGateway, "text/html", "<html>\nbad gateway\n</html>");

        BmsGenApiException error = await Assert.ThrowsAsync<BmsGenApiException>(() => Send(handler, ReadName));

        Assert.Null(error.ErrorCode);
        Assert.Equal("ShowThing failed with HTTP 502 (BadGateway): body: <html> bad gateway </html> [request id: none]", error.Message);
    }

    [Theory]
    [InlineData("{\"name\":\"a\"", "at byte 11: The JSON ended before the value was complete (line 1, column 12)")]
    [InlineData("{\"name\":\"a\"} trailing", "at byte 13: Unexpected content after the JSON value (line 1, column 14)")]
    [InlineData("", "empty")]
    [InlineData("null", "Expected a JSON object for Named but found null")]
    [InlineData("{\"name\":{}}", "Expected a string but found an object")]
    [InlineData("<html>", "")]
    public async Task Malformed_or_truncated_success_bodies_throw_a_response_exception(string body, string expected)
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond("application/json", body);

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Send(handler, ReadName));

        Assert.Equal("ShowThing", error.OperationId);
        Assert.StartsWith("ShowThing: the HTTP 200 response body could not be read at byte ", error.Message);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData(" \n", null)]
    [InlineData("{\"name\":\"n\"}", "n")]
    public async Task Operations_with_a_bodiless_success_status_return_null_for_an_empty_body(string body, string? expected)
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(HttpStatusCode.Accepted, "application/json", body);
        var transport = new ApiTransport(Client(handler), new BmsGenClientOptions());
        var request = new ApiRequest("MaybeEmpty", HttpMethod.Post, "/things");
        request.AppendPath("/things");

        Assert.Equal(expected, await transport.SendAllowingEmptyAsync(request, ReadName, CancellationToken.None));
    }

    [Fact]
    public async Task Reads_a_body_larger_than_the_first_buffer()
    {
        string name = new('x', 100_000);
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            // No Content-Length: the reader must grow its buffer as the stream arrives.
            Content = new StreamContent(new System.IO.MemoryStream(Encoding.UTF8.GetBytes("{\"pad\":[1,2,3],\"name\":\"" + name + "\"}"))),
        });

        Assert.Equal(name, await Send(handler, ReadName));
    }

    [Fact]
    public async Task Bodies_over_the_limit_are_refused()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond("application/json", "{\"name\":\"" + new string('x', 5000) + "\"}");

        BmsGenResponseException error = await Assert.ThrowsAsync<BmsGenResponseException>(() => Send(handler, ReadName, maxResponseBytes: 1024));

        Assert.Contains("1024-byte limit", error.Message);
    }

    [Fact]
    public void Missing_project_id_is_a_clear_error()
    {
        var transport = new ApiTransport(new HttpClient(), new BmsGenClientOptions());

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => transport.ProjectId);

        Assert.Contains("ProjectId", error.Message);
    }

    [Fact]
    public async Task Missing_base_address_is_a_clear_error()
    {
        var transport = new ApiTransport(new HttpClient(new MockHttpMessageHandler()), new BmsGenClientOptions());

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            transport.SendAsync(new ApiRequest("Op", HttpMethod.Get, "/"), CancellationToken.None));

        Assert.Contains("BaseAddress", error.Message);
    }

    [Theory]
    [InlineData("https://ims.example.com/", "https://ims.example.com/v2/images?limit=1")]
    [InlineData("https://gateway.example.com/ims", "https://gateway.example.com/ims/v2/images?limit=1")]
    [InlineData(null, "https://bms.example.com/v2/images?limit=1")]
    public async Task A_request_for_another_service_goes_to_that_service_endpoint_when_one_is_configured(string? imsEndpoint, string expectedUri)
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, expectedUri).Respond(HttpStatusCode.NoContent);
        var options = new BmsGenClientOptions();
        if (imsEndpoint is not null)
        {
            options.ServiceEndpoints["ims"] = new Uri(imsEndpoint);
        }

        var request = new ApiRequest("ListImages", HttpMethod.Get, "/v2/images") { Service = "ims" };
        request.AppendPath("/v2/images");
        request.AddQuery("limit", 1);
        await new ApiTransport(Client(handler), options).SendAsync(request, CancellationToken.None);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_configured_service_endpoint_needs_no_base_address()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, "https://ims.example.com/v2/images").Respond(HttpStatusCode.NoContent);
        var options = new BmsGenClientOptions();
        options.ServiceEndpoints["IMS"] = new Uri("https://ims.example.com/");
        var request = new ApiRequest("ListImages", HttpMethod.Get, "/v2/images") { Service = "ims" };
        request.AppendPath("/v2/images");

        await new ApiTransport(new HttpClient(handler), options).SendAsync(request, CancellationToken.None);

        handler.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_relative_service_endpoint_is_a_clear_error()
    {
        var options = new BmsGenClientOptions();
        options.ServiceEndpoints["ims"] = new Uri("ims", UriKind.Relative);
        var request = new ApiRequest("ListImages", HttpMethod.Get, "/v2/images") { Service = "ims" };

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new ApiTransport(Client(new MockHttpMessageHandler()), options).SendAsync(request, CancellationToken.None));

        Assert.Contains("ServiceEndpoints[\"ims\"]", error.Message);
    }

    [Fact]
    public void Empty_path_parameters_are_refused()
    {
        var request = new ApiRequest("Op", HttpMethod.Get, "/servers/{id}");

        ArgumentException error = Assert.Throws<ArgumentException>(() => request.AppendPathParameter("id", ""));

        Assert.Contains("'id'", error.Message);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(async () =>
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var cancellation = new CancellationTokenSource();
        Task<string> pending = Send(handler, ReadName, cancellationToken: cancellation.Token);

        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task A_sent_request_is_disposed_whatever_the_outcome_and_cannot_be_sent_again()
    {
        var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Put, "https://bms.example.com/things").WithContent("\"kept\"").Respond(HttpStatusCode.NoContent);
        handler.Expect(HttpMethod.Put, "https://bms.example.com/things").WithContent("\"refused\"").Respond(HttpStatusCode.Conflict);
        var transport = new ApiTransport(Client(handler), new BmsGenClientOptions());
        ApiRequest sent = Put("kept");
        ApiRequest refused = Put("refused");

        await transport.SendAsync(sent, CancellationToken.None);
        await Assert.ThrowsAsync<BmsGenApiException>(() => transport.SendAsync(refused, ReadName, CancellationToken.None));

        handler.VerifyNoOutstandingExpectation();
        Assert.Null(sent.Body);
        Assert.Null(refused.Body);
        ObjectDisposedException again = await Assert.ThrowsAsync<ObjectDisposedException>(() => transport.SendAsync(sent, CancellationToken.None));
        Assert.Contains("This UpdateThing request was already sent or disposed", again.Message);
    }

    private static ApiRequest Put(string body)
    {
        var request = new ApiRequest("UpdateThing", HttpMethod.Put, "/things");
        request.AppendPath("/things");
        request.SetJsonBody(body, static (writer, value) => writer.WriteStringValue(value));
        return request;
    }

    private static HttpClient Client(MockHttpMessageHandler handler) =>
        new(handler) { BaseAddress = new Uri("https://bms.example.com/") };

    private static Task<string> Send(MockHttpMessageHandler handler, JsonValueReader<string> read, int maxResponseBytes = 1 << 20, CancellationToken cancellationToken = default)
    {
        var transport = new ApiTransport(Client(handler), new BmsGenClientOptions { MaxResponseBytes = maxResponseBytes });
        var request = new ApiRequest("ShowThing", HttpMethod.Get, "/things");
        request.AppendPath("/things");
        return transport.SendAsync(request, read, cancellationToken);
    }
}
