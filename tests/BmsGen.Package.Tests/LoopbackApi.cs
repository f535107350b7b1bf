using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmsGen.Package.Tests;

/// <summary>A request as the loopback server received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? AuthToken, string? ContentType, string Body);

/// <summary>
/// The block storage service the consumer's volumes.yaml describes, on a loopback port: it records every request
/// and answers with the documented shapes.
/// </summary>
public sealed class LoopbackApi : IAsyncDisposable
{
    public const string ShownVolume = """{"volume":{"id":"vol-7","name":"boot","size_gb":40,"status":"in-use","created_at":"2026-01-01T00:00:00Z"}}""";
    public const string CreatedVolume = """{"volume":{"id":"vol-8","name":"data","size_gb":20,"status":"creating"}}""";
    public const string NotFound = """{"error":{"code":"Volume.0404","message":"Volume missing was not found."}}""";

    private readonly WebApplication _app;

    private LoopbackApi(WebApplication app, Uri baseAddress, ConcurrentQueue<RecordedRequest> requests)
    {
        _app = app;
        BaseAddress = baseAddress;
        Requests = requests;
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; }

    public static async Task<LoopbackApi> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers["X-Auth-Token"].FirstOrDefault(),
                context.Request.ContentType,
                body));
            (int status, string json) = (context.Request.Method, context.Request.Path.Value) switch
            {
                ("GET", "/v2/p-42/volumes/vol-7") => (200, ShownVolume),
                ("POST", "/v2/p-42/volumes") => (202, CreatedVolume),
                _ => (404, NotFound),
            };
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json, context.RequestAborted);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackApi(app, new Uri(address + "/"), requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
