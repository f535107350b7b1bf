using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using BmsGen.Simulator.Http;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BmsGen.Simulator.Routes;

/// <summary>
/// The simulated IAM token API (<c>POST /v3/auth/tokens</c>, password method, project scope) and the version
/// documents. A token answers in <c>X-Subject-Token</c> with a body holding <c>expires_at</c>; the gateway accepts
/// it in <c>X-Auth-Token</c> until then, for its project only.
/// </summary>
internal static class IamRoutes
{
    public static void Map(IEndpointRouteBuilder app, SimulatorServices services)
    {
        SimulatorOptions options = services.Options;
        app.MapPost("/v3/auth/tokens", async context =>
        {
            JsonObject auth = (await RequestBody.ReadObjectAsync(context)).Obj("auth", "body");
            JsonObject identity = auth.Obj("identity", "auth");
            var methods = identity.Arr("methods", "auth.identity").Strings("auth.identity.methods");
            if (!methods.Contains("password"))
            {
                throw SimulatorFault.Invalid("auth.identity.methods must include password (the only method the simulator issues tokens for)");
            }

            JsonObject user = identity.Obj("password", "auth.identity").Obj("user", "auth.identity.password");
            string name = user.Str("name", "auth.identity.password.user");
            string password = user.Str("password", "auth.identity.password.user");
            user.OptObj("domain", "auth.identity.password.user")?.OptStr("name", "auth.identity.password.user.domain");
            JsonObject? project = auth.OptObj("scope", "auth")?.OptObj("project", "auth.scope");
            string? projectId = project?.OptStr("id", "auth.scope.project");
            string? projectName = project?.OptStr("name", "auth.scope.project");
            if (name != options.UserName || password != options.Password)
            {
                await Respond.Error(context, ApiFamily.Iam, new ApiError(401, "Unauthorized", "The username or password is wrong."));
                return;
            }

            if ((projectId is not null && projectId != options.ProjectId) || (projectName is not null && projectName != options.ProjectName)
                || (projectId is null && projectName is null))
            {
                await Respond.Error(context, ApiFamily.Iam, new ApiError(401, "Unauthorized", "The request you have made requires authentication: scope the token to the project " + options.ProjectId + "."));
                return;
            }

            IssuedToken token = services.Tokens.Issue(options.ProjectId);
            DateTimeOffset issuedAt = options.TimeProvider.GetUtcNow();
            context.Response.Headers["X-Subject-Token"] = token.Value;
            string baseUrl = context.BaseUrl();
            await Respond.Json(context, 201, w =>
            {
                w.WriteStartObject();
                w.WriteStartObject("token");
                w.WriteString("expires_at", token.ExpiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                w.WriteString("issued_at", issuedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
                w.WriteStartArray("methods");
                w.WriteStringValue("password");
                w.WriteEndArray();
                w.WriteStartObject("project");
                w.WriteString("id", options.ProjectId);
                w.WriteString("name", options.ProjectName);
                w.WriteStartObject("domain");
                w.WriteString("id", "sim-domain");
                w.WriteString("name", "sim-domain");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartObject("user");
                w.WriteString("id", "sim-user");
                w.WriteString("name", options.UserName);
                w.WriteStartObject("domain");
                w.WriteString("id", "sim-domain");
                w.WriteString("name", "sim-domain");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartArray("catalog");
                foreach (string type in new[] { "bms", "ecs", "compute" })
                {
                    w.WriteStartObject();
                    w.WriteString("type", type);
                    w.WriteStartArray("endpoints");
                    w.WriteStartObject();
                    w.WriteString("interface", "public");
                    w.WriteString("region", options.ProjectName);
                    w.WriteString("url", baseUrl);
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            });
        });

        app.MapGet("/", context => Respond.Json(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("versions");
            Version(w, context, "v1", string.Empty, "2018-09-30T00:00:00Z");
            Version(w, context, "v2.1", "2.60", "2018-02-05T00:00:00Z");
            w.WriteEndArray();
            w.WriteEndObject();
        }));
        // Routing matches "/v1/" too; mapping both made every version query ambiguous (a 500).
        foreach (string path in new[] { "/v1" })
        {
            app.MapGet(path, context => Respond.Json(context, 200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("version");
                Version(w, context, "v1", string.Empty, "2018-09-30T00:00:00Z");
                w.WriteEndObject();
            }));
        }

        foreach (string path in new[] { "/v2.1" })
        {
            app.MapGet(path, context => Respond.Json(context, 200, w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("version");
                Version(w, context, "v2.1", "2.60", "2018-02-05T00:00:00Z");
                w.WriteEndObject();
            }));
        }
    }

    private static void Version(System.Text.Json.Utf8JsonWriter w, HttpContext context, string id, string version, string updated)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteStartArray("links");
        w.WriteStartObject();
        w.WriteString("href", $"{context.BaseUrl()}/{id}/");
        w.WriteString("rel", "self");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteString("min_version", version.Length == 0 ? string.Empty : "2.1");
        w.WriteString("status", "CURRENT");
        w.WriteString("updated", updated);
        w.WriteString("version", version);
        w.WriteEndObject();
    }
}
