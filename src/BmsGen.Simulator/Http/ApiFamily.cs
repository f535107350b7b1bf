using System;

namespace BmsGen.Simulator.Http;

/// <summary>Which API a request belongs to; decides the shape and codes of its errors.</summary>
internal enum ApiFamily
{
    Bms,
    Ecs,
    Nova,
    Iam,
}

internal static class ApiFamilies
{
    /// <summary>Classifies a request path: Nova under <c>/v2.1</c> and <c>/v2/{project}/servers</c>, BMS under <c>baremetalservers</c>, IAM under <c>/v3</c>, the rest ECS.</summary>
    public static ApiFamily Of(string path)
    {
        if (path.StartsWith("/v3/", StringComparison.Ordinal))
        {
            return ApiFamily.Iam;
        }

        if (path.Contains("/baremetalservers", StringComparison.Ordinal))
        {
            return ApiFamily.Bms;
        }

        if (path.StartsWith("/v2.1/", StringComparison.Ordinal) ||
            (path.StartsWith("/v2/", StringComparison.Ordinal) && path.Contains("/servers/", StringComparison.Ordinal)))
        {
            return ApiFamily.Nova;
        }

        return ApiFamily.Ecs;
    }
}
