using System;
using System.Collections.Generic;
using BmsGen.Simulator;

namespace BmsGen.QuickStart;

/// <summary>The quick start's settings: endpoints, project, credentials, and what a real-region create needs.</summary>
internal sealed record QuickStartOptions
{
    public const string Usage = "usage: BmsGen.QuickStart [--endpoint https://bms.{region}.myhuaweicloud.com] [--ecs-endpoint URL] " +
        "[--project-id PID] [--ak AK] [--sk SK] [--flavor ID --image ID --vpc ID --subnet ID --az AZ] [--volume ID]";

    public Uri? BmsEndpoint { get; init; }

    public Uri? EcsEndpoint { get; init; }

    public string? ProjectId { get; init; }

    public string? AccessKey { get; init; }

    public string? SecretKey { get; init; }

    public string? Flavor { get; init; }

    public string? Image { get; init; }

    public string? Vpc { get; init; }

    public string? Subnet { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? Volume { get; init; }

    public bool Simulated { get; init; }

    /// <summary>Whether a server can be created: always in the simulator, with every creation switch in a real region.</summary>
    public bool CanCreate => Simulated || (Flavor is not null && Image is not null && Vpc is not null && Subnet is not null && AvailabilityZone is not null);

    public static QuickStartOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"Expected --name value pairs, found '{name}'.");
            }

            values[name[2..]] = args[++i];
        }

        string? Take(string name, string? environment = null)
        {
            if (values.Remove(name, out string? value))
            {
                return value;
            }

            return environment is null ? null : Environment.GetEnvironmentVariable(environment);
        }

        Uri? bms = Endpoint(Take("endpoint"), "--endpoint");
        Uri? ecs = Endpoint(Take("ecs-endpoint"), "--ecs-endpoint") ?? DeriveEcs(bms);
        var options = new QuickStartOptions
        {
            BmsEndpoint = bms,
            EcsEndpoint = ecs,
            ProjectId = Take("project-id", "HUAWEICLOUD_SDK_PROJECT_ID"),
            AccessKey = Take("ak", "HUAWEICLOUD_SDK_AK"),
            SecretKey = Take("sk", "HUAWEICLOUD_SDK_SK"),
            Flavor = Take("flavor"),
            Image = Take("image"),
            Vpc = Take("vpc"),
            Subnet = Take("subnet"),
            AvailabilityZone = Take("az"),
            Volume = Take("volume"),
        };
        if (values.Count > 0)
        {
            throw new FormatException("Unknown switch: --" + string.Join(", --", values.Keys));
        }

        if (bms is not null && (options.ProjectId is null || options.AccessKey is null || options.SecretKey is null))
        {
            throw new FormatException("A real endpoint needs --project-id, --ak and --sk (or HUAWEICLOUD_SDK_PROJECT_ID, HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK).");
        }

        return options;
    }

    /// <summary>The settings for the embedded simulator: its address for every API, its project and keys, and sample IDs.</summary>
    public QuickStartOptions ForSimulator(BmsSimulator simulator) => this with
    {
        BmsEndpoint = simulator.BaseAddress,
        EcsEndpoint = simulator.BaseAddress,
        ProjectId = simulator.Options.ProjectId,
        AccessKey = simulator.Options.AccessKey,
        SecretKey = simulator.Options.SecretKey,
        Flavor = "physical.o2.medium",
        Image = "8589958c-6bc7-40c6-b81b-3fe4cd2e3d85",
        Vpc = "5849fdf1-9d79-4589-80c2-fe557990c417",
        Subnet = "a5052101-11e1-4f3d-a5fa-f6ba6791219c",
        AvailabilityZone = "az1",
        Volume = "d3c1a8f4-0b2e-4f3a-9d57-2f6a1b7c9e01",
        Simulated = true,
    };

    private static Uri? Endpoint(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new FormatException($"{name} must be an absolute http(s) URL, not '{text}'.");
    }

    /// <summary>https://bms.{region}.myhuaweicloud.com → https://ecs.{region}.myhuaweicloud.com (ECS and Nova share it).</summary>
    private static Uri? DeriveEcs(Uri? bms)
    {
        if (bms is null)
        {
            return null;
        }

        return bms.Host.StartsWith("bms.", StringComparison.OrdinalIgnoreCase)
            ? new UriBuilder(bms) { Host = "ecs." + bms.Host[4..] }.Uri
            : throw new FormatException($"Cannot derive the ECS endpoint from {bms}; pass --ecs-endpoint.");
    }
}
