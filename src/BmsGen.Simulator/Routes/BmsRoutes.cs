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

/// <summary>The Bare Metal Server API v1 (Bare Metal Server API Reference, chapter 4) over the shared state.</summary>
internal static class BmsRoutes
{
    /// <summary>The page size of the detail list without limit and offset, and its maximum (§4.3.2).</summary>
    public const int DefaultPageSize = 25;
    public const int PageSizeWithOffset = 1000;
    public const int MaxPageSize = 1000;
    public const int MaxCreateCount = 100;

    public static void Map(IEndpointRouteBuilder app, SimulatorServices services)
    {
        SimulatorState state = services.State;
        RouteGroupBuilder bms = app.MapGroup("/v1/{project_id}/baremetalservers");

        bms.MapPost("", async context =>
        {
            JsonObject body = await RequestBody.ReadObjectAsync(context);
            JsonObject server = body.Obj("server", "body");
            var subnets = new List<string>();
            foreach ((JsonObject nic, string path) in server.Arr("nics", "server").Objects("server.nics"))
            {
                subnets.Add(nic.Str("subnet_id", path));
            }

            var tags = new List<KeyValuePair<string, string>>();
            foreach ((JsonObject tag, string path) in server.OptArr("server_tags", "server")?.Objects("server.server_tags") ?? Enumerable.Empty<(JsonObject, string)>())
            {
                tags.Add(new(tag.Str("key", path), tag.OptStr("value", path) ?? string.Empty));
            }

            var command = new CreateServersCommand(
                server.Str("name", "server"),
                server.Str("flavorRef", "server"),
                server.Str("imageRef", "server"),
                server.Str("availability_zone", "server"),
                server.Str("vpcid", "server"),
                subnets,
                server.OptObj("metadata", "server")?.StringMap("server.metadata") ?? new Dictionary<string, string>(),
                tags,
                server.OptInt("count", "server") ?? 1,
                server.OptStr("key_name", "server"),
                string.Empty,
                PowerOn: true,
                ServerGroupId: server.OptObj("schedulerHints", "server")?.OptStr("group", "server.schedulerHints"));
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                (SimJob job, _) = state.CreateServers(command, JobFamily.Bms, MaxCreateCount);
                response = new(Respond.Render(w => Render.JobId(w, job)));
            }

            await context.Json(200, response.Bytes);
        });

        bms.MapGet("/detail", context => ListDetails(context, state, v11: false));
        app.MapGet("/v1.1/{project_id}/baremetalservers/detail", context => ListDetails(context, state, v11: true));

        bms.MapGet("/flavors", context =>
        {
            var flavors = state.Flavors.Where(f => f.Kind == ServerKind.BareMetal).ToList();
            return context.Json(200, Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("flavors");
                foreach (SimFlavor flavor in flavors)
                {
                    Render.HuaweiFlavor(w, flavor);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        });

        bms.MapGet("/limits", context => Limits(context, state));

        bms.MapGet("/{server_id}", async context =>
        {
            string baseUrl = context.BaseUrl();
            ReadOnlyMemoryBody response;
            using (state.Writing())
            {
                SimServer server = state.Poll(context.Arg("server_id"), ServerKind.BareMetal);
                response = new(Respond.RenderMember("server", w => Render.BmsServer(w, server, baseUrl, context.ProjectId())));
            }

            await context.Json(200, response.Bytes);
        });

        bms.MapPut("/{server_id}", context => ServerRoutes.UpdateAsync(context, state, ServerKind.BareMetal, 255, Render.BmsServer));

        bms.MapPost("/action", async context =>
        {
            JsonObject body = await RequestBody.ReadObjectAsync(context);
            (JobKind kind, string member, JsonObject action, List<string> ids) = ServerRoutes.ReadPowerAction(body);
            bool hard = string.Equals(action.OptStr("type", member), "HARD", System.StringComparison.OrdinalIgnoreCase);
            await JobAnswer(context, state, 200, () =>
            {
                state.Expect(ids, ServerKind.BareMetal);
                return state.Power(ids, kind, hard, JobFamily.Bms);
            });
        });

        bms.MapPost("/delete", context => ServerRoutes.DeleteAsync(context, state, ServerKind.BareMetal, JobFamily.Bms));

        bms.MapPost("/{server_id}/reinstallos", async context =>
        {
            JsonObject reinstall = (await RequestBody.ReadObjectAsync(context)).Obj("os-reinstall", "body");
            CheckCredentials(reinstall, "os-reinstall");
            string id = context.Arg("server_id");
            await JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.BareMetal);
                return state.Rebuild(id, null, JobKind.Reinstall, JobFamily.Bms);
            });
        });

        bms.MapPost("/{server_id}/changeos", async context =>
        {
            JsonObject change = (await RequestBody.ReadObjectAsync(context)).Obj("os-change", "body");
            CheckCredentials(change, "os-change");
            string imageId = change.Str("imageid", "os-change");
            string id = context.Arg("server_id");
            await JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.BareMetal);
                return state.Rebuild(id, imageId, JobKind.ChangeOs, JobFamily.Bms);
            });
        });

        bms.MapGet("/{server_id}/os-interface", context => Interfaces(context, state, ServerKind.BareMetal));

        bms.MapPost("/{server_id}/nics", async context =>
        {
            var nics = new List<(string, string?)>();
            foreach ((JsonObject nic, string path) in (await RequestBody.ReadObjectAsync(context)).Arr("nics", "body").Objects("nics"))
            {
                nics.Add((nic.Str("subnet_id", path), nic.OptStr("ip_address", path)));
            }

            string id = context.Arg("server_id");
            await JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.BareMetal);
                return state.AddNics(id, nics, JobFamily.Bms).Job;
            });
        });

        bms.MapPost("/{server_id}/nics/delete", async context =>
        {
            List<string> ports = (await RequestBody.ReadObjectAsync(context)).Arr("nics", "body").Ids("nics");
            string id = context.Arg("server_id");
            await JobAnswer(context, state, 200, () =>
            {
                state.Get(id, ServerKind.BareMetal);
                return state.DeleteNics(id, ports, JobFamily.Bms);
            });
        });

        bms.MapPost("/{server_id}/attachvolume", async context =>
        {
            JsonObject attachment = (await RequestBody.ReadObjectAsync(context)).Obj("volumeAttachment", "body");
            string volumeId = attachment.Str("volumeId", "volumeAttachment");
            string? device = attachment.OptStr("device", "volumeAttachment");
            string id = context.Arg("server_id");
            await JobAnswer(context, state, 202, () =>
            {
                state.Get(id, ServerKind.BareMetal);
                return state.AttachVolume(id, volumeId, device, JobFamily.Bms);
            });
        });

        bms.MapDelete("/{server_id}/detachvolume/{attachment_id}", context =>
        {
            string id = context.Arg("server_id");
            string volumeId = context.Arg("attachment_id");
            return JobAnswer(context, state, 202, () =>
            {
                state.Get(id, ServerKind.BareMetal);
                return state.DetachVolume(id, volumeId, JobFamily.Bms);
            });
        });

        bms.MapGet("/{server_id}/os-volume_attachments", context => VolumeAttachments(context, state, ServerKind.BareMetal));

        bms.MapPost("/{server_id}/metadata", context => ServerRoutes.MergeMetadataAsync(context, state, ServerKind.BareMetal));

        bms.MapGet("/{server_id}/os-server-password", async context =>
        {
            string password;
            using (state.Reading())
            {
                password = state.Get(context.Arg("server_id"), ServerKind.BareMetal).Password;
            }

            await context.Json(200, Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteString("password", password);
                w.WriteEndObject();
            }));
        });

        bms.MapDelete("/{server_id}/os-server-password", async context =>
        {
            using (state.Writing())
            {
                state.Get(context.Arg("server_id"), ServerKind.BareMetal).Password = string.Empty;
            }

            await Respond.Empty(context, 202);
        });

        bms.MapPut("/{server_id}/os-reset-password", async context =>
        {
            string password = (await RequestBody.ReadObjectAsync(context)).Obj("reset-password", "body").Str("new_password", "reset-password");
            if (password.Length < 8 || password.Length > 26)
            {
                throw SimulatorFault.Invalid("reset-password.new_password must be 8 to 26 characters");
            }

            using (state.Writing())
            {
                SimServer server = state.Get(context.Arg("server_id"), ServerKind.BareMetal);
                server.Password = System.Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("sim:" + password));
            }

            await Respond.Empty(context, 200);
        });

        bms.MapGet("/{server_id}/os-resetpwd-flag", async context =>
        {
            using (state.Reading())
            {
                state.Get(context.Arg("server_id"), ServerKind.BareMetal);
            }

            await context.Json(200, Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteString("resetpwd_flag", "True");
                w.WriteEndObject();
            }));
        });

        bms.MapGet("/{server_id}/metadata-options", async context =>
        {
            ReadOnlyMemoryBody response;
            using (state.Reading())
            {
                SimServer server = state.Get(context.Arg("server_id"), ServerKind.BareMetal);
                response = new(Respond.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("http_endpoint", server.MetadataHttpEndpoint);
                    w.WriteString("http_tokens", server.MetadataHttpTokens);
                    w.WriteEndObject();
                }));
            }

            await context.Json(200, response.Bytes);
        });

        bms.MapPut("/{server_id}/metadata-options", async context =>
        {
            JsonObject body = await RequestBody.ReadObjectAsync(context);
            string? endpoint = body.OptStr("http_endpoint", "body");
            string? tokens = body.OptStr("http_tokens", "body");
            if (endpoint is not (null or "enabled" or "disabled") || tokens is not (null or "optional" or "required"))
            {
                throw SimulatorFault.Invalid("http_endpoint must be enabled or disabled and http_tokens optional or required");
            }

            using (state.Writing())
            {
                SimServer server = state.Get(context.Arg("server_id"), ServerKind.BareMetal);
                server.MetadataHttpEndpoint = endpoint ?? server.MetadataHttpEndpoint;
                server.MetadataHttpTokens = tokens ?? server.MetadataHttpTokens;
            }

            await Respond.Empty(context, 200);
        });

        bms.MapPost("/{server_id}/remote_console", async context =>
        {
            JsonObject console = (await RequestBody.ReadObjectAsync(context)).Obj("remote_console", "body");
            string type = console.Str("type", "remote_console");
            string protocol = console.Str("protocol", "remote_console");
            string id = context.Arg("server_id");
            using (state.Reading())
            {
                state.Get(id, ServerKind.BareMetal);
            }

            string baseUrl = context.BaseUrl();
            await context.Json(200, Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("remote_console");
                w.WriteString("type", type);
                w.WriteString("protocol", protocol);
                w.WriteString("url", $"{baseUrl.Replace("http", "ws", System.StringComparison.Ordinal)}/console/{id}?token=simulated");
                w.WriteEndObject();
                w.WriteEndObject();
            }));
        });

        bms.MapPut("/{server_id}/os-interface/{port_id}", async context =>
        {
            (await RequestBody.ReadObjectAsync(context)).Obj("interface_attachment", "body").OptBool("delete_on_termination", "interface_attachment");
            using (state.Reading())
            {
                SimServer server = state.Get(context.Arg("server_id"), ServerKind.BareMetal);
                string port = context.Arg("port_id");
                if (server.Nics.All(n => n.PortId != port))
                {
                    throw new SimulatorFault(FaultKind.NicNotFound, $"port {port} is not a NIC of server {server.Id}");
                }
            }

            await Respond.Empty(context, 200);
        });

        // ModifyVmNic: the NIC is found by its port ID alone (the path has no server ID).
        bms.MapPut("/nics/{nic_id}", async context =>
        {
            JsonObject nic = (await RequestBody.ReadObjectAsync(context)).Obj("nic", "body");
            string? subnet = nic.OptStr("subnet_id", "nic");
            nic.OptStr("device_owner", "nic");
            List<string> addresses = nic.ContainsKey("ip_addresses") ? nic.Arr("ip_addresses", "nic").Strings("nic.ip_addresses") : new List<string>();
            if (nic.ContainsKey("reverse_binding"))
            {
                nic.Arr("reverse_binding", "nic").Bools("nic.reverse_binding");
            }

            string port;
            using (state.Writing())
            {
                port = state.ModifyNic(context.Arg("nic_id"), subnet, addresses.Count > 0 ? addresses[0] : null);
            }

            await Respond.Json(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("port_id", port);
                w.WriteEndObject();
            });
        });

        bms.MapGet("/available_resource", async context =>
        {
            string az = context.Query("availability_zone") ?? "az1";
            string? flavorId = context.Query("flavor_id");
            int free;
            using (state.Reading())
            {
                free = System.Math.Max(0, state.Options.Quotas.Instances - state.InstancesUsed);
            }

            await context.Json(200, Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("available_resource");
                w.WriteStartObject();
                w.WriteString("availability_zone", az);
                w.WriteStartArray("flavors");
                foreach (SimFlavor flavor in state.Flavors.Where(f => f.Kind == ServerKind.BareMetal && (flavorId is null || f.Id == flavorId)))
                {
                    w.WriteStartObject();
                    w.WriteString("flavor_id", flavor.Id);
                    w.WriteNumber("count", free);
                    w.WriteString("status", free > 0 ? "normal" : "sellout");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }));
        });

        bms.MapGet("/{server_id}/tags", context => ShowTags(context, state, ServerKind.BareMetal));
        bms.MapPost("/{server_id}/tags/action", context => TagAction(context, state, ServerKind.BareMetal));
    }

    /// <summary>
    /// GET …/baremetalservers/detail (§4.3.2): offset is a page number starting at 1; with offset the page size
    /// defaults to 1000, without it the first limit servers (25 by default) are returned. count is the number of
    /// matching servers. The v1.1 list answers the short list shape without count.
    /// </summary>
    private static async Task ListDetails(HttpContext context, SimulatorState state, bool v11)
    {
        int? offset = context.QueryInt("offset", 1, int.MaxValue);
        int limit = context.QueryInt("limit", 1, MaxPageSize) ?? (offset is null ? DefaultPageSize : PageSizeWithOffset);
        Func<SimServer, bool>? filter = RouteSupport.ServerFilter(context);
        string baseUrl = context.BaseUrl();
        string projectId = context.ProjectId();
        ReadOnlyMemoryBody response;
        using (state.Reading())
        {
            (List<SimServer> page, int total) = RouteSupport.PageByNumber(state.Index(ServerKind.BareMetal), filter, offset ?? 1, limit);
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                if (!v11)
                {
                    w.WriteNumber("count", total);
                }

                w.WriteStartArray("servers");
                foreach (SimServer server in page)
                {
                    if (v11)
                    {
                        Render.BmsListItem(w, server, projectId);
                    }
                    else
                    {
                        Render.BmsServer(w, server, baseUrl, projectId);
                    }
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    /// <summary>Runs a job-starting change under the write lock and answers <c>{"job_id": …}</c>.</summary>
    public static async Task JobAnswer(HttpContext context, SimulatorState state, int status, System.Func<SimJob> start)
    {
        ReadOnlyMemoryBody response;
        using (state.Writing())
        {
            SimJob job = start();
            response = new(Respond.Render(w => Render.JobId(w, job)));
        }

        await context.Json(status, response.Bytes);
    }

    public static async Task Limits(HttpContext context, SimulatorState state)
    {
        ReadOnlyMemoryBody response;
        using (state.Reading())
        {
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                Render.AbsoluteLimits(w, state);
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    public static Task Interfaces(HttpContext context, SimulatorState state, ServerKind? kind) =>
        ServerList(context, state, kind, "interfaceAttachments", (w, server) =>
        {
            foreach (SimNic nic in server.Nics)
            {
                Render.Interface(w, nic, server.VpcId);
            }
        });

    public static Task VolumeAttachments(HttpContext context, SimulatorState state, ServerKind? kind) =>
        ServerList(context, state, kind, "volumeAttachments", (w, server) =>
        {
            foreach (SimVolume volume in server.Volumes)
            {
                Render.VolumeAttachment(w, server, volume);
            }
        });

    /// <summary>GET …/{server_id}/tags: the tags as key and value (system tags are not listed).</summary>
    public static Task ShowTags(HttpContext context, SimulatorState state, ServerKind? kind) =>
        ServerList(context, state, kind, "tags", (w, server) =>
        {
            foreach ((string key, string value) in server.Tags)
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("value", value);
                w.WriteEndObject();
            }
        });

    /// <summary>
    /// Answers 200 with <c>{"<paramref name="member"/>": [ … ]}</c>, the array written by <paramref name="items"/> from
    /// the path's server under the read lock.
    /// </summary>
    private static async Task ServerList(
        HttpContext context, SimulatorState state, ServerKind? kind, string member, Action<Utf8JsonWriter, SimServer> items)
    {
        ReadOnlyMemoryBody response;
        using (state.Reading())
        {
            SimServer server = PathServer(context, state, kind);
            response = new(Respond.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray(member);
                items(w, server);
                w.WriteEndArray();
                w.WriteEndObject();
            }));
        }

        await context.Json(200, response.Bytes);
    }

    /// <summary>The server named by the path's <c>{server_id}</c>; a null kind accepts any kind, as the Nova routes do.</summary>
    private static SimServer PathServer(HttpContext context, SimulatorState state, ServerKind? kind)
    {
        string id = context.Arg("server_id");
        return kind is { } k ? state.Get(id, k) : state.Get(id);
    }

    /// <summary>POST …/{server_id}/tags/action with action create (adds or replaces by key) or delete (by key, and value when given); 204.</summary>
    public static async Task TagAction(HttpContext context, SimulatorState state, ServerKind? kind)
    {
        JsonObject body = await RequestBody.ReadObjectAsync(context);
        string action = body.Str("action", "body");
        if (action is not ("create" or "delete"))
        {
            throw SimulatorFault.Invalid($"action must be create or delete, not {action}");
        }

        var tags = new List<(string Key, string? Value)>();
        foreach ((JsonObject tag, string path) in body.Arr("tags", "body").Objects("tags"))
        {
            string key = tag.Str("key", path);
            if (key.Length > 36 || key.StartsWith("_sys_", System.StringComparison.Ordinal))
            {
                throw SimulatorFault.Invalid($"{path}.key '{key}' is longer than 36 characters or reserved");
            }

            tags.Add((key, tag.OptStr("value", path)));
        }

        using (state.Writing())
        {
            SimServer server = PathServer(context, state, kind);
            foreach ((string key, string? value) in tags)
            {
                int existing = server.Tags.FindIndex(t => t.Key == key);
                if (action == "create")
                {
                    if (existing >= 0)
                    {
                        server.Tags[existing] = new(key, value ?? string.Empty);
                    }
                    else
                    {
                        server.Tags.Add(new(key, value ?? string.Empty));
                    }
                }
                else if (existing >= 0 && (value is null || server.Tags[existing].Value == value))
                {
                    server.Tags.RemoveAt(existing);
                }
            }
        }

        await Respond.Empty(context, 204);
    }

    private static void CheckCredentials(JsonObject body, string path)
    {
        string? password = body.OptStr("adminpass", path);
        string? key = body.OptStr("keyname", path);
        body.OptStr("userid", path);
        if (body.OptObj("metadata", path) is { } metadata)
        {
            metadata.OptStr("user_data", path + ".metadata");
        }

        if (password is not null && key is not null)
        {
            throw SimulatorFault.Invalid($"{path}.adminpass and {path}.keyname cannot both be set");
        }
    }
}

/// <summary>A rendered body, carried out of a lock scope.</summary>
internal readonly record struct ReadOnlyMemoryBody(System.ReadOnlyMemory<byte> Bytes);
