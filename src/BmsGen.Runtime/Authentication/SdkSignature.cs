using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BmsGen.Runtime.Authentication;

/// <summary>
/// The <c>SDK-HMAC-SHA256</c> request signature of Huawei Cloud's API gateway, as its API request signing guide
/// defines it. Both the signing handler and the simulator's verifier compute signatures here, from the request as it
/// travels on the wire (escaped path, raw query, header values), so the two sides cannot drift apart.
/// </summary>
public static class SdkSignature
{
    /// <summary>The algorithm name that starts the string to sign and the <c>Authorization</c> header.</summary>
    public const string Algorithm = "SDK-HMAC-SHA256";

    /// <summary>The header that carries the signing time.</summary>
    public const string DateHeader = "X-Sdk-Date";

    /// <summary>The format of <see cref="DateHeader"/>: basic ISO 8601 in UTC, for example <c>20190329T074551Z</c>.</summary>
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>Formats a signing time for <see cref="DateHeader"/>.</summary>
    public static string FormatDate(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads a <see cref="DateHeader"/> value; false when it is not in <see cref="DateFormat"/>.</summary>
    public static bool TryParseDate(string? value, out DateTimeOffset time)
    {
        if (DateTime.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime parsed))
        {
            time = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>
    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed-header list and the
    /// hex SHA-256 of the body, one per line.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="escapedPath">The request path as sent (percent-escaped), for example <c>/v1/p1/servers/a%20b</c>.</param>
    /// <param name="rawQuery">The query as sent, with or without the leading <c>?</c>; null or empty when there is none.</param>
    /// <param name="signedHeaders">The signed headers with their values, in any order and case.</param>
    /// <param name="payloadSha256Hex">The lower-case hex SHA-256 of the body (<see cref="HexSha256(ReadOnlySpan{byte})"/>).</param>
    public static string CanonicalRequest(string method, string escapedPath, string? rawQuery,
        IEnumerable<KeyValuePair<string, string>> signedHeaders, string payloadSha256Hex)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(escapedPath);
        ArgumentNullException.ThrowIfNull(signedHeaders);
        ArgumentNullException.ThrowIfNull(payloadSha256Hex);

        SortedDictionary<string, string> headers = CanonicalHeaderMap(signedHeaders);
        var builder = new StringBuilder(256);
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(escapedPath)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (KeyValuePair<string, string> header in headers)
        {
            builder.Append(header.Key).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(";", headers.Keys)).Append('\n');
        builder.Append(payloadSha256Hex);
        return builder.ToString();
    }

    /// <summary>The path with every segment unescaped and escaped again per RFC 3986, always ending with <c>/</c>.</summary>
    public static string CanonicalUri(string escapedPath)
    {
        ArgumentNullException.ThrowIfNull(escapedPath);
        string[] segments = escapedPath.Split('/');
        var builder = new StringBuilder(escapedPath.Length + 8);
        for (int i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('/');
            }

            builder.Append(Encode(Uri.UnescapeDataString(segments[i])));
        }

        if (builder.Length == 0 || builder[^1] != '/')
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>
    /// The query pairs, each name and value unescaped and escaped again per RFC 3986, sorted by name and then by value
    /// (repeated keys stay, each as its own pair), joined with <c>&amp;</c>.
    /// </summary>
    public static string CanonicalQuery(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (string part in rawQuery.TrimStart('?').Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            int equals = part.IndexOf('=');
            string name = equals < 0 ? part : part[..equals];
            string value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((Encode(Uri.UnescapeDataString(name)), Encode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort(static (a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        var builder = new StringBuilder(rawQuery.Length + 8);
        foreach ((string name, string value) in pairs)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(name).Append('=').Append(value);
        }

        return builder.ToString();
    }

    /// <summary>The signed-header list: lower-case names, sorted and de-duplicated, joined with <c>;</c>.</summary>
    public static string SignedHeaderList(IEnumerable<string> headerNames)
    {
        ArgumentNullException.ThrowIfNull(headerNames);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string name in headerNames)
        {
            names.Add(name.Trim().ToLowerInvariant());
        }

        return string.Join(";", names);
    }

    /// <summary>The string to sign: the algorithm, the signing time and the hex SHA-256 of the canonical request.</summary>
    public static string StringToSign(string sdkDate, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(sdkDate);
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        return Algorithm + "\n" + sdkDate + "\n" + HexSha256(Encoding.UTF8.GetBytes(canonicalRequest));
    }

    /// <summary>The signature: lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret key.</summary>
    public static string Sign(string secretKey, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        ArgumentNullException.ThrowIfNull(stringToSign);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>The <c>Authorization</c> header value: <c>SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…</c>.</summary>
    public static string FormatAuthorization(string accessKey, string signedHeaderList, string signature)
    {
        ArgumentNullException.ThrowIfNull(accessKey);
        ArgumentNullException.ThrowIfNull(signedHeaderList);
        ArgumentNullException.ThrowIfNull(signature);
        return Algorithm + " Access=" + accessKey + ", SignedHeaders=" + signedHeaderList + ", Signature=" + signature;
    }

    /// <summary>Reads an <c>Authorization</c> header written by <see cref="FormatAuthorization"/>; false for any other shape.</summary>
    public static bool TryParseAuthorization(string? value, out SdkAuthorization authorization)
    {
        authorization = default;
        if (value is null || !value.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        string? access = null, signedHeaders = null, signature = null;
        foreach (string part in value[(Algorithm.Length + 1)..].Split(','))
        {
            string item = part.Trim();
            int equals = item.IndexOf('=');
            if (equals <= 0)
            {
                return false;
            }

            string key = item[..equals];
            string itemValue = item[(equals + 1)..];
            switch (key)
            {
                case "Access": access = itemValue; break;
                case "SignedHeaders": signedHeaders = itemValue; break;
                case "Signature": signature = itemValue; break;
                default: return false;
            }
        }

        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        authorization = new SdkAuthorization(access, signedHeaders.Split(';'), signature);
        return true;
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Compares two signatures in time that does not depend on where they differ, so a verifier does not leak how much
    /// of a guessed signature was right.
    /// </summary>
    public static bool SignaturesEqual(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private static SortedDictionary<string, string> CanonicalHeaderMap(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> header in headers)
        {
            map[header.Key.Trim().ToLowerInvariant()] = header.Value.Trim();
        }

        return map;
    }

    /// <summary>RFC 3986 escaping: everything but unreserved characters (letters, digits, <c>-._~</c>) as UTF-8 <c>%XX</c>.</summary>
    private static string Encode(string value)
    {
        // Uri.EscapeDataString escapes exactly the reserved set and leaves the unreserved set, matching RFC 3986.
        return Uri.EscapeDataString(value);
    }
}

/// <summary>The parts of an <c>SDK-HMAC-SHA256</c> <c>Authorization</c> header.</summary>
/// <param name="AccessKey">The access key ID (<c>Access=</c>).</param>
/// <param name="SignedHeaders">The lower-case names of the signed headers, in the order given.</param>
/// <param name="Signature">The hex signature.</param>
public readonly record struct SdkAuthorization(string AccessKey, IReadOnlyList<string> SignedHeaders, string Signature);
