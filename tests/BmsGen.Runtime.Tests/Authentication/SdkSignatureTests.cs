using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using Xunit;

namespace BmsGen.Runtime.Tests.Authentication;

/// <summary>
/// The expected canonical requests and signatures below were computed outside this code base, by a separate script
/// that follows the API request signing guide (Python's urllib quoting, hashlib and hmac), so these tests pin the
/// algorithm rather than this implementation's own output.
/// </summary>
public sealed class SdkSignatureTests
{
    private const string AccessKey = "AKEXAMPLE0001";
    private const string SecretKey = "SKexampleSecret/Key+0001";
    private const string Date = "20261130T101500Z";

    [Fact]
    public void Get_with_repeated_and_escaped_query_keys_matches_the_independent_vector()
    {
        string canonical = SdkSignature.CanonicalRequest(
            "get",
            "/v1/0b5b3a8c/baremetalservers/detail",
            "?limit=10&offset=1&name=a%20b&tags=x&tags=a",
            new Dictionary<string, string>
            {
                ["Host"] = "bms.cn-north-4.myhuaweicloud.com",
                ["X-Sdk-Date"] = Date,
                ["Content-Type"] = "application/json",
            },
            SdkSignature.HexSha256(ReadOnlySpan<byte>.Empty));

        Assert.Equal(
            "GET\n/v1/0b5b3a8c/baremetalservers/detail/\nlimit=10&name=a%20b&offset=1&tags=a&tags=x\n" +
            "content-type:application/json\nhost:bms.cn-north-4.myhuaweicloud.com\nx-sdk-date:20261130T101500Z\n\n" +
            "content-type;host;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);

        string stringToSign = SdkSignature.StringToSign(Date, canonical);
        Assert.Equal("SDK-HMAC-SHA256\n20261130T101500Z\na0968af7d304ade6d23ef66d3bc4551de66577d393c1f04d6470e96f1ff5fc73", stringToSign);
        Assert.Equal("1c847a4bbad0683fdaecb1ab19094b57a0fdcae2bf989c1fdc85260bb8302dc2", SdkSignature.Sign(SecretKey, stringToSign));
    }

    [Fact]
    public void Non_ascii_segments_host_port_and_trimmed_header_values_match_the_independent_vector()
    {
        string canonical = SdkSignature.CanonicalRequest(
            "DELETE",
            "/v1/p/cloudservers/tags/%C3%A9t%C3%A9",
            null,
            new Dictionary<string, string>
            {
                ["host"] = "ecs.example.com:8443",
                ["x-sdk-date"] = "20200101T000000Z",
                ["X-Security-Token"] = "  tok en  ",
            },
            SdkSignature.HexSha256(ReadOnlySpan<byte>.Empty));

        Assert.Equal("c1df357ceb20cfdc980a4ee45c68a16e3be2c10ecaad50f005ed8dd18562afff",
            SdkSignature.Sign("sk\u00e9", SdkSignature.StringToSign("20200101T000000Z", canonical)));
    }

    [Fact]
    public async Task The_handler_signs_a_post_with_body_and_escaped_slash_like_the_independent_vector()
    {
        var capture = new CapturingHandler();
        var handler = new AkSkSigningHandler(new AkSkCredentials(AccessKey, SecretKey), new FixedTime(new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.Zero)))
        {
            InnerHandler = capture,
        };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bms.cn-north-4.myhuaweicloud.com/v1/0b5b3a8c/baremetalservers/a%20b%2Fc/action");
        request.Headers.TryAddWithoutValidation("X-Project-Id", "0b5b3a8c");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"os-stop\":{\"type\":\"HARD\",\"servers\":[{\"id\":\"s-1\"}]}}"));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(Date, capture.Header(SdkSignature.DateHeader));
        Assert.Equal(
            "SDK-HMAC-SHA256 Access=AKEXAMPLE0001, SignedHeaders=content-type;host;x-project-id;x-sdk-date, " +
            "Signature=54fd6aa3d4fa67c5c1efbee1fd58f71cd3afb026871664905398cd631fb5724a",
            capture.Header("Authorization"));
        Assert.Equal("{\"os-stop\":{\"type\":\"HARD\",\"servers\":[{\"id\":\"s-1\"}]}}", capture.Body);
    }

    [Fact]
    public async Task Temporary_credentials_send_and_sign_the_security_token()
    {
        var capture = new CapturingHandler();
        var handler = new AkSkSigningHandler(new AkSkCredentials(AccessKey, SecretKey, "token-1"), new FixedTime(DateTimeOffset.UnixEpoch)) { InnerHandler = capture };
        using var client = new HttpClient(handler);

        using HttpResponseMessage response = await client.GetAsync("https://ecs.example.com/v1/p/cloudservers/detail");

        Assert.Equal("token-1", capture.Header("X-Security-Token"));
        Assert.True(SdkSignature.TryParseAuthorization(capture.Header("Authorization"), out SdkAuthorization authorization));
        Assert.Equal(new[] { "host", "x-sdk-date", "x-security-token" }, authorization.SignedHeaders);
        Assert.Equal(AccessKey, authorization.AccessKey);
    }

    [Theory]
    [InlineData("SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature=00", true)]
    [InlineData("SDK-HMAC-SHA256 Access=a, SignedHeaders=host", false)]
    [InlineData("SDK-HMAC-SHA256 Access=a, SignedHeaders=host, Signature=00, Extra=1", false)]
    [InlineData("Bearer abc", false)]
    [InlineData(null, false)]
    public void Authorization_headers_parse_only_in_the_documented_shape(string? value, bool parses)
    {
        Assert.Equal(parses, SdkSignature.TryParseAuthorization(value, out _));
    }

    [Fact]
    public void Dates_round_trip_in_the_basic_format()
    {
        var time = new DateTimeOffset(2026, 11, 30, 10, 15, 0, TimeSpan.FromHours(8));
        Assert.Equal("20261130T021500Z", SdkSignature.FormatDate(time));
        Assert.True(SdkSignature.TryParseDate("20261130T021500Z", out DateTimeOffset parsed));
        Assert.Equal(time, parsed);
        Assert.False(SdkSignature.TryParseDate("2026-11-30T02:15:00Z", out _));
    }

    [Fact]
    public void Credentials_never_show_the_secret()
    {
        string text = new AkSkCredentials("AK1", "very-secret", "session-token").ToString();
        Assert.Contains("AK1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-token", text, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        private HttpRequestMessage? _request;

        public string? Body { get; private set; }

        public string? Header(string name) =>
            _request!.Headers.TryGetValues(name, out IEnumerable<string>? values) ? string.Join(",", values) : null;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _request = request;
            Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(System.Net.HttpStatusCode.NoContent);
        }
    }
}
