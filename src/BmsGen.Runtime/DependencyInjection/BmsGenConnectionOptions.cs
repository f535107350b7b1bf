using System;
using System.Collections.Generic;
using System.Globalization;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.Resilience;
using Microsoft.Extensions.Configuration;

namespace BmsGen.Runtime.DependencyInjection;

/// <summary>
/// Everything a client needs to reach a real region: where (region, service, endpoint overrides), as whom
/// (<see cref="Credentials"/>), how patiently (<see cref="Resilience"/>) and the <see cref="Client"/> options.
/// Set in code, or read from configuration with <see cref="Read"/>. <see cref="ToString"/> never shows secrets.
/// </summary>
public sealed class BmsGenConnectionOptions
{
    /// <summary>The region, for example <c>cn-north-4</c>: endpoints default to <c>https://{service}.{region}.myhuaweicloud.com/</c>.</summary>
    public string? Region { get; set; }

    /// <summary>The service whose endpoint the client calls: <c>bms</c> (the default) for the BMS client, <c>ecs</c> for the ECS and Nova clients.</summary>
    public string Service { get; set; } = "bms";

    /// <summary>The endpoint of <see cref="Service"/>, overriding the region's (a private endpoint, a proxy, a simulator).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Endpoints by service name (<c>bms</c>, <c>ecs</c>, <c>ims</c>, <c>iam</c>), overriding the region's.</summary>
    public IDictionary<string, Uri> ServiceEndpoints { get; } = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The credentials; none means requests go out unauthenticated.</summary>
    public BmsGenCredentialOptions Credentials { get; } = new();

    /// <summary>
    /// Where <c>AddBmsGenClient</c>-registered clients read the <c>HUAWEICLOUD_SDK_*</c> variables when
    /// neither code nor configuration sets credentials: <see cref="Environment.GetEnvironmentVariable(string)"/> by
    /// default; null turns the fallback off.
    /// </summary>
    public Func<string, string?>? EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>Whether the retry, per-attempt timeout and rate-limit strategies run. Default true.</summary>
    public bool EnableResilience { get; set; } = true;

    /// <summary>Retry, per-attempt timeout and rate-limit settings.</summary>
    public BmsGenResilienceOptions Resilience { get; } = new();

    /// <summary>The client options (project, microversion, timeout, response limit, clock).</summary>
    public BmsGenClientOptions Client { get; } = new();

    /// <summary>
    /// The endpoint of <paramref name="service"/>: from <see cref="ServiceEndpoints"/>, else <see cref="Endpoint"/> for
    /// <see cref="Service"/>, else from <see cref="Region"/>; null when none of them says.
    /// </summary>
    public Uri? EndpointFor(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (ServiceEndpoints.TryGetValue(service, out Uri? endpoint))
        {
            return endpoint;
        }

        if (Endpoint is not null && string.Equals(service, Service, StringComparison.OrdinalIgnoreCase))
        {
            return Endpoint;
        }

        return string.IsNullOrWhiteSpace(Region) ? null : HuaweiCloudEndpoints.For(service, Region);
    }

    /// <summary>The endpoint the client's HttpClient sends to; throws with what to set when there is none.</summary>
    public Uri RequireEndpoint()
    {
        Uri endpoint = EndpointFor(Service) ?? throw new InvalidOperationException(
            $"No endpoint for the '{Service}' service: set Region (for example cn-north-4) or Endpoint.");
        return endpoint.IsAbsoluteUri
            ? endpoint
            : throw new InvalidOperationException($"The endpoint of the '{Service}' service must be an absolute URI, not '{endpoint}'.");
    }

    /// <summary>
    /// The options to construct a client with: a copy of <see cref="Client"/>, with the project ID of the credentials
    /// when the client sets none, and the IMS endpoint of the region for the operations documented there.
    /// </summary>
    public BmsGenClientOptions CreateClientOptions()
    {
        var options = new BmsGenClientOptions
        {
            ProjectId = string.IsNullOrEmpty(Client.ProjectId) ? Credentials.ProjectId : Client.ProjectId,
            NovaMicroversion = Client.NovaMicroversion,
            MaxResponseBytes = Client.MaxResponseBytes,
            Timeout = Client.Timeout,
            TimeProvider = Client.TimeProvider,
        };
        foreach (KeyValuePair<string, string> header in Client.DefaultHeaders)
        {
            options.DefaultHeaders[header.Key] = header.Value;
        }

        if (EndpointFor("ims") is { } ims)
        {
            options.ServiceEndpoints["ims"] = ims;
        }

        foreach (KeyValuePair<string, Uri> endpoint in Client.ServiceEndpoints)
        {
            options.ServiceEndpoints[endpoint.Key] = endpoint.Value;
        }

        return options;
    }

    /// <summary>
    /// Reads <paramref name="section"/> over the values already set: <c>Region</c>, <c>Service</c>, <c>Endpoint</c>,
    /// <c>ServiceEndpoints:{service}</c>, <c>ProjectId</c>, <c>NovaMicroversion</c>, <c>Timeout</c>,
    /// <c>MaxResponseBytes</c>, <c>EnableResilience</c>, <c>Credentials:*</c> (see <see cref="BmsGenCredentialOptions.Read"/>)
    /// and <c>Resilience:*</c> (<c>MaxRetries</c>, <c>BaseDelay</c>, <c>MaxDelay</c>, <c>UseJitter</c>,
    /// <c>AttemptTimeout</c>, <c>RequestsPerMinute</c>, <c>RetryNonIdempotentOperations:0…</c>). Time spans are written
    /// <c>hh:mm:ss</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value cannot be read; the message names its key.</exception>
    public BmsGenConnectionOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Region = section["Region"] ?? Region;
        Service = section["Service"] ?? Service;
        Endpoint = Parse(section, "Endpoint", static text => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : null, "an absolute URI") ?? Endpoint;
        foreach (IConfigurationSection endpoint in section.GetSection("ServiceEndpoints").GetChildren())
        {
            ServiceEndpoints[endpoint.Key] = Parse(endpoint, null, static text => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : null, "an absolute URI")!;
        }

        Client.ProjectId = section["ProjectId"] ?? Client.ProjectId;
        Client.NovaMicroversion = section["NovaMicroversion"] ?? Client.NovaMicroversion;
        Client.Timeout = ParseStruct(section, "Timeout", TimeSpanOf) ?? Client.Timeout;
        Client.MaxResponseBytes = ParseStruct(section, "MaxResponseBytes", Int32Of) ?? Client.MaxResponseBytes;
        EnableResilience = ParseStruct(section, "EnableResilience", BooleanOf) ?? EnableResilience;
        Credentials.Read(section.GetSection("Credentials"));

        IConfigurationSection resilience = section.GetSection("Resilience");
        Resilience.MaxRetries = ParseStruct(resilience, "MaxRetries", Int32Of) ?? Resilience.MaxRetries;
        Resilience.BaseDelay = ParseStruct(resilience, "BaseDelay", TimeSpanOf) ?? Resilience.BaseDelay;
        Resilience.MaxDelay = ParseStruct(resilience, "MaxDelay", TimeSpanOf) ?? Resilience.MaxDelay;
        Resilience.UseJitter = ParseStruct(resilience, "UseJitter", BooleanOf) ?? Resilience.UseJitter;
        Resilience.AttemptTimeout = ParseStruct(resilience, "AttemptTimeout", TimeSpanOf) ?? Resilience.AttemptTimeout;
        Resilience.RequestsPerMinute = ParseStruct(resilience, "RequestsPerMinute", Int32Of) ?? Resilience.RequestsPerMinute;
        foreach (IConfigurationSection operation in resilience.GetSection("RetryNonIdempotentOperations").GetChildren())
        {
            if (!string.IsNullOrEmpty(operation.Value))
            {
                Resilience.RetryNonIdempotentOperations.Add(operation.Value);
            }
        }

        return this;
    }

    /// <summary>Shows where and how the client connects; the credentials show without their secrets.</summary>
    public override string ToString() =>
        $"BmsGenConnectionOptions {{ Region = {Region ?? "null"}, Service = {Service}, Endpoint = {Endpoint?.ToString() ?? "null"}, " +
        $"ProjectId = {Client.ProjectId ?? Credentials.ProjectId ?? "null"}, Credentials = {Credentials}, EnableResilience = {EnableResilience} }}";

    private static (bool, TimeSpan) TimeSpanOf(string text) =>
        (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value), value);

    private static (bool, int) Int32Of(string text) =>
        (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value), value);

    private static (bool, bool) BooleanOf(string text) => (bool.TryParse(text, out bool value), value);

    private static T? Parse<T>(IConfiguration section, string? key, Func<string, T?> parse, string expected)
        where T : class
    {
        string? text = key is null ? (section as IConfigurationSection)?.Value : section[key];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return parse(text) ?? throw new InvalidOperationException($"Configuration '{PathOf(section, key)}': '{text}' is not {expected}.");
    }

    private static string PathOf(IConfiguration section, string? key) =>
        section is IConfigurationSection named ? key is null ? named.Path : named.Path + ":" + key : key ?? string.Empty;

    private static T? ParseStruct<T>(IConfiguration section, string key, Func<string, (bool Ok, T Value)> parse)
        where T : struct
    {
        string? text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        (bool ok, T value) = parse(text);
        return ok ? value : throw new InvalidOperationException($"Configuration '{PathOf(section, key)}': '{text}' is not a valid {typeof(T).Name}.");
    }
}
