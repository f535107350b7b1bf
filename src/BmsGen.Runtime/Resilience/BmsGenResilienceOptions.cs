using System;
using System.Collections.Generic;

namespace BmsGen.Runtime.Resilience;

/// <summary>
/// Retries, per-attempt timeout and client-side rate limiting of the send pipeline (<see cref="BmsGenResilience"/>).
/// The whole call, retries and waits included, is bounded by <see cref="BmsGenClientOptions.Timeout"/>.
/// </summary>
public sealed class BmsGenResilienceOptions
{
    /// <summary>Retries after the first attempt, for idempotent operations only. Default 3; 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; each next one doubles (exponential backoff). Default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between attempts, a <c>Retry-After</c> the service asks for included. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Spread the backoff delays randomly so that many clients do not retry in step. Default true.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// The time one attempt may take, from sending to the last byte of the response body; an attempt that runs out
    /// is retried like a transient failure. Default 30 seconds; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Operation IDs (for example <c>CreateBaremetalServers</c>) that may be retried although they are not
    /// idempotent. Empty by default: a POST that creates something is sent once unless its ID is listed here or its
    /// spec marks it idempotent. Only list an operation whose request makes a repeat harmless (a client token).
    /// </summary>
    public ISet<string> RetryNonIdempotentOperations { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Requests per minute this client sends at most (the API's documented per-minute limit for the account), or
    /// null for no client-side limit (the default). Requests over the limit wait for a permit, within the call's timeout.
    /// </summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Copies these settings into <paramref name="target"/>.</summary>
    public void CopyTo(BmsGenResilienceOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.MaxRetries = MaxRetries;
        target.BaseDelay = BaseDelay;
        target.MaxDelay = MaxDelay;
        target.UseJitter = UseJitter;
        target.AttemptTimeout = AttemptTimeout;
        target.RequestsPerMinute = RequestsPerMinute;
        target.RetryNonIdempotentOperations.Clear();
        target.RetryNonIdempotentOperations.UnionWith(RetryNonIdempotentOperations);
    }
}
