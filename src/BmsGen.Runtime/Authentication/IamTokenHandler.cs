using System;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Runtime.Authentication;

/// <summary>An IAM user's password credentials, for a token scoped to one project.</summary>
/// <param name="UserName">The IAM user name.</param>
/// <param name="Password">The user's password. Never logged or shown by <see cref="ToString"/>.</param>
/// <param name="DomainName">The account (domain) the user belongs to.</param>
/// <param name="ProjectId">The project the token is scoped to.</param>
public sealed record IamPasswordCredentials(string UserName, string Password, string DomainName, string ProjectId)
{
    /// <summary>Shows the user, domain and project; the password stays hidden.</summary>
    public override string ToString() => $"IamPasswordCredentials {{ UserName = {UserName}, Password = ***, DomainName = {DomainName}, ProjectId = {ProjectId} }}";
}

/// <summary>
/// Authenticates requests with an IAM token from an <see cref="IamTokenProvider"/>: sends it as <c>X-Auth-Token</c>,
/// and when the service answers 401 obtains a new one and sends the request once more.
/// </summary>
public sealed class IamTokenHandler : BmsGenAuthenticationHandler
{
    /// <summary>The header that carries the token on requests.</summary>
    public const string TokenHeader = "X-Auth-Token";

    private readonly IamTokenProvider _tokens;

    /// <summary>Creates a handler with its own token cache; see <see cref="IamTokenProvider(IamPasswordCredentials, Uri, HttpMessageInvoker, TimeProvider?)"/>.</summary>
    public IamTokenHandler(IamPasswordCredentials credentials, Uri iamEndpoint, HttpMessageInvoker iam, TimeProvider? timeProvider = null)
        : this(new IamTokenProvider(credentials, iamEndpoint, iam, timeProvider))
    {
    }

    /// <summary>Creates a handler that takes its tokens from <paramref name="tokens"/>, which may be shared (handlers come and go; the cached token stays).</summary>
    public IamTokenHandler(IamTokenProvider tokens)
    {
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
    }

    /// <inheritdoc/>
    protected override async ValueTask<object?> AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        IamTokenProvider.Token token = await _tokens.GetAsync(stale: null, cancellationToken).ConfigureAwait(false);
        request.Headers.Remove(TokenHeader);
        request.Headers.TryAddWithoutValidation(TokenHeader, token.Value);
        return token;
    }

    /// <inheritdoc/>
    protected override async ValueTask<bool> RenewAsync(object? used, CancellationToken cancellationToken)
    {
        await _tokens.GetAsync(stale: used as IamTokenProvider.Token, cancellationToken).ConfigureAwait(false);
        return true;
    }
}

/// <summary>
/// Obtains and caches IAM tokens: a project-scoped token with the password method (<c>POST /v3/auth/tokens</c>, the
/// token in the <c>X-Subject-Token</c> response header), kept until <see cref="RefreshBefore"/> ahead of its
/// <c>expires_at</c>, one token request at a time.
/// </summary>
public sealed class IamTokenProvider : IDisposable
{
    private readonly IamPasswordCredentials _credentials;
    private readonly Func<HttpMessageInvoker> _iam;
    private readonly Uri _tokensUri;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Token? _token;

    /// <summary>Creates a provider that obtains tokens from <paramref name="iamEndpoint"/> through <paramref name="iam"/>.</summary>
    /// <param name="credentials">The user, password, domain and project.</param>
    /// <param name="iamEndpoint">The IAM endpoint, for example <c>https://iam.cn-north-4.myhuaweicloud.com/</c>.</param>
    /// <param name="iam">What sends the token requests (an <see cref="HttpClient"/> or handler); not disposed by the provider.</param>
    /// <param name="timeProvider">The clock for expiry; the system clock when null.</param>
    public IamTokenProvider(IamPasswordCredentials credentials, Uri iamEndpoint, HttpMessageInvoker iam, TimeProvider? timeProvider = null)
        : this(credentials, iamEndpoint, iam is null ? throw new ArgumentNullException(nameof(iam)) : () => iam, timeProvider)
    {
    }

    /// <summary>Creates a provider that asks <paramref name="iam"/> for what sends each token request (for example an <c>IHttpClientFactory</c> client).</summary>
    public IamTokenProvider(IamPasswordCredentials credentials, Uri iamEndpoint, Func<HttpMessageInvoker> iam, TimeProvider? timeProvider = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        ArgumentNullException.ThrowIfNull(iamEndpoint);
        _iam = iam ?? throw new ArgumentNullException(nameof(iam));
        if (!iamEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException($"The IAM endpoint must be an absolute URI, not '{iamEndpoint}'.", nameof(iamEndpoint));
        }

        if (string.IsNullOrEmpty(credentials.UserName) || string.IsNullOrEmpty(credentials.Password) ||
            string.IsNullOrEmpty(credentials.DomainName) || string.IsNullOrEmpty(credentials.ProjectId))
        {
            throw new ArgumentException("The user name, password, domain name and project ID must all be set.", nameof(credentials));
        }

        _tokensUri = new Uri(iamEndpoint.AbsoluteUri.EndsWith('/') ? iamEndpoint : new Uri(iamEndpoint.AbsoluteUri + "/"), "v3/auth/tokens");
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long before its expiry a token is replaced. Default 10 minutes.</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The cached token while it is fresh and not <paramref name="stale"/>; otherwise a new one (one request at a time).</summary>
    internal async Task<Token> GetAsync(Token? stale, CancellationToken cancellationToken)
    {
        Token? token = _token;
        if (IsUsable(token, stale))
        {
            return token!;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            token = _token;
            if (IsUsable(token, stale))
            {
                return token!;
            }

            token = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            _token = token;
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsUsable(Token? token, Token? stale) =>
        token is not null && !ReferenceEquals(token, stale) && _timeProvider.GetUtcNow() < token.ExpiresAt - RefreshBefore;

    private async Task<Token> RequestTokenAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokensUri) { Content = new ByteArrayContent(RequestBody()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        HttpResponseMessage response;
        try
        {
            response = await _iam().SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new BmsGenAuthenticationException($"the IAM token request to {_tokensUri} failed: {ex.Message}", null, ex);
        }

        using (response)
        {
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                ApiError error = ApiError.Parse(body);
                string detail = error.Code is null && error.Message is null ? "no error code" : $"{error.Code ?? "(no code)"}: {error.Message ?? "(no message)"}";
                throw new BmsGenAuthenticationException(
                    $"IAM refused the token request for user '{_credentials.UserName}' in domain '{_credentials.DomainName}' with HTTP {(int)response.StatusCode} ({detail})",
                    response.StatusCode);
            }

            if (!response.Headers.TryGetValues("X-Subject-Token", out var values) || string.Join(",", values) is not { Length: > 0 } value)
            {
                throw new BmsGenAuthenticationException("IAM answered the token request without an X-Subject-Token header", response.StatusCode);
            }

            DateTimeOffset expiresAt = ExpiresAt(body) ?? throw new BmsGenAuthenticationException(
                "IAM answered the token request without a readable token.expires_at", response.StatusCode);
            return new Token(value, expiresAt);
        }
    }

    /// <summary>The password-method, project-scoped request of the IAM API reference's "Obtaining a User Token".</summary>
    private byte[] RequestBody()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("auth");
            writer.WriteStartObject("identity");
            writer.WriteStartArray("methods");
            writer.WriteStringValue("password");
            writer.WriteEndArray();
            writer.WriteStartObject("password");
            writer.WriteStartObject("user");
            writer.WriteString("name", _credentials.UserName);
            writer.WriteString("password", _credentials.Password);
            writer.WriteStartObject("domain");
            writer.WriteString("name", _credentials.DomainName);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("scope");
            writer.WriteStartObject("project");
            writer.WriteString("id", _credentials.ProjectId);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>token.expires_at</c> of the response body, or null when it is missing or not a time.</summary>
    private static DateTimeOffset? ExpiresAt(byte[] body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(ApiTransport.WithoutByteOrderMark(body).ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("token", out JsonElement token) && token.ValueKind == JsonValueKind.Object &&
                token.TryGetProperty("expires_at", out JsonElement expires) && expires.ValueKind == JsonValueKind.String &&
                DateTimeOffset.TryParse(expires.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time))
            {
                return time;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
        }

        return null;
    }

    /// <summary>Releases the lock that serialises token requests.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>A token and when it expires.</summary>
    internal sealed class Token(string value, DateTimeOffset expiresAt)
    {
        public string Value { get; } = value;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        /// <summary>Never the token itself.</summary>
        public override string ToString() => $"IAM token expiring at {ExpiresAt:O}";
    }
}
