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
using Microsoft.AspNetCore.Routing;

namespace BmsGen.Simulator.Routes;

/// <summary>
/// The Elastic Cloud Server APIs (Elastic Cloud Server API Reference chapter 5; the server queries and rename of
/// the Huawei Cloud Stack reference) over the shared state: /v1 and /v1.1 creates, batch power actions, delete,
/// resize, reinstall and change OS (/v2), NICs, volumes, metadata, tags, server groups, quotas and jobs.
/// </summary>
internal static class EcsRoutes
{
    public const int MaxCreateCount = 500;
    public const int DefaultPageSize = 1000;

    public static void Map(IEndpointRouteBuilder app, SimulatorServices services)
    {
        SimulatorState state = services.State;
        RouteGroupBuilder ecs = app.MapGroup("/v1/{project_id}/cloudservers");

        ecs.MapPost("", context => Create(context, state, v11: false));
        app.MapPost("/v1.1/{project_id}/cloudservers", context => Create(context, state, v11: true));

        ecs.MapGet("/detail", async context =>
        {
            // Elastic Cloud Server API Reference (Huawei Cloud Stack) §5.2.5: offset is a page number (0 and 1 are the
            // first page); without offset only the count is returned.
            int? offset = context.QueryInt("offset", 0, int.MaxValue);
            int limit = context.QueryInt("limit", 1, 1000) ?? DefaultPageSize;
            Func<SimServer, bool>? filter = RouteSupport.ServerFilter(context);
            string baseUrl = context.BaseUrl();
            string projectId = context.ProjectId();
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                (List<SimServer> page, int total) = RouteSupport.PageByNumber(state.Index(ServerKind.Elastic), filter, Math.Max(offset ?? 1, 1), offset is null ? 0 : limit);
                response = new(Respond.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("count", total);
                    if (offset is not null)
                    {
                        w.WriteStartArray("servers");
                        foreach (SimServer server in page)
                        {
                            Render.EcsServer(w, server, baseUrl, projectId);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }));
            }

            await context.Json(200, response.Bytes);
        });

        ecs.MapGet("/flavors", context => context.Json(200, Respond.Render(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("flavors");
            foreach (SimFlavor flavor in state.Flavors.Where(f => f.Kind == ServerKind.Elastic))
            {
                Render.HuaweiFlavor(w, flavor);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        })));

        ecs.MapGet("/limits", context => BmsRoutes.Limits(context, state));

        ecs.MapGet("/{server_id}", async context =>
        {
            string baseUrl = context.BaseUrl();
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                SimServer server = state.Poll(context.Arg("server_id"), ServerKind.Elastic);
                response = new(Respond.RenderMember("server", w => Render.EcsServer(w, server, baseUrl, context.ProjectId())));
            }

            await context.Json(200, response.Bytes);
        });

        ecs.MapPut(
            "/{server_id}",
            context => ServerRoutes.UpdateAsync(
                context, state, ServerKind.Elastic, 128, Render.EcsServer, server => server.OptStr("hostname", "server")));

        ecs.MapPost("/action", async context =>
        {
            JsonObject body = await RequestBody.ReadObjectAsync(context);
            (JobKind kind, string member, JsonObject action, List<string> ids) = ServerRoutes.ReadPowerAction(body);
            string? type = kind == JobKind.Reboot ? action.Str("type", member) : action.OptStr("type", member);
            if (type is not null and not ("SOFT" or "HARD"))
            {
                throw SimulatorFault.Invalid($"{member}.type must be SOFT or HARD, not {type}");
            }

            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Expect(ids, ServerKind.Elastic);
                return state.Power(ids, kind, type == "HARD", JobFamily.Ecs);
            });
        });

        ecs.MapPost("/delete", context => ServerRoutes.DeleteAsync(context, state, ServerKind.Elastic, JobFamily.Ecs));

        ecs.MapPost("/{server_id}/migrate", async context =>
        {
            JsonObject migrate = (await RequestBody.ReadObjectAsync(context)).Obj("migrate", "body");
            string? host = migrate.OptStr("dedicated_host_id", "migrate");
            string id = context.Arg("server_id");
            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.Migrate(id, host);
            });
        });

        ecs.MapPost("/{server_id}/resize", context => Resize(context, state));
        app.MapPost("/v1.1/{project_id}/cloudservers/{server_id}/resize", context => Resize(context, state));

        app.MapPost("/v2/{project_id}/cloudservers/{server_id}/reinstallos", async context =>
        {
            JsonObject reinstall = (await RequestBody.ReadObjectAsync(context)).Obj("os-reinstall", "body");
            reinstall.OptStr("adminpass", "os-reinstall");
            reinstall.OptStr("keyname", "os-reinstall");
            string id = context.Arg("server_id");
            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.Rebuild(id, null, JobKind.Reinstall, JobFamily.Ecs);
            });
        });

        app.MapPost("/v2/{project_id}/cloudservers/{server_id}/changeos", async context =>
        {
            JsonObject change = (await RequestBody.ReadObjectAsync(context)).Obj("os-change", "body");
            string imageId = change.Str("imageid", "os-change");
            change.OptStr("adminpass", "os-change");
            change.OptStr("keyname", "os-change");
            string id = context.Arg("server_id");
            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.Rebuild(id, imageId, JobKind.ChangeOs, JobFamily.Ecs);
            });
        });

        ecs.MapGet("/{server_id}/os-interface", context => BmsRoutes.Interfaces(context, state, ServerKind.Elastic));

        ecs.MapPost("/{server_id}/nics", async context =>
        {
            var nics = new List<(string, string?)>();
            foreach ((JsonObject nic, string path) in (await RequestBody.ReadObjectAsync(context)).Arr("nics", "body").Objects("nics"))
            {
                nics.Add((nic.Str("subnet_id", path), nic.OptStr("ip_address", path)));
            }

            string id = context.Arg("server_id");
            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.AddNics(id, nics, JobFamily.Ecs).Job;
            });
        });

        ecs.MapPost("/{server_id}/nics/delete", async context =>
        {
            List<string> ports = (await RequestBody.ReadObjectAsync(context)).Arr("nics", "body").Ids("nics");
            string id = context.Arg("server_id");
            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.DeleteNics(id, ports, JobFamily.Ecs);
            });
        });

        ecs.MapPost("/{server_id}/attachvolume", async context =>
        {
            JsonObject attachment = (await RequestBody.ReadObjectAsync(context)).Obj("volumeAttachment", "body");
            string volumeId = attachment.Str("volumeId", "volumeAttachment");
            string? device = attachment.OptStr("device", "volumeAttachment");
            string id = context.Arg("server_id");
            await BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.AttachVolume(id, volumeId, device, JobFamily.Ecs);
            });
        });

        ecs.MapDelete("/{server_id}/detachvolume/{volume_id}", context =>
        {
            string id = context.Arg("server_id");
            string volumeId = context.Arg("volume_id");
            return BmsRoutes.JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.Elastic);
                return state.DetachVolume(id, volumeId, JobFamily.Ecs);
            });
        });

        ecs.MapGet("/{server_id}/os-volume_attachments", context => BmsRoutes.VolumeAttachments(context, state, ServerKind.Elastic));

        ecs.MapPost("/{server_id}/metadata", context => ServerRoutes.MergeMetadataAsync(context, state, ServerKind.Elastic));

        ecs.MapDelete("/{server_id}/metadata/{key}", async context =>
        {
            using (state.Writing())
            {
                SimServer server = state.Get(context.Arg("server_id"), ServerKind.Elastic);
                string key = context.Arg("key");
                if (!server.Metadata.Remove(key))
                {
                    throw new SimulatorFault(FaultKind.MetadataItemNotFound, key);
                }
            }

            await Respond.Empty(context, 204);
        });

        // Tags: the /servers and the /cloudservers spellings.
        foreach (string collection in new[] { "servers", "cloudservers" })
        {
            app.MapGet($"/v1/{{project_id}}/{collection}/{{server_id}}/tags", context => BmsRoutes.ShowTags(context, state, null));
            app.MapPost($"/v1/{{project_id}}/{collection}/{{server_id}}/tags/action", context => BmsRoutes.TagAction(context, state, null));
            app.MapGet($"/v1/{{project_id}}/{collection}/tags", context => ProjectTags(context, state));
        }

        app.MapPost("/v1/{project_id}/servers/resource_instances/action", context => ResourceInstances(context, state));

        ecs.MapPost("/os-server-groups", async context =>
        {
            JsonObject group = (await RequestBody.ReadObjectAsync(context)).Obj("server_group", "body");
            string name = group.Str("name", "server_group");
            List<string> policies = group.Arr("policies", "server_group").Strings("server_group.policies");
            if (policies.Count != 1 || policies[0] is not ("anti-affinity" or "affinity" or "soft-anti-affinity" or "soft-affinity"))
            {
                throw SimulatorFault.Invalid("server_group.policies must hold one of anti-affinity, affinity, soft-anti-affinity or soft-affinity");
            }

            await ServerGroupAnswer(context, state, () => state.CreateServerGroup(name, policies));
        });

        ecs.MapGet("/os-server-groups", context => ServerGroupList(context, state));
        ecs.MapGet("/os-server-groups/{server_group_id}", context => ServerGroupAnswer(context, state, () => state.GetServerGroup(context.Arg("server_group_id"))));
        ecs.MapDelete("/os-server-groups/{server_group_id}", async context =>
        {
            using (state.Writing())
            {
                state.DeleteServerGroup(context.Arg("server_group_id"));
            }

            await Respond.Empty(context, 204);
        });
        ecs.MapPost("/os-server-groups/{server_group_id}/action", context => ServerGroupMember(context, state));
        ecs.MapPost("/{server_group_id}/server-group-action", context => ServerGroupMember(context, state));

        app.MapGet("/v1/{project_id}/jobs/{job_id}", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                string id = context.Arg("job_id");
                SimJob job = state.PollJob(id) ?? throw new SimulatorFault(FaultKind.JobNotFound, id);
                response = new(Respond.Render(w => Render.Job(w, job)));
            }

            await context.Json(200, response.Bytes);
        });
    }

    private static async Task Create(HttpContext context, SimulatorState state, bool v11)
    {
        JsonObject body = await RequestBody.ReadObjectAsync(context);
        JsonObject server = body.Obj("server", "body");
        bool dryRun = body.OptBool("dry_run", "body") ?? false;
        var subnets = new List<string>();
        foreach ((JsonObject nic, string path) in server.Arr("nics", "server").Objects("server.nics"))
        {
            subnets.Add(nic.Str("subnet_id", path));
        }

        JsonObject root = server.Obj("root_volume", "server");
        root.Str("volumetype", "server.root_volume");
        root.OptInt("size", "server.root_volume");
        var tags = new List<KeyValuePair<string, string>>();
        foreach ((JsonObject tag, string path) in server.OptArr("server_tags", "server")?.Objects("server.server_tags") ?? Enumerable.Empty<(JsonObject, string)>())
        {
            tags.Add(new(tag.Str("key", path), tag.OptStr("value", path) ?? string.Empty));
        }

        foreach (string tag in server.OptArr("tags", "server")?.Strings("server.tags") ?? new List<string>())
        {
            int equals = tag.IndexOf('=', StringComparison.Ordinal);
            tags.Add(equals < 0 ? new(tag, string.Empty) : new(tag[..equals], tag[(equals + 1)..]));
        }

        Dictionary<string, string> metadata = v11
            ? new Dictionary<string, string>()
            : server.OptObj("metadata", "server")?.StringMap("server.metadata") ?? new Dictionary<string, string>();
        var command = new CreateServersCommand(
            server.Str("name", "server"),
            server.Str("flavorRef", "server"),
            server.Str("imageRef", "server"),
            v11 ? server.Str("availability_zone", "server") : server.OptStr("availability_zone", "server") ?? "az1",
            server.Str("vpcid", "server"),
            subnets,
            metadata,
            tags,
            server.OptInt("count", "server") ?? 1,
            server.OptStr("key_name", "server"),
            server.OptStr("description", "server") ?? string.Empty,
            server.OptBool("power_on", "server") ?? true,
            server.OptObj("os:scheduler_hints", "server")?.OptStr("group", "server.os:scheduler_hints"));
        if (dryRun)
        {
            using (state.Reading())
            {
                if (state.FindFlavor(command.FlavorId) is null)
                {
                    throw new SimulatorFault(FaultKind.FlavorNotFound, command.FlavorId);
                }
            }

            await Respond.Empty(context, 202);
            return;
        }

        ReadOnlyMemoryBody response;
        using (state.Writing())
        {
            (SimJob job, IReadOnlyList<SimServer> created) = state.CreateServers(command, JobFamily.Ecs, MaxCreateCount);
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteString("job_id", job.Id);
                w.WriteStartArray("serverIds");
                foreach (SimServer s in created)
                {
                    w.WriteStringValue(s.Id);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    private static async Task Resize(HttpContext context, SimulatorState state)
    {
        JsonObject body = await RequestBody.ReadObjectAsync(context);
        JsonObject resize = body.Obj("resize", "body");
        string flavorId = resize.Str("flavorRef", "resize");
        resize.OptStr("dedicated_host_id", "resize");
        body.OptBool("dry_run", "body");
        string id = context.Arg("server_id");
        await BmsRoutes.JobAnswer(context, state, 200, () =>
        {
            state.Get(id, ServerKind.Elastic);
            return state.Resize(id, flavorId, JobFamily.Ecs);
        });
    }

    /// <summary>GET /v1/{project_id}/servers/tags: every tag key of the project with its values.</summary>
    private static async Task ProjectTags(HttpContext context, SimulatorState state)
    {
        var tags = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        using (state.Reading())
        {
            ServerIndex all = state.Index(null);
            for (int i = 0; i < all.Count; i++)
            {
                foreach ((string key, string value) in all[i].Tags)
                {
                    if (!tags.TryGetValue(key, out SortedSet<string>? values))
                    {
                        tags[key] = values = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    values.Add(value);
                }
            }
        }

        await context.Json(200, Respond.Render(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("tags");
            foreach ((string key, SortedSet<string> values) in tags)
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteStartArray("values");
                foreach (string value in values)
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// POST /v1/{project_id}/servers/resource_instances/action: servers by tag (action filter, paged by limit and an
    /// item offset, as the tag API documents) or their count (action count). Servers must have every tag in tags
    /// (any of the values when values are given) and none in not_tags.
    /// </summary>
    private static async Task ResourceInstances(HttpContext context, SimulatorState state)
    {
        JsonObject body = await RequestBody.ReadObjectAsync(context);
        string action = body.Str("action", "body");
        if (action is not ("filter" or "count"))
        {
            throw SimulatorFault.Invalid($"action must be filter or count, not {action}");
        }

        List<(string Key, List<string> Values)> Filters(string name)
        {
            var result = new List<(string, List<string>)>();
            foreach ((JsonObject tag, string path) in body.OptArr(name, "body")?.Objects(name) ?? Enumerable.Empty<(JsonObject, string)>())
            {
                result.Add((tag.Str("key", path), tag.OptArr("values", path)?.Strings(path + ".values") ?? new List<string>()));
            }

            return result;
        }

        List<(string Key, List<string> Values)> required = Filters("tags");
        List<(string Key, List<string> Values)> excluded = Filters("not_tags");
        int limit = ParseStringInt(body.OptStr("limit", "body"), "limit", 1, 1000) ?? 1000;
        int offset = ParseStringInt(body.OptStr("offset", "body"), "offset", 0, int.MaxValue) ?? 0;

        static bool Matches(SimServer server, (string Key, List<string> Values) filter) =>
            server.Tags.Any(t => t.Key == filter.Key && (filter.Values.Count == 0 || filter.Values.Contains(t.Value)));

        ReadOnlyMemoryBody response;
        using (state.Reading())
        {
            var page = new List<SimServer>();
            int total = 0;
            ServerIndex all = state.Index(null);
            for (int i = 0; i < all.Count; i++)
            {
                SimServer server = all[i];
                if (required.All(f => Matches(server, f)) && !excluded.Any(f => Matches(server, f)))
                {
                    if (total >= offset && page.Count < limit)
                    {
                        page.Add(server);
                    }

                    total++;
                }
            }

            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                if (action == "filter")
                {
                    w.WriteStartArray("resources");
                    foreach (SimServer server in page)
                    {
                        w.WriteStartObject();
                        w.WriteString("resource_id", server.Id);
                        w.WriteString("resource_detail", string.Empty);
                        w.WriteString("resource_name", server.Name);
                        w.WriteStartArray("tags");
                        foreach ((string key, string value) in server.Tags)
                        {
                            w.WriteStartObject();
                            w.WriteString("key", key);
                            w.WriteString("value", value);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteNumber("total_count", total);
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    private static int? ParseStringInt(string? text, string name, int min, int max)
    {
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw SimulatorFault.Invalid($"{name} must be an integer from {min} to {max}, not '{text}'");
    }

    public static async Task ServerGroupAnswer(HttpContext context, SimulatorState state, Func<SimServerGroup> action)
    {
        ReadOnlyMemoryBody response;
        using (state.Writing())
        {
            SimServerGroup group = action();
            response = new(Respond.RenderMember("server_group", w => Render.ServerGroup(w, group, context.ProjectId())));
        }

        await context.Json(200, response.Bytes);
    }

    public static async Task ServerGroupList(HttpContext context, SimulatorState state)
    {
        ReadOnlyMemoryBody response;
        using (state.Reading())
        {
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("server_groups");
                foreach (SimServerGroup group in state.ServerGroups)
                {
                    Render.ServerGroup(w, group, context.ProjectId());
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    private static async Task ServerGroupMember(HttpContext context, SimulatorState state)
    {
        JsonObject body = await RequestBody.ReadObjectAsync(context);
        bool add = body.ContainsKey("add_member");
        JsonObject member = add ? body.Obj("add_member", "body")
            : body.ContainsKey("remove_member") ? body.Obj("remove_member", "body")
            : throw SimulatorFault.Invalid("the body must hold add_member or remove_member");
        string serverId = member.Str("instance_uuid", add ? "add_member" : "remove_member");
        using (state.Writing())
        {
            state.AddServerGroupMember(context.Arg("server_group_id"), serverId, add);
        }

        await Respond.Empty(context, 200);
    }
}
