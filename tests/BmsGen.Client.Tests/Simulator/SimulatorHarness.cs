using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Bms;
using BmsGen.Runtime;
using BmsGen.Runtime.Authentication;
using BmsGen.Simulator;

namespace BmsGen.Client.Tests.Simulator;

/// <summary>A running simulator on a free loopback port and clients signed with its AK/SK.</summary>
public sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(BmsSimulator simulator) => Simulator = simulator;

    public BmsSimulator Simulator { get; }

    public string ProjectId => Simulator.Options.ProjectId;

    public AkSkCredentials Credentials => new(Simulator.Options.AccessKey, Simulator.Options.SecretKey);

    public static async Task<SimulatorHarness> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions();
        configure?.Invoke(options);
        return new SimulatorHarness(await BmsSimulator.StartAsync(options));
    }

    /// <summary>An HttpClient that signs every request (with other credentials or at another time when given).</summary>
    public HttpClient Http(AkSkCredentials? credentials = null, TimeProvider? clock = null, HttpMessageHandler? afterSigning = null) =>
        new(new AkSkSigningHandler(credentials ?? Credentials, clock) { InnerHandler = afterSigning ?? new HttpClientHandler() })
        {
            BaseAddress = Simulator.BaseAddress,
        };

    public BmsGenClientOptions ClientOptions(string? projectId = null) => new() { ProjectId = projectId ?? ProjectId };

    public BmsClient Bms(HttpClient? http = null) => new(http ?? Http(), ClientOptions());

    public EcsClientFacade Ecs(HttpClient? http = null) => new(http ?? Http(), ClientOptions());

    /// <summary>Sends raw JSON (or nothing) and returns the status and the parsed body (null when empty).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? json = null, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        http ??= Http();
        using var request = new HttpRequestMessage(method, path.Replace("{p}", ProjectId, StringComparison.Ordinal));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    /// <summary>Polls a BMS/ECS job until it is final; returns the final document and every status seen.</summary>
    public async Task<(JsonNode Job, string Statuses)> WaitJobAsync(string jobId, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        var seen = new StringBuilder();
        while (true)
        {
            (HttpStatusCode status, JsonNode? body, _) = await SendAsync(HttpMethod.Get, $"/v1/{{p}}/jobs/{jobId}", http: http, cancellationToken: cancellationToken);
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Job {jobId} query answered {status}: {body?.ToJsonString()}");
            }

            string jobStatus = (string)body!["status"]!;
            seen.Append(seen.Length == 0 ? string.Empty : ",").Append(jobStatus);
            if (jobStatus is "SUCCESS" or "FAIL")
            {
                return (body, seen.ToString());
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}

/// <summary>The ECS clients together: the public ECS API and the Huawei Cloud Stack queries.</summary>
public sealed class EcsClientFacade
{
    public EcsClientFacade(HttpClient http, BmsGenClientOptions options)
    {
        Api = new BmsGen.Client.Ecs.EcsClient(http, options);
        Stack = new BmsGen.Client.Ecs.Stack.EcsStackClient(http, options);
        Nova = new BmsGen.Client.Nova.Servers.NovaServersClient(http, options);
        NovaResources = new BmsGen.Client.Nova.Resources.NovaResourcesClient(http, options);
    }

    public BmsGen.Client.Ecs.EcsClient Api { get; }

    public BmsGen.Client.Ecs.Stack.EcsStackClient Stack { get; }

    public BmsGen.Client.Nova.Servers.NovaServersClient Nova { get; }

    public BmsGen.Client.Nova.Resources.NovaResourcesClient NovaResources { get; }
}

/// <summary>A clock set apart from the real one, to sign with a stale date.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private readonly TimeSpan _shift;

    public ShiftedClock(TimeSpan shift) => _shift = shift;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UtcNow + _shift;
}

/// <summary>Changes a request after it was signed (to tamper with the body or drop a signed header).</summary>
public sealed class AfterSigning : DelegatingHandler
{
    private readonly Func<HttpRequestMessage, Task> _change;

    public AfterSigning(Func<HttpRequestMessage, Task> change)
        : base(new HttpClientHandler()) => _change = change;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _change(request);
        return await base.SendAsync(request, cancellationToken);
    }
}
