using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Runtime.Authentication;

/// <summary>An access key pair, optionally temporary (with a security token).</summary>
/// <param name="AccessKey">The access key ID (AK).</param>
/// <param name="SecretKey">The secret access key (SK). Never logged or shown by <see cref="ToString"/>.</param>
/// <param name="SecurityToken">The security token of temporary credentials, sent as <c>X-Security-Token</c>; null for permanent keys.</param>
public sealed record AkSkCredentials(string AccessKey, string SecretKey, string? SecurityToken = null)
{
    /// <summary>Shows the access key only; the secret key and security token stay hidden.</summary>
    public override string ToString() => $"AkSkCredentials {{ AccessKey = {AccessKey}, SecretKey = ***, SecurityToken = {(SecurityToken is null ? "none" : "***")} }}";
}

/// <summary>
/// Signs every request with <c>SDK-HMAC-SHA256</c> (<see cref="SdkSignature"/>): sets <c>X-Sdk-Date</c>, adds
/// <c>X-Security-Token</c> for temporary credentials, and writes the <c>Authorization</c> header over the host,
/// the date and every other header the request carries (<c>X-Project-Id</c> included when <see cref="BmsGenAuthenticationHandler.ProjectId"/>
/// is set). Place it after any retry handler so that each attempt is signed with its own time. A 401 is returned as
/// it is: a key pair cannot be renewed.
/// </summary>
public sealed class AkSkSigningHandler : BmsGenAuthenticationHandler
{
    private static readonly HashSet<string> UnsignedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        // Set or rewritten by the transport or by proxies after signing, or the signature itself.
        "authorization", "connection", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade", "expect", "content-length", "user-agent",
    };

    private readonly AkSkCredentials _credentials;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a handler that signs with <paramref name="credentials"/> at the time <paramref name="timeProvider"/> tells.</summary>
    public AkSkSigningHandler(AkSkCredentials credentials, TimeProvider? timeProvider = null)
    {
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        if (string.IsNullOrEmpty(credentials.AccessKey) || string.IsNullOrEmpty(credentials.SecretKey))
        {
            throw new ArgumentException("Both the access key and the secret key must be set.", nameof(credentials));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    protected override async ValueTask<object?> AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SignAsync(request, _credentials, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Signs <paramref name="request"/> in place as of <paramref name="time"/>.</summary>
    public static async Task SignAsync(HttpRequestMessage request, AkSkCredentials credentials, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        Uri uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("A request must have an absolute URI to be signed; set HttpClient.BaseAddress.");

        request.Headers.Remove("Authorization");
        request.Headers.Remove(SdkSignature.DateHeader);
        request.Headers.TryAddWithoutValidation(SdkSignature.DateHeader, SdkSignature.FormatDate(time));
        if (credentials.SecurityToken is { Length: > 0 } token)
        {
            request.Headers.Remove("X-Security-Token");
            request.Headers.TryAddWithoutValidation("X-Security-Token", token);
        }

        var signed = new List<KeyValuePair<string, string>> { new("host", uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port) };
        foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
        {
            if (!UnsignedHeaders.Contains(header.Key) && !header.Key.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                signed.Add(new(header.Key, string.Join(",", header.Value)));
            }
        }

        if (request.Content is { } content)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in content.Headers)
            {
                if (!UnsignedHeaders.Contains(header.Key))
                {
                    signed.Add(new(header.Key, string.Join(",", header.Value)));
                }
            }
        }

        string payloadHash = await HashContentAsync(request.Content, cancellationToken).ConfigureAwait(false);
        string canonical = SdkSignature.CanonicalRequest(request.Method.Method, uri.AbsolutePath, uri.Query, signed, payloadHash);
        string dateValue = SdkSignature.FormatDate(time);
        string signature = SdkSignature.Sign(credentials.SecretKey, SdkSignature.StringToSign(dateValue, canonical));
        string headerList = SdkSignature.SignedHeaderList(signed.Select(static header => header.Key));
        request.Headers.TryAddWithoutValidation("Authorization", SdkSignature.FormatAuthorization(credentials.AccessKey, headerList, signature));
    }

    private static async Task<string> HashContentAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return SdkSignature.HexSha256(ReadOnlySpan<byte>.Empty);
        }

        // Buffering keeps the content readable again for the send (and for a retry that re-signs it).
        await content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }

        if (stream.CanSeek)
        {
            stream.Position = 0;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
