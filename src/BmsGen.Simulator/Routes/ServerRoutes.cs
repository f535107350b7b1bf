using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Simulator.Http;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Http;

namespace BmsGen.Simulator.Routes;

/// <summary>Writes one server's JSON object in a service's own shape (BMS or ECS).</summary>
internal delegate void ServerRenderer(Utf8JsonWriter w, SimServer server, string baseUrl, string projectId);

/// <summary>The power action a batch <c>/action</c> body asks for, with the member that carried it.</summary>
internal readonly record struct PowerAction(JobKind Kind, string Member, JsonObject Action, List<string> Ids);

/// <summary>
/// Handler bodies the BMS and ECS routes share: both services take the same update and batch action bodies and differ
/// only in limits, server kind and how a server renders.
/// </summary>
internal static class ServerRoutes
{
    /// <summary>
    /// <c>PUT /{server_id}</c>: renames or redescribes a server and answers it. <paramref name="checkMore"/> reads the
    /// service's extra members before the name check, so their type errors keep coming first.
    /// </summary>
    public static async Task UpdateAsync(
        HttpContext context,
        SimulatorState state,
        ServerKind kind,
        int maxName,
        ServerRenderer render,
        Action<JsonObject>? checkMore = null)
    {
        JsonObject server = (await RequestBody.ReadObjectAsync(context)).Obj("server", "body");
        string? name = server.OptStr("name", "server");
        string? description = server.OptStr("description", "server");
        checkMore?.Invoke(server);
        if (name is not null && (name.Length == 0 || name.Length > maxName))
        {
            throw SimulatorFault.Invalid($"server.name must be 1 to {maxName} characters");
        }

        string baseUrl = context.BaseUrl();
        ReadOnlyMemoryBody response;
        using (state.Writing())
        {
            SimServer found = state.Get(context.Arg("server_id"), kind);
            found.Name = name ?? found.Name;
            found.Description = description ?? found.Description;
            found.Updated = SimulatorState.Now();
            response = new(Respond.RenderMember("server", w => render(w, found, baseUrl, context.ProjectId())));
        }

        await context.Json(200, response.Bytes);
    }

    /// <summary>
    /// Reads a batch <c>/action</c> body: exactly which of <c>os-start</c>, <c>os-stop</c> or <c>reboot</c> it holds
    /// (checked in that order) and the server ids under it. The services read <c>type</c> differently, so it stays theirs.
    /// </summary>
    public static PowerAction ReadPowerAction(JsonObject body)
    {
        (JobKind kind, string member) = body.ContainsKey("os-start") ? (JobKind.Start, "os-start")
            : body.ContainsKey("os-stop") ? (JobKind.Stop, "os-stop")
            : body.ContainsKey("reboot") ? (JobKind.Reboot, "reboot")
            : throw SimulatorFault.Invalid("the body must hold one of os-start, os-stop or reboot");
        JsonObject action = body.Obj(member, "body");
        List<string> ids = action.Arr("servers", member).Ids(member + ".servers");
        return new PowerAction(kind, member, action, ids);
    }

    /// <summary><c>POST /{server_id}/metadata</c>: merges the given keys into the server's metadata and answers all of it.</summary>
    public static async Task MergeMetadataAsync(HttpContext context, SimulatorState state, ServerKind kind)
    {
        Dictionary<string, string> metadata = (await RequestBody.ReadObjectAsync(context)).Obj("metadata", "body").StringMap("metadata");
        ReadOnlyMemoryBody response;
        using (state.Writing())
        {
            SimServer server = state.Get(context.Arg("server_id"), kind);
            foreach ((string key, string value) in metadata)
            {
                server.Metadata[key] = value;
            }

            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                Render.Metadata(w, server.Metadata);
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    /// <summary><c>POST /delete</c>: both services take the same body and start one delete job for the batch.</summary>
    public static async Task DeleteAsync(HttpContext context, SimulatorState state, ServerKind kind, JobFamily family)
    {
        JsonObject body = await RequestBody.ReadObjectAsync(context);
        List<string> ids = body.Arr("servers", "body").Ids("servers");
        body.OptBool("delete_publicip", "body");
        body.OptBool("delete_volume", "body");
        await BmsRoutes.JobAnswer(context, state, 200, () =>
        {
            state.Expect(ids, kind);
            return state.Delete(ids, family);
        });
    }
}
