using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BmsGen.Simulator.Http;

/// <summary>The tokens issued by the simulated <c>POST /v3/auth/tokens</c>, each scoped to a project and valid until it expires.</summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly SimulatorOptions _options;

    public TokenStore(SimulatorOptions options)
    {
        _options = options;
        if (options.AuthToken is { Length: > 0 } preset)
        {
            _tokens[preset] = new IssuedToken(options.ProjectId, DateTimeOffset.MaxValue);
        }
    }

    public IssuedToken Issue(string projectId)
    {
        string value = "MII" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('/', '-').Replace('+', '_');
        var token = new IssuedToken(projectId, _options.TimeProvider.GetUtcNow() + _options.TokenLifetime) { Value = value };
        _tokens[value] = token;
        return token;
    }

    /// <summary>Finds a token; the error says why it is not accepted.</summary>
    public bool TryValidate(string value, out IssuedToken? token, out string? error)
    {
        error = null;
        if (!_tokens.TryGetValue(value, out token))
        {
            error = "decrypt token fail";
            return false;
        }

        if (token.ExpiresAt <= _options.TimeProvider.GetUtcNow())
        {
            error = "token expires, expires_at: " + token.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return false;
        }

        return true;
    }
}

/// <summary>An issued token: its project scope and expiry.</summary>
internal sealed record IssuedToken(string ProjectId, DateTimeOffset ExpiresAt)
{
    public string Value { get; init; } = string.Empty;
}
