using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace BmsGen.Simulator.Http;

/// <summary>
/// The API gateway's authentication, done for real: an <c>SDK-HMAC-SHA256</c> signature is recomputed with
/// <see cref="SdkSignature"/> from the request as received (the raw request target, the signed headers' values, the
/// SHA-256 of the body bytes) and compared in constant time; <c>X-Sdk-Date</c> must be within 15 minutes of the
/// simulator's clock. Otherwise <c>X-Auth-Token</c> must be a token the simulated IAM issued and that has not
/// expired. Failures answer 401 <c>{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information: ..."}</c>.
/// </summary>
internal sealed class GatewayAuthentication
{
    public const string ProjectItem = "sim.token-project";
    private const string Prefix = "Incorrect IAM authentication information: ";

    private readonly SimulatorOptions _options;
    private readonly TokenStore _tokens;

    public GatewayAuthentication(SimulatorOptions options, TokenStore tokens)
    {
        _options = options;
        _tokens = tokens;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (IsOpen(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string? failure;
        string authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith(SdkSignature.Algorithm, StringComparison.Ordinal))
        {
            failure = await VerifySignatureAsync(context, authorization).ConfigureAwait(false);
        }
        else if (context.Request.Headers.TryGetValue("X-Auth-Token", out StringValues token) && !StringValues.IsNullOrEmpty(token))
        {
            failure = _tokens.TryValidate(token.ToString(), out IssuedToken? issued, out string? error) ? null : error;
            if (issued is not null && failure is null)
            {
                context.Items[ProjectItem] = issued.ProjectId;
            }
        }
        else
        {
            failure = authorization.Length > 0
                ? "verify aksk signature fail, the Authorization header is not an SDK-HMAC-SHA256 signature"
                : "x-auth-token not found";
        }

        if (failure is not null)
        {
            await Respond.Gateway(context, StatusCodes.Status401Unauthorized, "APIGW.0301", Prefix + failure).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>Version documents and the token API need no authentication.</summary>
    public static bool IsOpen(HttpRequest request)
    {
        string path = request.Path.Value ?? "/";
        return (HttpMethods.IsGet(request.Method) && path is "/" or "/v1" or "/v1/" or "/v2.1" or "/v2.1/")
            || (HttpMethods.IsPost(request.Method) && path == "/v3/auth/tokens");
    }

    private async Task<string?> VerifySignatureAsync(HttpContext context, string authorization)
    {
        if (!SdkSignature.TryParseAuthorization(authorization, out SdkAuthorization parsed))
        {
            return "verify aksk signature fail, the Authorization header is malformed (expected SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...)";
        }

        if (!string.Equals(parsed.AccessKey, _options.AccessKey, StringComparison.Ordinal))
        {
            return $"Get secretKey failed,ak:{parsed.AccessKey},err:ak not exist";
        }

        string dateValue = context.Request.Headers[SdkSignature.DateHeader].ToString();
        if (!SdkSignature.TryParseDate(dateValue, out DateTimeOffset signedAt))
        {
            return $"verify aksk signature fail, {SdkSignature.DateHeader} is missing or not in the form yyyyMMddTHHmmssZ";
        }

        DateTimeOffset now = _options.TimeProvider.GetUtcNow();
        if ((now - signedAt).Duration() > _options.SignatureClockSkew)
        {
            return $"verify aksk signature fail, the signature expired: {SdkSignature.DateHeader} {dateValue} is more than {_options.SignatureClockSkew.TotalMinutes:0} minutes from the server time {SdkSignature.FormatDate(now)}";
        }

        var headers = new List<KeyValuePair<string, string>>(parsed.SignedHeaders.Count);
        foreach (string name in parsed.SignedHeaders)
        {
            if (!context.Request.Headers.TryGetValue(name, out StringValues value))
            {
                return $"verify aksk signature fail, the signed header {name} was not sent";
            }

            headers.Add(new(name, value.ToString()));
        }

        // The body is hashed as received and kept for the handler.
        context.Request.EnableBuffering();
        string payloadHash;
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            byte[] chunk = new byte[8192];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(chunk, 0, read);
            }

            payloadHash = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        context.Request.Body.Seek(0, SeekOrigin.Begin);

        // The path and query exactly as sent, not the decoded Request.Path.
        string rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent() + context.Request.QueryString;
        int question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? rawTarget : rawTarget[..question];
        string query = question < 0 ? string.Empty : rawTarget[(question + 1)..];
        string canonical = SdkSignature.CanonicalRequest(context.Request.Method, path, query, headers, payloadHash);
        string expected = SdkSignature.Sign(_options.SecretKey, SdkSignature.StringToSign(dateValue, canonical));
        return SdkSignature.SignaturesEqual(expected, parsed.Signature)
            ? null
            : "verify aksk signature fail, the signature does not match the request (check the secret key, the signed headers and the body)";
    }
}
