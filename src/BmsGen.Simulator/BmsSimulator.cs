using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Simulator.Http;
using BmsGen.Simulator.Routes;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmsGen.Simulator;

/// <summary>
/// An in-memory simulator of Huawei Cloud's BMS v1, ECS (v1, v1.1, v2) and Nova v2.1 APIs, with the IAM token API
/// and the API gateway's authentication, served by Kestrel on loopback. One consistent state stands behind all
/// three APIs: a server created through ECS is a Nova server too. Requests are authenticated for real (AK/SK
/// signatures or issued tokens), errors come in each API's documented shape, and faults can be injected.
/// Start it with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class BmsSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private readonly FaultInjection _faults;
    private readonly ConcurrentQueue<RecordedRequest> _requests;

    private BmsSimulator(WebApplication app, SimulatorState state, FaultInjection faults, ConcurrentQueue<RecordedRequest> requests, Uri baseAddress, SimulatorOptions options)
    {
        _requests = requests;
        _app = app;
        _state = state;
        _faults = faults;
        BaseAddress = baseAddress;
        Options = options;
    }

    /// <summary>The endpoint to use as <c>HttpClient.BaseAddress</c> for every API (BMS, ECS, Nova and IAM share it).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The options the simulator runs with (project, credentials, faults).</summary>
    public SimulatorOptions Options { get; }

    /// <summary>How many servers exist now (all kinds).</summary>
    public int ServerCount
    {
        get
        {
            using (_state.Reading())
            {
                return _state.InstancesUsed;
            }
        }
    }

    /// <summary>
    /// The requests received so far, in the order they arrived, when <see cref="SimulatorOptions.RecordRequests"/> is
    /// on; empty otherwise. A request counts from its arrival, so one whose connection the simulator aborted is here
    /// before the client sees the failure; its status is that of the response it started (0 when none started).
    /// </summary>
    public IReadOnlyList<SimulatorRequest> Requests => _requests.Select(static r => new SimulatorRequest(r.Method, r.Path, r.Status)).ToArray();

    /// <summary>
    /// Answers the next <paramref name="count"/> API requests (not token requests) with <paramref name="status"/>
    /// in the API's error shape (429 and 503 with <c>Retry-After</c> of <see cref="SimulatorFaults.RetryAfterSeconds"/>),
    /// before they are authenticated or served: a deterministic fault for retry tests.
    /// </summary>
    public void FailNextRequests(int count, int status)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        _faults.FailNext(count, status);
    }

    /// <summary>Starts a simulator on a free loopback port (or <see cref="SimulatorOptions.Urls"/>) and returns once it accepts requests.</summary>
    public static async Task<BmsSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.LogRequests)
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            });
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.WebHost.UseUrls(options.Urls ?? $"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();

        var state = new SimulatorState(options);
        var tokens = new TokenStore(options);
        var faults = new FaultInjection(options);
        var services = new SimulatorServices(state, options, tokens);
        var errors = new ErrorHandling(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BmsGen.Simulator.Requests"));
        var gateway = new GatewayAuthentication(options, tokens);

        var requests = new ConcurrentQueue<RecordedRequest>();
        if (options.RecordRequests)
        {
            app.Use((context, next) =>
            {
                // Recorded on arrival and given its status as the response starts: a client that has seen an answer
                // (or an aborted connection) always finds its request here, with no race against the pipeline's unwinding.
                var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/");
                requests.Enqueue(recorded);
                context.Response.OnStarting(() =>
                {
                    recorded.Status = context.Response.StatusCode;
                    return Task.CompletedTask;
                });
                return next(context);
            });
        }

        app.Use((context, next) => errors.InvokeAsync(context, next));
        app.Use((context, next) => faults.InvokeAsync(context, next));
        app.Use((context, next) => gateway.InvokeAsync(context, next));
        app.UseRouting();
        app.Use((context, next) => RouteSupport.CheckProjectAsync(context, next, options));

        IamRoutes.Map(app, services);
        BmsRoutes.Map(app, services);
        EcsRoutes.Map(app, services);
        NovaRoutes.Map(app, services);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            faults.Dispose();
            throw;
        }

        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BmsSimulator(app, state, faults, requests, new Uri(address.TrimEnd('/') + "/"), options);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server and releases the state.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _faults.Dispose();
        _state.Dispose();
    }
}

/// <summary>A request the simulator served: its method, path (without the query) and the status it answered.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, without the query string.</param>
/// <param name="Status">The status code of the response it started; 0 when none started (a connection aborted before any answer).</param>
public sealed record SimulatorRequest(string Method, string Path, int Status);

/// <summary>A request as recorded on arrival; its status is filled in when its response starts.</summary>
internal sealed class RecordedRequest(string method, string path)
{
    private int _status;

    public string Method { get; } = method;

    public string Path { get; } = path;

    public int Status
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }
}
