namespace BmsGen.Simulator;

/// <summary>Settings of a simulator instance.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The only project the simulator serves; other project IDs get 403.</summary>
    public string ProjectId { get; set; } = "0605767a3300d5762fb7c0186d9e1779";

    /// <summary>The token requests must carry in <c>X-Auth-Token</c>; null accepts any request that carries one or an <c>Authorization</c> header.</summary>
    public string? AuthToken { get; set; }

    /// <summary>How many job status queries a job stays RUNNING before it succeeds (0: jobs finish at once).</summary>
    public int JobPollsToComplete { get; set; } = 2;

    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; set; }
}
