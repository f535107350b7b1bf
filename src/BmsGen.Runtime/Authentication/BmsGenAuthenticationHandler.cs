using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace BmsGen.Runtime.Authentication;

/// <summary>
/// The one shape every authentication method takes in the send pipeline: a <see cref="DelegatingHandler"/> that adds
/// <c>X-Project-Id</c> when a project is configured, lets the method authenticate the request (<see cref="AkSkSigningHandler"/>
/// signs it, <see cref="IamTokenHandler"/> adds a token), and on a 401 gives the method one chance to renew its
/// credentials and send again. Place it inside any retry handler so that every attempt is authenticated afresh.
/// </summary>
public abstract class BmsGenAuthenticationHandler : DelegatingHandler
{
    /// <summary>The header that names the project on every request when <see cref="ProjectId"/> is set.</summary>
    public const string ProjectIdHeader = "X-Project-Id";

    /// <summary>The project the requests act in, sent as <c>X-Project-Id</c> (the ECS and BMS references list it on every request); null to leave it out.</summary>
    public string? ProjectId { get; init; }

    /// <inheritdoc/>
    protected sealed override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ProjectId is { Length: > 0 } projectId)
        {
            request.Headers.Remove(ProjectIdHeader);
            request.Headers.TryAddWithoutValidation(ProjectIdHeader, projectId);
        }

        object? used = await AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !await RenewAsync(used, cancellationToken).ConfigureAwait(false))
        {
            return response;
        }

        response.Dispose();
        await AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds this method's credentials to <paramref name="request"/>. Returns what was used (for example the token),
    /// which <see cref="RenewAsync"/> receives after a 401.
    /// </summary>
    protected abstract ValueTask<object?> AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called once after a 401 answered a request authenticated with <paramref name="used"/>: renew what can be
    /// renewed and return true to send the request once more, or false to hand the 401 to the caller.
    /// </summary>
    protected virtual ValueTask<bool> RenewAsync(object? used, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
