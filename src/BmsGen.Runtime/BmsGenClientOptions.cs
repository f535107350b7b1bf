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

    /// <summary>The largest response body the client buffers, in bytes. Larger bodies fail with a clear error instead of exhausting memory.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;
}
