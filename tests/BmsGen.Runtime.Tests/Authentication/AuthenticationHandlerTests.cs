using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace BmsGen.Runtime.Tests.Authentication;

public sealed class AuthenticationHandlerTests
{
    private const string Password = "Pa55-w0rd!secret";
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_configured_project_is_sent_as_X_Project_Id_and_signed_like_the_independent_vector()
    {
        HttpRequestMessage? seen = null;
        string? authorization = null;
        var signing = new AkSkSigningHandler(new AkSkCredentials("AKEXAMPLE0001", "SKexampleSecret/Key+0001"), new FakeTimeProvider(Start))
        {
            ProjectId = "0b5b3a8c",
            InnerHandler = new LambdaHandler(request =>
            {
                seen = request;
                authorization = request.Headers.GetValues("Authorization").Single();
                return new HttpResponseMessage(HttpStatusCode.OK);
            }),
        };
        using var client = new HttpClient(signing);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bms.cn-north-4.myhuaweicloud.com/v1/0b5b3a8c/baremetalservers/a%20b%2Fc/action")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"os-stop\":{\"type\":\"HARD\",\"servers\":[{\"id\":\"s-1\"}]}}")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal("0b5b3a8c", seen!.Headers.GetValues("X-Project-Id").Single());
        // The same vector as the signing tests, where the header was added by hand.
        Assert.Equal(
            "SDK-HMAC-SHA256 Access=AKEXAMPLE0001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, " +
            "Signature=54fd6aa3d4fa67c5c1efbee1fd58f71cd3afb026871664905398cd631fb5724a",
            authorization);
    }

    [Fact]
    public async Task Without_a_project_no_X_Project_Id_is_sent()
    {
        HttpRequestMessage? seen = null;
        var signing = new AkSkSigningHandler(new AkSkCredentials("ak", "sk")) { InnerHandler = new LambdaHandler(request => { seen = request; return new HttpResponseMessage(HttpStatusCode.OK); }) };

        using HttpResponseMessage response = await new HttpClient(signing).GetAsync("https://bms.example.com/v1/p/baremetalservers");

        Assert.False(seen!.Headers.Contains("X-Project-Id"));
    }

    [Fact]
    public async Task The_token_handler_obtains_a_project_scoped_token_with_the_password_method_and_sends_it()
    {
        var iam = new FakeIam(new FakeTimeProvider(Start));
        using HttpClient client = iam.Client();

        using HttpResponseMessage first = await client.GetAsync("https://bms.example.com/v1/proj-1/baremetalservers");
        using HttpResponseMessage second = await client.GetAsync("https://bms.example.com/v1/proj-1/baremetalservers");

        Assert.Equal(1, iam.TokenRequests);
        Assert.Equal(new[] { "token-1", "token-1" }, iam.TokensSeen);
        Assert.Equal(new[] { "proj-1", "proj-1" }, iam.ProjectsSeen);
        using JsonDocument body = JsonDocument.Parse(iam.LastTokenRequestBody!);
        JsonElement identity = body.RootElement.GetProperty("auth").GetProperty("identity");
        Assert.Equal("password", identity.GetProperty("methods")[0].GetString());
        JsonElement user = identity.GetProperty("password").GetProperty("user");
        Assert.Equal("alice", user.GetProperty("name").GetString());
        Assert.Equal(Password, user.GetProperty("password").GetString());
        Assert.Equal("acme", user.GetProperty("domain").GetProperty("name").GetString());
        Assert.Equal("proj-1", body.RootElement.GetProperty("auth").GetProperty("scope").GetProperty("project").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_token_is_replaced_before_it_expires()
    {
        var time = new FakeTimeProvider(Start);
        var iam = new FakeIam(time) { Lifetime = TimeSpan.FromHours(1) };
        using HttpClient client = iam.Client(refreshBefore: TimeSpan.FromMinutes(10));

        (await client.GetAsync("https://bms.example.com/v1/proj-1/servers")).Dispose();
        time.Advance(TimeSpan.FromMinutes(49));
        (await client.GetAsync("https://bms.example.com/v1/proj-1/servers")).Dispose();
        time.Advance(TimeSpan.FromMinutes(1));
        (await client.GetAsync("https://bms.example.com/v1/proj-1/servers")).Dispose();

        Assert.Equal(new[] { "token-1", "token-1", "token-2" }, iam.TokensSeen);
    }

    [Fact]
    public async Task A_401_renews_the_token_once_and_sends_again()
    {
        var iam = new FakeIam(new FakeTimeProvider(Start)) { Revoked = { "token-1" } };
        using HttpClient client = iam.Client();

        using HttpResponseMessage response = await client.GetAsync("https://bms.example.com/v1/proj-1/servers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "token-1", "token-2" }, iam.TokensSeen);
        Assert.Equal(2, iam.TokenRequests);
    }

    [Fact]
    public async Task A_second_401_goes_back_to_the_caller_without_a_third_attempt()
    {
        var iam = new FakeIam(new FakeTimeProvider(Start)) { Revoked = { "token-1", "token-2", "token-3" } };
        using HttpClient client = iam.Client();

        using HttpResponseMessage response = await client.GetAsync("https://bms.example.com/v1/proj-1/servers");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(new[] { "token-1", "token-2" }, iam.TokensSeen);
    }

    [Fact]
    public async Task A_refused_token_request_names_the_user_but_never_the_password()
    {
        var iam = new FakeIam(new FakeTimeProvider(Start)) { Refuse = true };
        using HttpClient client = iam.Client();

        BmsGenAuthenticationException error = await Assert.ThrowsAsync<BmsGenAuthenticationException>(() => client.GetAsync("https://bms.example.com/v1/proj-1/servers"));

        Assert.Contains("alice", error.Message);
        Assert.Contains("IAM.0004", error.Message);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Fact]
    public void Credentials_come_from_configuration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BmsGen:Credentials:AccessKey"] = "AK1",
            ["BmsGen:Credentials:SecretKey"] = "SK-secret-1",
            ["BmsGen:Credentials:SecurityToken"] = "ST-secret-1",
            ["BmsGen:Credentials:ProjectId"] = "p-1",
        }).Build();

        BmsGenCredentialOptions credentials = new BmsGenCredentialOptions().Read(configuration.GetSection("BmsGen:Credentials"));

        Assert.Equal(BmsGenAuthenticationMethod.AccessKey, credentials.Method);
        Assert.Equal(("AK1", "SK-secret-1", "ST-secret-1", "p-1"), (credentials.AccessKey, credentials.SecretKey, credentials.SecurityToken, credentials.ProjectId));
        BmsGenAuthenticationHandler handler = credentials.CreateHandler(() => null, () => throw new InvalidOperationException("no IAM"))!;
        Assert.IsType<AkSkSigningHandler>(handler);
        Assert.Equal("p-1", handler.ProjectId);
    }

    [Fact]
    public void Credentials_come_from_the_environment_variables()
    {
        var variables = new Dictionary<string, string>
        {
            ["HUAWEICLOUD_SDK_AK"] = "AK2",
            ["HUAWEICLOUD_SDK_SK"] = "SK-secret-2",
            ["HUAWEICLOUD_SDK_SECURITY_TOKEN"] = "ST-secret-2",
            ["HUAWEICLOUD_SDK_PROJECT_ID"] = "p-2",
        };

        BmsGenCredentialOptions credentials = new BmsGenCredentialOptions().ReadEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(("AK2", "SK-secret-2", "ST-secret-2", "p-2"), (credentials.AccessKey, credentials.SecretKey, credentials.SecurityToken, credentials.ProjectId));
    }

    [Fact]
    public void Password_credentials_make_a_token_handler_on_the_iam_endpoint()
    {
        var credentials = new BmsGenCredentialOptions { UserName = "alice", Password = Password, DomainName = "acme", ProjectId = "p" };

        Assert.Equal(BmsGenAuthenticationMethod.IamPassword, credentials.Method);
        Assert.IsType<IamTokenHandler>(credentials.CreateHandler(() => new Uri("https://iam.example.com/"), () => new HttpClient()));
        Assert.Contains("IAM endpoint", Assert.Throws<InvalidOperationException>(() => credentials.CreateHandler(() => null, () => new HttpClient())).Message);
    }

    [Theory]
    [InlineData("AK", null, "SecretKey")]
    [InlineData(null, "SK", "AccessKey")]
    public void Incomplete_credentials_name_what_is_missing(string? accessKey, string? secretKey, string missing)
    {
        var credentials = new BmsGenCredentialOptions { AccessKey = accessKey, SecretKey = secretKey };

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => credentials.CreateHandler(() => null, () => new HttpClient()));

        Assert.Contains(missing, error.Message);
        Assert.DoesNotContain("SK\"", error.Message);
    }

    [Fact]
    public void Secrets_never_appear_in_ToString()
    {
        var options = new BmsGenCredentialOptions { AccessKey = "AK3", SecretKey = "SK-secret-3", SecurityToken = "ST-secret-3", UserName = "bob", Password = Password, DomainName = "d" };
        string[] shown =
        {
            options.ToString(),
            new AkSkCredentials("AK3", "SK-secret-3", "ST-secret-3").ToString(),
            new IamPasswordCredentials("bob", Password, "d", "p").ToString(),
        };

        foreach (string text in shown)
        {
            Assert.DoesNotContain("SK-secret-3", text);
            Assert.DoesNotContain("ST-secret-3", text);
            Assert.DoesNotContain(Password, text);
        }

        Assert.Contains("AK3", shown[0]);
        Assert.Contains("***", shown[0]);
    }

    [Theory]
    [InlineData("bms", "cn-north-4", "https://bms.cn-north-4.myhuaweicloud.com/")]
    [InlineData("ECS", "ap-southeast-1", "https://ecs.ap-southeast-1.myhuaweicloud.com/")]
    [InlineData("iam", "cn-north-4", "https://iam.cn-north-4.myhuaweicloud.com/")]
    [InlineData("ims", "cn-east-3", "https://ims.cn-east-3.myhuaweicloud.com/")]
    public void Region_endpoints_follow_the_documented_pattern(string service, string region, string expected)
    {
        Assert.Equal(new Uri(expected), HuaweiCloudEndpoints.For(service, region));
    }

    [Fact]
    public void A_region_that_is_not_a_host_label_is_refused()
    {
        Assert.Throws<ArgumentException>(() => HuaweiCloudEndpoints.For("bms", "cn-north-4.evil.example/x"));
        Assert.Throws<ArgumentException>(() => HuaweiCloudEndpoints.For("bms", "cn north"));
    }

    /// <summary>IAM and a service behind it: tokens numbered token-1, token-2, …; revoked tokens get 401.</summary>
    private sealed class FakeIam(FakeTimeProvider time)
    {
        public int TokenRequests;
        public string? LastTokenRequestBody;
        public readonly List<string?> TokensSeen = new();
        public readonly List<string?> ProjectsSeen = new();
        public HashSet<string> Revoked { get; } = new();
        public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(24);
        public bool Refuse { get; init; }

        public HttpClient Client(TimeSpan? refreshBefore = null)
        {
            var transport = new LambdaHandler(async (request, cancellationToken) =>
            {
                if (request.RequestUri!.Host == "iam.example.com")
                {
                    Assert.Equal("/v3/auth/tokens", request.RequestUri.AbsolutePath);
                    Assert.Equal(HttpMethod.Post, request.Method);
                    LastTokenRequestBody = await request.Content!.ReadAsStringAsync(cancellationToken);
                    if (Refuse)
                    {
                        return new HttpResponseMessage(HttpStatusCode.Unauthorized)
                        {
                            Content = new StringContent("{\"error\":{\"code\":\"IAM.0004\",\"message\":\"The username or password is wrong.\"}}"),
                        };
                    }

                    int number = Interlocked.Increment(ref TokenRequests);
                    string expires = (time.GetUtcNow() + Lifetime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");
                    var response = new HttpResponseMessage(HttpStatusCode.Created)
                    {
                        Content = new StringContent("{\"token\":{\"methods\":[\"password\"],\"expires_at\":\"" + expires + "\"}}"),
                    };
                    response.Headers.Add("X-Subject-Token", "token-" + number);
                    return response;
                }

                string? token = request.Headers.TryGetValues("X-Auth-Token", out var values) ? values.Single() : null;
                TokensSeen.Add(token);
                ProjectsSeen.Add(request.Headers.TryGetValues("X-Project-Id", out var projects) ? projects.Single() : null);
                return new HttpResponseMessage(token is not null && !Revoked.Contains(token) ? HttpStatusCode.OK : HttpStatusCode.Unauthorized);
            });
            var tokens = new IamTokenProvider(new IamPasswordCredentials("alice", Password, "acme", "proj-1"), new Uri("https://iam.example.com"), new HttpClient(transport), time)
            {
                RefreshBefore = refreshBefore ?? TimeSpan.FromMinutes(10),
            };
            var handler = new IamTokenHandler(tokens) { ProjectId = "proj-1", InnerHandler = transport };
            return new HttpClient(handler);
        }
    }
}
