using System;
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

    private BmsSimulator(WebApplication app, SimulatorState state, FaultInjection faults, Uri baseAddress, SimulatorOptions options)
    {
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
        return new BmsSimulator(app, state, faults, new Uri(address.TrimEnd('/') + "/"), options);
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
