using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Simulator.Http;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Routing;

namespace BmsGen.Simulator.Routes;

/// <summary>
/// The native OpenStack Nova v2.1 API over the shared state: every server, bare metal or elastic, is a Nova server.
/// Lists are newest first and paged by marker and limit (25 by default) with <c>servers_links</c> to the next page;
/// errors are Nova faults (<c>{"itemNotFound":{"message","code":404}}</c>).
/// </summary>
internal static class NovaRoutes
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder app, SimulatorServices services)
    {
        SimulatorState state = services.State;
        SimulatorOptions options = services.Options;
        RouteGroupBuilder nova = app.MapGroup("/v2.1/{project_id}");

        nova.MapPost("/servers", async context =>
        {
            JsonObject body = await RequestBody.ReadObjectAsync(context);
            JsonObject server = body.Obj("server", "body");
            var subnets = new List<string>();
            foreach ((JsonObject network, string path) in server.Arr("networks", "server").Objects("server.networks"))
            {
                subnets.Add(network.OptStr("uuid", path) ?? network.OptStr("port", path) ?? throw SimulatorFault.Invalid($"{path} needs uuid or port"));
            }

            int minCount = server.OptInt("min_count", "server") ?? 1;
            int maxCount = server.OptInt("max_count", "server") ?? minCount;
            string? group = body.OptObj("os:scheduler_hints", "body")?.OptStr("group", "os:scheduler_hints");
            var command = new CreateServersCommand(
                server.Str("name", "server"),
                server.Str("flavorRef", "server"),
                server.OptStr("imageRef", "server") ?? string.Empty,
                server.OptStr("availability_zone", "server") ?? "az1",
                subnets.FirstOrDefault() ?? "net-default",
                subnets,
                server.OptObj("metadata", "server")?.StringMap("server.metadata") ?? new Dictionary<string, string>(),
                Array.Empty<KeyValuePair<string, string>>(),
                Math.Max(minCount, maxCount),
                server.OptStr("key_name", "server"),
                server.OptStr("description", "server") ?? string.Empty,
                PowerOn: true,
                ServerGroupId: group);
            string baseUrl = context.BaseUrl();
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                (_, IReadOnlyList<SimServer> created) = state.CreateServers(command, JobFamily.Nova, EcsRoutes.MaxCreateCount);
                SimServer first = created[0];
                response = new(Respond.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("server");
                    w.WriteString("id", first.Id);
                    w.WriteStartArray("links");
                    w.WriteStartObject();
                    w.WriteString("rel", "self");
                    w.WriteString("href", $"{baseUrl}/v2.1/{context.ProjectId()}/servers/{first.Id}");
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteStartArray("security_groups");
                    w.WriteStartObject();
                    w.WriteString("name", "default");
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteString("OS-DCF:diskConfig", "MANUAL");
                    w.WriteString("reservation_id", first.ReservationId);
                    w.WriteString("adminPass", "sim-" + first.Id[..8]);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }));
            }

            await context.Json(202, response.Bytes);
        });

        nova.MapGet("/servers", context => List(context, state, detail: false));
        nova.MapGet("/servers/detail", context => List(context, state, detail: true));

        nova.MapGet("/servers/{server_id}", async context =>
        {
            string baseUrl = context.BaseUrl();
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                SimServer server = state.Poll(context.Arg("server_id"));
                response = new(Respond.Render(w => ServerBody(w, server, baseUrl, context.ProjectId())));
            }

            await context.Json(200, response.Bytes);
        });

        nova.MapPut("/servers/{server_id}", async context =>
        {
            JsonObject server = (await RequestBody.ReadObjectAsync(context)).Obj("server", "body");
            string? name = server.OptStr("name", "server");
            string? description = server.OptStr("description", "server");
            if (name is { Length: 0 or > 255 })
            {
                throw SimulatorFault.Invalid("server.name must be 1 to 255 characters");
            }

            string baseUrl = context.BaseUrl();
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                SimServer found = state.Get(context.Arg("server_id"));
                found.Name = name ?? found.Name;
                found.Description = description ?? found.Description;
                found.Updated = SimulatorState.Now();
                response = new(Respond.Render(w => ServerBody(w, found, baseUrl, context.ProjectId())));
            }

            await context.Json(200, response.Bytes);
        });

        nova.MapDelete("/servers/{server_id}", async context =>
        {
            using (state.Writing())
            {
                state.DeleteNow(context.Arg("server_id"));
            }

            await Respond.Empty(context, 204);
        });

        nova.MapPost("/servers/{server_id}/action", async context =>
        {
            JsonObject body = await RequestBody.ReadObjectAsync(context);
            string id = context.Arg("server_id");
            string action = body.Count == 1 ? body.First().Key : throw SimulatorFault.Invalid("the body must hold exactly one action");
            switch (action)
            {
                case "os-start":
                case "os-stop":
                    using (state.Writing())
                    {
                        state.Power(new[] { id }, action == "os-start" ? JobKind.Start : JobKind.Stop, false, JobFamily.Nova);
                    }

                    await Respond.Empty(context, 202);
                    return;
                case "reboot":
                {
                    string type = body.Obj("reboot", "body").Str("type", "reboot");
                    if (type is not ("SOFT" or "HARD"))
                    {
                        throw SimulatorFault.Invalid($"reboot.type must be SOFT or HARD, not {type}");
                    }

                    using (state.Writing())
                    {
                        state.Power(new[] { id }, JobKind.Reboot, type == "HARD", JobFamily.Nova);
                    }

                    await Respond.Empty(context, 202);
                    return;
                }

                case "lock":
                case "unlock":
                    using (state.Writing())
                    {
                        state.Get(id).Locked = action == "lock";
                    }

                    await Respond.Empty(context, 202);
                    return;
                case "rebuild":
                {
                    JsonObject rebuild = body.Obj("rebuild", "body");
                    string imageId = rebuild.Str("imageRef", "rebuild");
                    string? name = rebuild.OptStr("name", "rebuild");
                    string baseUrl = context.BaseUrl();
                    ReadOnlyMemoryBody response;
                    using (state.Writing())
                    {
                        state.Rebuild(id, imageId, JobKind.Reinstall, JobFamily.Nova);
                        SimServer server = state.Get(id);
                        server.Name = name ?? server.Name;
                        response = new(Respond.Render(w => ServerBody(w, server, baseUrl, context.ProjectId())));
                    }

                    await context.Json(202, response.Bytes);
                    return;
                }

                case "resize":
                {
                    string flavorId = body.Obj("resize", "body").Str("flavorRef", "resize");
                    using (state.Writing())
                    {
                        state.Resize(id, flavorId, JobFamily.Nova);
                    }

                    await Respond.Empty(context, 202);
                    return;
                }

                case "confirmResize":
                case "revertResize":
                    using (state.Writing())
                    {
                        state.ConfirmResize(id, revert: action == "revertResize");
                    }

                    await Respond.Empty(context, action == "confirmResize" ? 204 : 202);
                    return;
                default:
                    throw SimulatorFault.Invalid($"the action {action} is not supported by the simulator");
            }
        });

        nova.MapGet("/servers/{server_id}/os-interface", context => BmsRoutes.Interfaces(context, state, null));
        nova.MapPost("/servers/{server_id}/os-interface", async context =>
        {
            JsonObject attachment = (await RequestBody.ReadObjectAsync(context)).Obj("interfaceAttachment", "body");
            string subnet = attachment.OptStr("net_id", "interfaceAttachment") ?? attachment.OptStr("port_id", "interfaceAttachment")
                ?? throw SimulatorFault.Invalid("interfaceAttachment needs net_id or port_id");
            string? ip = null;
            if (attachment.OptArr("fixed_ips", "interfaceAttachment") is { } fixedIps)
            {
                foreach ((JsonObject fixedIp, string path) in fixedIps.Objects("interfaceAttachment.fixed_ips"))
                {
                    ip ??= fixedIp.OptStr("ip_address", path);
                }
            }

            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                (_, IReadOnlyList<SimNic> nics) = state.AddNics(context.Arg("server_id"), new[] { (subnet, ip) }, JobFamily.Nova);
                SimServer server = state.Get(context.Arg("server_id"));
                response = new(Respond.RenderMember("interfaceAttachment", w => Render.Interface(w, nics[0], server.VpcId)));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapGet("/servers/{server_id}/os-interface/{port_id}", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                SimServer server = state.Get(context.Arg("server_id"));
                string port = context.Arg("port_id");
                SimNic nic = server.Nics.FirstOrDefault(n => n.PortId == port) ?? throw new SimulatorFault(FaultKind.NicNotFound, $"Port {port} could not be found.");
                response = new(Respond.RenderMember("interfaceAttachment", w => Render.Interface(w, nic, server.VpcId)));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapDelete("/servers/{server_id}/os-interface/{port_id}", async context =>
        {
            using (state.Writing())
            {
                state.DeleteNics(context.Arg("server_id"), new[] { context.Arg("port_id") }, JobFamily.Nova);
            }

            await Respond.Empty(context, 202);
        });

        nova.MapGet("/servers/{server_id}/os-volume_attachments", context => BmsRoutes.VolumeAttachments(context, state, null));
        nova.MapPost("/servers/{server_id}/os-volume_attachments", async context =>
        {
            JsonObject attachment = (await RequestBody.ReadObjectAsync(context)).Obj("volumeAttachment", "body");
            string volumeId = attachment.Str("volumeId", "volumeAttachment");
            string? device = attachment.OptStr("device", "volumeAttachment");
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                string id = context.Arg("server_id");
                state.AttachVolume(id, volumeId, device, JobFamily.Nova);
                SimServer server = state.Get(id);
                SimVolume volume = server.Volumes.Single(v => v.VolumeId == volumeId);
                response = new(Respond.RenderMember("volumeAttachment", w => Render.VolumeAttachment(w, server, volume)));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapGet("/servers/{server_id}/os-volume_attachments/{volume_id}", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                SimServer server = state.Get(context.Arg("server_id"));
                string volumeId = context.Arg("volume_id");
                SimVolume volume = server.Volumes.FirstOrDefault(v => v.VolumeId == volumeId)
                    ?? throw new SimulatorFault(FaultKind.VolumeNotAttached, $"Volume {volumeId} is not attached to instance {server.Id}.");
                response = new(Respond.RenderMember("volumeAttachment", w => Render.VolumeAttachment(w, server, volume)));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapDelete("/servers/{server_id}/os-volume_attachments/{volume_id}", context => DetachVolume(context, state));
        app.MapDelete("/v2/{project_id}/servers/{server_id}/os-volume_attachments/{volume_id}", context => DetachVolume(context, state));

        nova.MapGet("/servers/{server_id}/metadata", context => Metadata(context, state, null));
        nova.MapPost("/servers/{server_id}/metadata", async context =>
        {
            Dictionary<string, string> metadata = (await RequestBody.ReadObjectAsync(context)).Obj("metadata", "body").StringMap("metadata");
            await Metadata(context, state, server =>
            {
                foreach ((string key, string value) in metadata)
                {
                    server.Metadata[key] = value;
                }
            });
        });
        nova.MapPut("/servers/{server_id}/metadata", async context =>
        {
            Dictionary<string, string> metadata = (await RequestBody.ReadObjectAsync(context)).Obj("metadata", "body").StringMap("metadata");
            await Metadata(context, state, server =>
            {
                server.Metadata.Clear();
                foreach ((string key, string value) in metadata)
                {
                    server.Metadata[key] = value;
                }
            });
        });
        nova.MapGet("/servers/{server_id}/metadata/{key}", context => MetadataItem(context, state, null));
        nova.MapPut("/servers/{server_id}/metadata/{key}", async context =>
        {
            Dictionary<string, string> meta = (await RequestBody.ReadObjectAsync(context)).Obj("meta", "body").StringMap("meta");
            string key = context.Arg("key");
            if (meta.Count != 1 || !meta.TryGetValue(key, out string? value))
            {
                throw SimulatorFault.Invalid($"meta must hold exactly the key {key} of the path");
            }

            await MetadataItem(context, state, value);
        });
        nova.MapDelete("/servers/{server_id}/metadata/{key}", async context =>
        {
            using (state.Writing())
            {
                string key = context.Arg("key");
                if (!state.Get(context.Arg("server_id")).Metadata.Remove(key))
                {
                    throw new SimulatorFault(FaultKind.MetadataItemNotFound, key);
                }
            }

            await Respond.Empty(context, 204);
        });

        nova.MapGet("/servers/{server_id}/tags", context => Tags(context, state, null));
        nova.MapPut("/servers/{server_id}/tags", async context =>
        {
            List<string> tags = (await RequestBody.ReadObjectAsync(context)).Arr("tags", "body").Strings("tags");
            await Tags(context, state, server =>
            {
                server.Tags.Clear();
                foreach (string tag in tags.Distinct(StringComparer.Ordinal).Where(t => t != Render.BareMetalTag))
                {
                    server.Tags.Add(SplitTag(tag));
                }
            });
        });
        nova.MapDelete("/servers/{server_id}/tags", async context =>
        {
            using (state.Writing())
            {
                state.Get(context.Arg("server_id")).Tags.Clear();
            }

            await Respond.Empty(context, 204);
        });
        nova.MapPut("/servers/{server_id}/tags/{tag}", async context =>
        {
            bool added;
            using (state.Writing())
            {
                SimServer server = state.Get(context.Arg("server_id"));
                KeyValuePair<string, string> tag = SplitTag(context.Arg("tag"));
                added = !server.Tags.Contains(tag);
                if (added)
                {
                    server.Tags.Add(tag);
                }
            }

            await Respond.Empty(context, added ? 201 : 204);
        });
        nova.MapGet("/servers/{server_id}/tags/{tag}", async context =>
        {
            using (state.Reading())
            {
                string tag = context.Arg("tag");
                if (!Render.NovaTags(state.Get(context.Arg("server_id"))).Contains(tag))
                {
                    throw new SimulatorFault(FaultKind.TagNotFound, tag);
                }
            }

            await Respond.Empty(context, 204);
        });
        nova.MapDelete("/servers/{server_id}/tags/{tag}", async context =>
        {
            using (state.Writing())
            {
                SimServer server = state.Get(context.Arg("server_id"));
                string tag = context.Arg("tag");
                if (!server.Tags.Remove(SplitTag(tag)))
                {
                    throw new SimulatorFault(FaultKind.TagNotFound, tag);
                }
            }

            await Respond.Empty(context, 204);
        });

        nova.MapGet("/flavors", context => Flavors(context, state, detail: false));
        nova.MapGet("/flavors/detail", context => Flavors(context, state, detail: true));
        nova.MapGet("/flavors/{flavor_id}", context =>
        {
            string id = context.Arg("flavor_id");
            SimFlavor flavor = state.FindFlavor(id) ?? throw new SimulatorFault(FaultKind.FlavorNotFound, id);
            string baseUrl = context.BaseUrl();
            return context.Json(200, Respond.RenderMember("flavor", w => Render.NovaFlavor(w, flavor, baseUrl, context.ProjectId())));
        });

        nova.MapGet("/os-keypairs", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                response = new(Respond.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("keypairs");
                    foreach (SimKeypair keypair in state.Keypairs)
                    {
                        w.WriteStartObject();
                        w.WritePropertyName("keypair");
                        Render.Keypair(w, keypair, withPrivateKey: false, full: false);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapPost("/os-keypairs", async context =>
        {
            JsonObject keypair = (await RequestBody.ReadObjectAsync(context)).Obj("keypair", "body");
            string name = keypair.Str("name", "keypair");
            string? publicKey = keypair.OptStr("public_key", "keypair");
            string type = keypair.OptStr("type", "keypair") ?? "ssh";
            if (name.Length > 64 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                throw SimulatorFault.Invalid("keypair.name must be 1 to 64 letters, digits, hyphens or underscores");
            }

            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                SimKeypair created = state.CreateKeypair(name, publicKey, type);
                response = new(Respond.RenderMember("keypair", w => Render.Keypair(w, created, withPrivateKey: true, full: false)));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapGet("/os-keypairs/{keypair_name}", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                SimKeypair keypair = state.GetKeypair(context.Arg("keypair_name"));
                response = new(Respond.RenderMember("keypair", w => Render.Keypair(w, keypair, withPrivateKey: false, full: true)));
            }

            await context.Json(200, response.Bytes);
        });
        nova.MapDelete("/os-keypairs/{keypair_name}", async context =>
        {
            using (state.Writing())
            {
                state.DeleteKeypair(context.Arg("keypair_name"));
            }

            await Respond.Empty(context, 202);
        });

        nova.MapGet("/os-server-groups", context => EcsRoutes.ServerGroupList(context, state));
        nova.MapPost("/os-server-groups", async context =>
        {
            JsonObject group = (await RequestBody.ReadObjectAsync(context)).Obj("server_group", "body");
            string name = group.Str("name", "server_group");
            List<string> policies = group.Arr("policies", "server_group").Strings("server_group.policies");
            if (policies.Count != 1 || policies[0] is not ("anti-affinity" or "affinity" or "soft-anti-affinity" or "soft-affinity"))
            {
                throw SimulatorFault.Invalid("server_group.policies must hold one of anti-affinity, affinity, soft-anti-affinity or soft-affinity");
            }

            await EcsRoutes.ServerGroupAnswer(context, state, () => state.CreateServerGroup(name, policies));
        });
        nova.MapGet("/os-server-groups/{server_group_id}", context => EcsRoutes.ServerGroupAnswer(context, state, () => state.GetServerGroup(context.Arg("server_group_id"))));
        nova.MapDelete("/os-server-groups/{server_group_id}", async context =>
        {
            using (state.Writing())
            {
                state.DeleteServerGroup(context.Arg("server_group_id"));
            }

            await Respond.Empty(context, 204);
        });

        nova.MapGet("/limits", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                response = new(Respond.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartObject("limits");
                    w.WriteStartArray("rate");
                    w.WriteEndArray();
                    Render.AbsoluteLimits(w, state);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }));
            }

            await context.Json(200, response.Bytes);
        });

        nova.MapGet("/os-quota-sets/{target_project_id}", context => QuotaSet(context, state, options));
        nova.MapGet("/os-quota-sets/{target_project_id}/defaults", context => QuotaSet(context, state, options));
    }

    /// <summary>GET /servers and /servers/detail: newest first, marker and limit, <c>servers_links</c> when a next page exists.</summary>
    private static async Task List(HttpContext context, SimulatorState state, bool detail)
    {
        int limit = context.QueryInt("limit", 0, MaxPageSize) ?? DefaultPageSize;
        limit = limit == 0 ? DefaultPageSize : limit;
        string? marker = context.Query("marker");
        Func<SimServer, bool>? filter = RouteSupport.ServerFilter(context);
        string baseUrl = context.BaseUrl();
        string projectId = context.ProjectId();
        ReadOnlyMemoryBody response;
        using (state.Reading())
        {
            (List<SimServer> page, bool more) = RouteSupport.PageByMarker(state, state.Index(null), filter, marker, limit);
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("servers");
                foreach (SimServer server in page)
                {
                    if (detail)
                    {
                        Render.NovaServer(w, server, baseUrl, projectId);
                    }
                    else
                    {
                        Render.NovaSummary(w, server, baseUrl, projectId);
                    }
                }

                w.WriteEndArray();
                if (more && page.Count > 0)
                {
                    var query = new QueryBuilder(context.Request.Query.Where(q => q.Key is not ("marker" or "limit")));
                    query.Add("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    query.Add("marker", page[^1].Id);
                    w.WriteStartArray("servers_links");
                    w.WriteStartObject();
                    w.WriteString("rel", "next");
                    w.WriteString("href", $"{baseUrl}/v2.1/{projectId}/servers{(detail ? "/detail" : string.Empty)}{query}");
                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    private static void ServerBody(Utf8JsonWriter w, SimServer server, string baseUrl, string projectId)
    {
        w.WriteStartObject();
        w.WritePropertyName("server");
        Render.NovaServer(w, server, baseUrl, projectId);
        w.WriteEndObject();
    }

    private static async Task DetachVolume(HttpContext context, SimulatorState state)
    {
        using (state.Writing())
        {
            string id = context.Arg("server_id");
            string volumeId = context.Arg("volume_id");
            SimServer server = state.Get(id);
            if (server.Volumes.All(v => v.VolumeId != volumeId))
            {
                throw new SimulatorFault(FaultKind.VolumeNotAttached, $"Volume {volumeId} is not attached to instance {id}.");
            }

            state.DetachVolume(id, volumeId, JobFamily.Nova);
        }

        await Respond.Empty(context, 202);
    }

    private static Task Metadata(HttpContext context, SimulatorState state, Action<SimServer>? change) =>
        ChangeAndAnswer(context, state, change, (w, server) =>
        {
            w.WriteStartObject();
            Render.Metadata(w, server.Metadata);
            w.WriteEndObject();
        });

    private static async Task MetadataItem(HttpContext context, SimulatorState state, string? newValue)
    {
        ReadOnlyMemoryBody response;
        using (newValue is null ? state.Reading() : state.Writing())
        {
            SimServer server = state.Get(context.Arg("server_id"));
            string key = context.Arg("key");
            if (newValue is not null)
            {
                server.Metadata[key] = newValue;
            }

            string value = server.Metadata.TryGetValue(key, out string? found) ? found : throw new SimulatorFault(FaultKind.MetadataItemNotFound, key);
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("meta");
                w.WriteString(key, value);
                w.WriteEndObject();
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    private static Task Tags(HttpContext context, SimulatorState state, Action<SimServer>? change) =>
        ChangeAndAnswer(context, state, change, (w, server) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tags");
            foreach (string tag in Render.NovaTags(server))
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>
    /// Applies <paramref name="change"/> to the path's server (under the write lock; a null change only reads) and
    /// answers 200 with what <paramref name="render"/> writes from the server afterwards.
    /// </summary>
    private static async Task ChangeAndAnswer(
        HttpContext context, SimulatorState state, Action<SimServer>? change, Action<Utf8JsonWriter, SimServer> render)
    {
        ReadOnlyMemoryBody response;
        using (change is null ? state.Reading() : state.Writing())
        {
            SimServer server = state.Get(context.Arg("server_id"));
            change?.Invoke(server);
            response = new(Respond.Render(w => render(w, server)));
        }

        await context.Json(200, response.Bytes);
    }

    private static Task Flavors(HttpContext context, SimulatorState state, bool detail)
    {
        string baseUrl = context.BaseUrl();
        return context.Json(200, Respond.Render(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("flavors");
            foreach (SimFlavor flavor in state.Flavors)
            {
                if (detail)
                {
                    Render.NovaFlavor(w, flavor, baseUrl, context.ProjectId());
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteString("id", flavor.Id);
                    w.WriteString("name", flavor.Id);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static async Task QuotaSet(HttpContext context, SimulatorState state, SimulatorOptions options)
    {
        string target = context.Arg("target_project_id");
        if (target != options.ProjectId)
        {
            throw new SimulatorFault(FaultKind.ProjectForbidden, $"the quotas of project {target} are not accessible");
        }

        SimulatorQuotas q = options.Quotas;
        await context.Json(200, Respond.Render(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("quota_set");
            w.WriteString("id", target);
            w.WriteNumber("cores", q.Cores == int.MaxValue ? -1 : q.Cores);
            w.WriteNumber("ram", q.RamMb == int.MaxValue ? -1 : q.RamMb);
            w.WriteNumber("instances", q.Instances);
            w.WriteNumber("metadata_items", 128);
            w.WriteNumber("server_groups", q.ServerGroups);
            w.WriteNumber("server_group_members", 16);
            w.WriteNumber("injected_files", 5);
            w.WriteNumber("injected_file_content_bytes", 10240);
            w.WriteNumber("injected_file_path_bytes", 255);
            w.WriteNumber("key_pairs", q.KeyPairs);
            w.WriteNumber("fixed_ips", -1);
            w.WriteNumber("floating_ips", 10);
            w.WriteNumber("security_groups", 100);
            w.WriteNumber("security_group_rules", 5000);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static KeyValuePair<string, string> SplitTag(string tag)
    {
        int equals = tag.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? new(tag, string.Empty) : new(tag[..equals], tag[(equals + 1)..]);
    }
}
