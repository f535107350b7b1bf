using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmsGen.Simulator;

/// <summary>
/// A BMS v1 API simulator served by Kestrel on 127.0.0.1. It speaks the wire format of the seed documents
/// (it does not use the generated client's types, so it can check them), keeps servers and jobs in memory, and
/// answers errors in the API's own shapes.
/// </summary>
public sealed class BmsSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BmsSimulator(WebApplication app, Uri baseAddress, SimulatorOptions options)
    {
        _app = app;
        BaseAddress = baseAddress;
        Options = options;
    }

    /// <summary>The endpoint to use as <c>HttpClient.BaseAddress</c>.</summary>
    public Uri BaseAddress { get; }

    public SimulatorOptions Options { get; }

    public static async Task<BmsSimulator> StartAsync(SimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SimulatorOptions();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Services.AddRoutingCore();
        WebApplication app = builder.Build();
        var state = new SimulatorState(options);
        app.Use(async (context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            if (!Authorized(context.Request, options))
            {
                await WriteJson(context, HttpStatusCode.Unauthorized, new JsonObject
                {
                    ["error_code"] = "APIGW.0301",
                    ["error_msg"] = "Incorrect IAM authentication information: the request carries no valid X-Auth-Token.",
                    ["request_id"] = context.TraceIdentifier,
                });
                return;
            }

            await next(context);
        });
        MapRoutes(app, state, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BmsSimulator(app, new Uri(address.TrimEnd('/') + "/"), options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool Authorized(HttpRequest request, SimulatorOptions options)
    {
        string? token = request.Headers["X-Auth-Token"];
        if (options.AuthToken is not null)
        {
            return token == options.AuthToken;
        }

        return !string.IsNullOrEmpty(token) || !string.IsNullOrEmpty(request.Headers.Authorization);
    }

    private static void MapRoutes(WebApplication app, SimulatorState state, SimulatorOptions options)
    {
        app.MapGet("/", (HttpContext context) => WriteJson(context, HttpStatusCode.OK, new JsonObject { ["versions"] = new JsonArray(Version(context)) }));
        app.MapGet("/v1", (HttpContext context) => WriteJson(context, HttpStatusCode.OK, new JsonObject { ["version"] = Version(context) }));

        RouteGroupBuilder project = app.MapGroup("/v1/{project_id}");
        project.AddEndpointFilter(async (invocation, next) =>
        {
            string? projectId = invocation.HttpContext.GetRouteValue("project_id") as string;
            if (projectId != options.ProjectId)
            {
                await Error(invocation.HttpContext, HttpStatusCode.Forbidden, "BMS.0004", $"Role check fail, reason: project {projectId} is not accessible with this token.");
                return null;
            }

            return await next(invocation);
        });

        project.MapGet("/baremetalservers/detail", (HttpContext context) =>
        {
            IQueryCollection query = context.Request.Query;
            string? name = query["name"];
            string? status = query["status"];
            string? flavor = query["flavor"];
            IReadOnlyList<JsonObject> servers = state.ListServers(s =>
                (name is null || ((string?)s["name"] ?? string.Empty).Contains(name, StringComparison.Ordinal)) &&
                (status is null || (string?)s["status"] == status) &&
                (flavor is null || (string?)s["flavor"]?["id"] == flavor));
            int offset = int.TryParse(query["offset"], out int o) ? Math.Max(0, o) : 0;
            int limit = int.TryParse(query["limit"], out int l) && l > 0 ? l : int.MaxValue;
            return WriteJson(context, HttpStatusCode.OK, new JsonObject
            {
                ["count"] = servers.Count,
                ["servers"] = new JsonArray(servers.Skip(offset).Take(limit).Cast<JsonNode>().ToArray()),
            });
        });

        project.MapGet("/baremetalservers/flavors", (HttpContext context) =>
            WriteJson(context, HttpStatusCode.OK, new JsonObject { ["flavors"] = state.Flavors.DeepClone() }));

        project.MapGet("/baremetalservers/{server_id}", (HttpContext context, string server_id) =>
            state.FindServer(server_id) is { } server
                ? WriteJson(context, HttpStatusCode.OK, new JsonObject { ["server"] = server })
                : ServerNotFound(context, server_id));

        project.MapPost("/baremetalservers", async (HttpContext context) =>
        {
            JsonObject? server = (await ReadBody(context))?["server"] as JsonObject;
            string? flavorRef = (string?)server?["flavorRef"];
            string? imageRef = (string?)server?["imageRef"];
            string? name = (string?)server?["name"];
            if (server is null || flavorRef is null || imageRef is null || name is null)
            {
                await Error(context, HttpStatusCode.BadRequest, "BMS.0001", "Fail to parse request, reason: server.name, server.imageRef and server.flavorRef are required.");
                return;
            }

            if (!state.Flavors.Any(f => (string?)f!["id"] == flavorRef))
            {
                await Error(context, HttpStatusCode.BadRequest, "BMS.0008", $"Fail to query flavor [{flavorRef}], reason: flavor not found.");
                return;
            }

            int count = server["count"] is JsonValue countValue && countValue.TryGetValue(out int parsed) ? parsed : 1;
            string jobId = state.CreateServers(
                name,
                flavorRef,
                imageRef,
                (string?)server["availability_zone"] ?? "az1",
                (string?)server["vpcid"] ?? "vpc-sim",
                server["metadata"] as JsonObject,
                Math.Clamp(count, 1, 100));
            await WriteJson(context, HttpStatusCode.OK, new JsonObject { ["job_id"] = jobId });
        });

        project.MapPost("/baremetalservers/action", async (HttpContext context) =>
        {
            JsonObject? body = await ReadBody(context);
            (string action, JsonObject? operation) = body?.FirstOrDefault() is { } first ? (first.Key, first.Value as JsonObject) : (string.Empty, null);
            if (action is not ("os-start" or "os-stop" or "reboot") || operation?["servers"] is not JsonArray servers || servers.Count == 0)
            {
                await Error(context, HttpStatusCode.BadRequest, "BMS.0001", "Fail to parse request, reason: the body must be {\"os-start\"|\"os-stop\"|\"reboot\": {\"servers\": [{\"id\": ...}]}}.");
                return;
            }

            List<string> ids = servers.Select(s => (string?)s?["id"] ?? string.Empty).ToList();
            (string? jobId, string? unknown) = state.Operate(ids, action, (string?)operation["type"] ?? "SOFT");
            if (unknown is not null)
            {
                await ServerNotFound(context, unknown);
                return;
            }

            await WriteJson(context, HttpStatusCode.OK, new JsonObject { ["job_id"] = jobId });
        });

        project.MapPut("/baremetalservers/{server_id}", async (HttpContext context, string server_id) =>
        {
            JsonObject? server = (await ReadBody(context))?["server"] as JsonObject;
            if (server is null)
            {
                await Error(context, HttpStatusCode.BadRequest, "BMS.0001", "Fail to parse request, reason: the body must be {\"server\": {\"name\": ...}}.");
                return;
            }

            JsonObject? updated = state.Rename(server_id, (string?)server["name"], (string?)server["description"]);
            await (updated is null
                ? ServerNotFound(context, server_id)
                : WriteJson(context, HttpStatusCode.OK, new JsonObject { ["server"] = updated }));
        });

        project.MapPost("/baremetalservers/{server_id}/metadata", async (HttpContext context, string server_id) =>
        {
            if ((await ReadBody(context))?["metadata"] is not JsonObject metadata)
            {
                await Error(context, HttpStatusCode.BadRequest, "BMS.0001", "Fail to parse request, reason: the body must be {\"metadata\": {...}}.");
                return;
            }

            JsonObject? updated = state.UpdateMetadata(server_id, metadata);
            await (updated is null
                ? ServerNotFound(context, server_id)
                : WriteJson(context, HttpStatusCode.OK, new JsonObject { ["metadata"] = updated }));
        });

        project.MapGet("/jobs/{job_id}", (HttpContext context, string job_id) =>
            state.PollJob(job_id) is { } job
                ? WriteJson(context, HttpStatusCode.OK, job)
                : Error(context, HttpStatusCode.NotFound, "BMS.0102", $"The job {job_id} does not exist."));
    }

    private static JsonObject Version(HttpContext context) => new()
    {
        ["id"] = "v1",
        ["links"] = new JsonArray(new JsonObject { ["href"] = $"http://{context.Request.Host}/v1/", ["rel"] = "self" }),
        ["min_version"] = string.Empty,
        ["status"] = "CURRENT",
        ["updated"] = "2018-09-30T00:00:00Z",
        ["version"] = string.Empty,
    };

    private static async Task<JsonObject?> ReadBody(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task ServerNotFound(HttpContext context, string serverId) =>
        Error(context, HttpStatusCode.NotFound, "BMS.0040", $"The server {serverId} does not exist.");

    private static Task Error(HttpContext context, HttpStatusCode status, string code, string message) =>
        WriteJson(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static async Task WriteJson(HttpContext context, HttpStatusCode status, JsonNode body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        body.WriteTo(writer);
        await writer.FlushAsync(context.RequestAborted);
    }
}
