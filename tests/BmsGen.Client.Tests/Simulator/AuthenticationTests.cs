using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using Xunit;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>The gateway checks AK/SK signatures and IAM tokens for real; failures are 401 APIGW.0301.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private SimulatorHarness _sim = null!;

    public async Task InitializeAsync() => _sim = await SimulatorHarness.StartAsync();

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_correct_signature_is_accepted_with_an_escaped_path_and_a_query()
    {
        (HttpStatusCode status, _, _) = await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail?name=a%20b&limit=5");
        Assert.Equal(HttpStatusCode.OK, status);
        (HttpStatusCode withBody, _, _) = await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers/action", """{"os-stop":{"servers":[{"id":"none"}]}}""");
        Assert.Equal(HttpStatusCode.NotFound, withBody);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused()
    {
        using HttpClient http = _sim.Http(new AkSkCredentials(_sim.Simulator.Options.AccessKey, "wrong-secret"));
        await AssertRefused(http, "signature does not match");
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused()
    {
        using HttpClient http = _sim.Http(new AkSkCredentials("UNKNOWNAK", _sim.Simulator.Options.SecretKey));
        await AssertRefused(http, "ak not exist");
    }

    [Fact]
    public async Task A_date_more_than_15_minutes_off_is_refused()
    {
        using HttpClient http = _sim.Http(clock: new ShiftedClock(TimeSpan.FromMinutes(-16)));
        await AssertRefused(http, "expired");
    }

    [Fact]
    public async Task A_missing_date_is_refused()
    {
        using HttpClient http = _sim.Http(afterSigning: new AfterSigning(request =>
        {
            request.Headers.Remove(SdkSignature.DateHeader);
            return Task.CompletedTask;
        }));
        await AssertRefused(http, "X-Sdk-Date");
    }

    [Fact]
    public async Task A_signed_header_that_was_not_sent_is_refused()
    {
        using HttpClient http = _sim.Http(afterSigning: new AfterSigning(request =>
        {
            request.Headers.Remove("X-Trace");
            return Task.CompletedTask;
        }));
        http.DefaultRequestHeaders.Add("X-Trace", "abc");
        await AssertRefused(http, "x-trace was not sent");
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        using HttpClient http = _sim.Http(afterSigning: new AfterSigning(async request =>
        {
            string original = await request.Content!.ReadAsStringAsync();
            request.Content = new StringContent(original.Replace("\"a\"", "\"b\"", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }));
        (HttpStatusCode status, JsonNode? body, _) = await _sim.SendAsync(HttpMethod.Post, "/v1/{p}/baremetalservers/action", """{"os-stop":{"servers":[{"id":"a"}]}}""", http);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("signature does not match", (string)body!["error_msg"]!);
    }

    [Fact]
    public async Task No_credentials_at_all_are_refused()
    {
        using var http = new HttpClient { BaseAddress = _sim.Simulator.BaseAddress };
        await AssertRefused(http, "x-auth-token not found");
    }

    [Fact]
    public async Task Issued_tokens_are_accepted_for_their_project_only()
    {
        using var http = new HttpClient { BaseAddress = _sim.Simulator.BaseAddress };
        string request = """
            {"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"sim-user","password":"sim-password","domain":{"name":"d"}}}},
             "scope":{"project":{"id":"PROJECT"}}}}
            """.Replace("PROJECT", _sim.ProjectId, StringComparison.Ordinal);
        HttpResponseMessage issued = await http.PostAsync("v3/auth/tokens", new StringContent(request, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        string token = string.Join(",", issued.Headers.GetValues("X-Subject-Token"));
        JsonNode body = JsonNode.Parse(await issued.Content.ReadAsStringAsync())!;
        Assert.True(DateTimeOffset.Parse((string)body["token"]!["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);

        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"v1/{_sim.ProjectId}/baremetalservers/detail")).StatusCode);
        HttpResponseMessage other = await http.GetAsync("v1/another-project/baremetalservers/detail");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("BMS.0033", (string)JsonNode.Parse(await other.Content.ReadAsStringAsync())!["error"]!["code"]!);

        HttpResponseMessage wrong = await new HttpClient { BaseAddress = _sim.Simulator.BaseAddress }.PostAsync("v3/auth/tokens",
            new StringContent(request.Replace("sim-password", "nope", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var forged = new HttpClient { BaseAddress = _sim.Simulator.BaseAddress };
        forged.DefaultRequestHeaders.Add("X-Auth-Token", "MIIforged");
        await AssertRefused(forged, "decrypt token fail");
    }

    private async Task AssertRefused(HttpClient http, string reason)
    {
        (HttpStatusCode status, JsonNode? body, _) = await _sim.SendAsync(HttpMethod.Get, "/v1/{p}/baremetalservers/detail", http: http);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("APIGW.0301", (string)body!["error_code"]!);
        Assert.Contains(reason, (string)body["error_msg"]!, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(body["request_id"]);
    }
}
