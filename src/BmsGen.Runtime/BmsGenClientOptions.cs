using System.Collections.Generic;

namespace BmsGen.Runtime;

/// <summary>Per-client settings shared by every generated client.</summary>
public sealed class BmsGenClientOptions
{
    /// <summary>The project ID that fills <c>{project_id}</c> in every request path.</summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// The Nova API microversion (for example <c>"2.60"</c>). When set, requests carry
    /// <c>X-OpenStack-Nova-API-Version</c> and <c>OpenStack-API-Version: compute …</c>.
    /// </summary>
    public string? NovaMicroversion { get; set; }

    /// <summary>Headers added to every request (for example <c>X-Auth-Token</c> when a token is managed outside the pipeline).</summary>
    public IDictionary<string, string> DefaultHeaders { get; } = new Dictionary<string, string>(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Endpoints of other services, by service name (<c>["ims"] = new Uri("https://ims.cn-north-4.myhuaweicloud.com/")</c>),
    /// for the few operations a spec documents on another service's endpoint. Those requests go to the endpoint given
    /// here; without one they go to the <see cref="System.Net.Http.HttpClient.BaseAddress"/>, which then has to be that
    /// service's endpoint.
    /// </summary>
    public IDictionary<string, System.Uri> ServiceEndpoints { get; } = new Dictionary<string, System.Uri>(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The largest response body the client buffers, in bytes (at least 1): a body of exactly this size is read, a
    /// larger one fails with <see cref="BmsGenResponseException"/> (or, for an error status, a
    /// <see cref="BmsGenApiException"/> without the body) instead of exhausting memory.
    /// </summary>
    public int MaxResponseBytes
    {
        get => _maxResponseBytes;
        set => _maxResponseBytes = value >= 1
            ? value
            : throw new System.ArgumentOutOfRangeException(nameof(value), value, "MaxResponseBytes must be at least 1.");
    }

    /// <summary>
    /// The time a whole call may take, from sending the request to the last byte of the response body, retries
    /// included; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none. A call that runs out of time throws
    /// <see cref="BmsGenTransportException"/> with <see cref="BmsGenTransportException.IsTimeout"/> set. Default 100 seconds.
    /// </summary>
    public System.TimeSpan Timeout
    {
        get => _timeout;
        set => _timeout = value > System.TimeSpan.Zero || value == System.Threading.Timeout.InfiniteTimeSpan
            ? value
            : throw new System.ArgumentOutOfRangeException(nameof(value), value, "Timeout must be positive or Timeout.InfiniteTimeSpan.");
    }

    /// <summary>The clock that <see cref="Timeout"/> runs on; <see cref="System.TimeProvider.System"/> unless a test substitutes one.</summary>
    public System.TimeProvider TimeProvider { get; set; } = System.TimeProvider.System;

    private int _maxResponseBytes = 64 * 1024 * 1024;
    private System.TimeSpan _timeout = System.TimeSpan.FromSeconds(100);
}
