using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using BmsGen.Simulator.Http;
using BmsGen.Simulator.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BmsGen.Simulator.Routes;

/// <summary>What every route needs: the state and the options.</summary>
internal sealed record SimulatorServices(SimulatorState State, SimulatorOptions Options, TokenStore Tokens);

/// <summary>Route helpers shared by the BMS, ECS and Nova routes: project groups, route values, query parsing and paging.</summary>
internal static class RouteSupport
{
    /// <summary>
    /// Refuses requests for another project with 403: the path's <c>{project_id}</c> must be the simulator's project
    /// and, for token requests, the token's scope. Runs after routing, before the endpoint.
    /// </summary>
    public static async Task CheckProjectAsync(HttpContext context, RequestDelegate next, SimulatorOptions options)
    {
        if (context.GetRouteValue("project_id") is string projectId)
        {
            if (projectId != options.ProjectId)
            {
                throw new SimulatorFault(FaultKind.ProjectForbidden, $"project {projectId} is not accessible with these credentials");
            }

            if (context.Items[GatewayAuthentication.ProjectItem] is string tokenProject && tokenProject != projectId)
            {
                throw new SimulatorFault(FaultKind.ProjectForbidden, $"the token is scoped to project {tokenProject}, not {projectId}");
            }
        }

        await next(context).ConfigureAwait(false);
    }

    public static string Arg(this HttpContext context, string name) =>
        context.GetRouteValue(name) as string ?? throw SimulatorFault.Invalid($"the path lacks {name}");

    public static string ProjectId(this HttpContext context) => context.Arg("project_id");

    public static string BaseUrl(this HttpContext context) => context.Request.Scheme + "://" + context.Request.Host.Value;

    public static string? Query(this HttpContext context, string name)
    {
        string? value = context.Request.Query[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>An integer query parameter within [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public static int? QueryInt(this HttpContext context, string name, int min, int max)
    {
        string? text = context.Query(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw SimulatorFault.Invalid($"the query parameter {name} must be an integer from {min} to {max}, not '{text}'");
    }

    /// <summary>
    /// A page of servers by page number (BMS and ECS detail lists): <paramref name="page"/> starts at 1. Without a
    /// filter it is a slice of the creation-ordered index (O(page)); with one, the index is scanned.
    /// </summary>
    public static (List<SimServer> Page, int Total) PageByNumber(ServerIndex index, Func<SimServer, bool>? filter, int page, int limit)
    {
        long start = (long)(page - 1) * limit;
        var result = new List<SimServer>(Math.Min(limit, 1024));
        if (filter is null)
        {
            for (long i = start; i < index.Count && result.Count < limit; i++)
            {
                result.Add(index[(int)i]);
            }

            return (result, index.Count);
        }

        int matched = 0;
        for (int i = 0; i < index.Count; i++)
        {
            SimServer server = index[i];
            if (!filter(server))
            {
                continue;
            }

            if (matched >= start && result.Count < limit)
            {
                result.Add(server);
            }

            matched++;
        }

        return (result, matched);
    }

    /// <summary>
    /// A page of servers after <paramref name="marker"/>, newest first (Nova's default sort, created_at descending);
    /// the marker is found by binary search, so a page costs O(log n + page) without filters. Returns whether more follow.
    /// </summary>
    public static (List<SimServer> Page, bool More) PageByMarker(SimulatorState state, ServerIndex index, Func<SimServer, bool>? filter, string? marker, int limit)
    {
        int position = index.Count - 1;
        if (marker is not null)
        {
            SimServer markerServer = state.Find(marker) ?? throw new SimulatorFault(FaultKind.InvalidMarker, marker);
            int at = index.PositionOf(markerServer);
            position = at >= 0 ? at - 1 : throw new SimulatorFault(FaultKind.InvalidMarker, marker);
        }

        var result = new List<SimServer>(Math.Min(limit, 1024));
        for (; position >= 0; position--)
        {
            SimServer server = index[position];
            if (filter is not null && !filter(server))
            {
                continue;
            }

            if (result.Count == limit)
            {
                return (result, true);
            }

            result.Add(server);
        }

        return (result, false);
    }

    /// <summary>Combines the list filters that BMS, ECS and Nova share; null when none is given.</summary>
    public static Func<SimServer, bool>? ServerFilter(HttpContext context)
    {
        string? name = context.Query("name");
        string? status = context.Query("status");
        string? flavor = context.Query("flavor");
        string? reservation = context.Query("reservation_id");
        string? tags = context.Query("tags");
        string? notTags = context.Query("not-tags");
        if (name is null && status is null && flavor is null && reservation is null && tags is null && notTags is null)
        {
            return null;
        }

        Regex? pattern = name is not null && (name.StartsWith('^') || name.EndsWith('$'))
            ? new Regex(name, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100))
            : null;
        string[] required = tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Array.Empty<string>();
        string[] excluded = notTags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? Array.Empty<string>();
        return server =>
            (name is null || (pattern?.IsMatch(server.Name) ?? server.Name.Contains(name, StringComparison.Ordinal))) &&
            (status is null || string.Equals(server.Status, status, StringComparison.OrdinalIgnoreCase)) &&
            (flavor is null || server.Flavor.Id == flavor) &&
            (reservation is null || server.ReservationId == reservation) &&
            HasTags(server, required, all: true) &&
            (excluded.Length == 0 || !HasTags(server, excluded, all: false));
    }

    public static Task Json(this HttpContext context, int status, ReadOnlyMemory<byte> body) => Respond.Json(context, status, body);

    private static bool HasTags(SimServer server, string[] tags, bool all)
    {
        if (tags.Length == 0)
        {
            return true;
        }

        var have = new HashSet<string>(Render.NovaTags(server), StringComparer.Ordinal);
        foreach ((string key, _) in server.Tags)
        {
            have.Add(key);
        }

        foreach (string tag in tags)
        {
            bool found = have.Contains(tag) || (tag == "_type_baremetal" && have.Contains(Render.BareMetalTag));
            if (all && !found)
            {
                return false;
            }

            if (!all && found)
            {
                return true;
            }
        }

        return all;
    }
}
