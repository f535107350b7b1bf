using System;
using System.Collections.Generic;

namespace BmsGen.Simulator;

/// <summary>Settings of a simulator instance. Every setting has a default, so <c>new SimulatorOptions()</c> runs.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The only project the simulator serves; requests for another project are refused with 403.</summary>
    public string ProjectId { get; set; } = "0605767a3300d5762fb7c0186d9e1779";

    /// <summary>The project's name (a region name, as on Huawei Cloud), accepted in a token request's scope.</summary>
    public string ProjectName { get; set; } = "cn-north-4";

    /// <summary>The access key (AK) whose <c>SDK-HMAC-SHA256</c> signatures are accepted.</summary>
    public string AccessKey { get; set; } = "SIMULATORACCESSKEY01";

    /// <summary>The secret key (SK) that goes with <see cref="AccessKey"/>.</summary>
    public string SecretKey { get; set; } = "simulator-secret-key-change-me-0000000001";

    /// <summary>The IAM user name that <c>POST /v3/auth/tokens</c> accepts with <see cref="Password"/>.</summary>
    public string UserName { get; set; } = "sim-user";

    /// <summary>The IAM user's password.</summary>
    public string Password { get; set; } = "sim-password";

    /// <summary>A token accepted in <c>X-Auth-Token</c> besides those issued by <c>POST /v3/auth/tokens</c>; null for none.</summary>
    public string? AuthToken { get; set; }

    /// <summary>How long an issued token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How far <c>X-Sdk-Date</c> may be from the simulator's clock (the gateway allows 15 minutes).</summary>
    public TimeSpan SignatureClockSkew { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The clock used to check <c>X-Sdk-Date</c> and token expiry.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How many status queries see a job unfinished (the first INIT, the rest RUNNING) before it answers SUCCESS
    /// and its effect shows on the servers; 0 finishes jobs at once. Reading a server counts as a status query of its job.
    /// </summary>
    public int JobPollsToComplete { get; set; } = 2;

    /// <summary>The loopback port; 0 picks a free one. Ignored when <see cref="Urls"/> is set.</summary>
    public int Port { get; set; }

    /// <summary>The addresses to listen on (for example <c>http://127.0.0.1:5080</c>); null listens on 127.0.0.1:<see cref="Port"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>How many servers exist at start, alternately bare metal servers and ECSs, ACTIVE, with deterministic IDs.</summary>
    public int SeedServers { get; set; }

    /// <summary>The seed of the IDs and addresses the simulator makes up; the same seed and requests give the same IDs.</summary>
    public int RandomSeed { get; set; } = 20240101;

    /// <summary>The project's quotas.</summary>
    public SimulatorQuotas Quotas { get; set; } = new();

    /// <summary>Injected faults; all off by default.</summary>
    public SimulatorFaults Faults { get; set; } = new();

    /// <summary>Requests per minute per project before 429 (the documented API rate limits); 0 turns the limit off.</summary>
    public int RateLimitPerMinute { get; set; }

    /// <summary>Records every request's method, path and status in <see cref="BmsSimulator.Requests"/> (for tests that count attempts). Off by default.</summary>
    public bool RecordRequests { get; set; }

    /// <summary>Logs one line per request to the console.</summary>
    public bool LogRequests { get; set; }
}

/// <summary>The project's quotas; usage rises as servers are created and falls as they are deleted.</summary>
public sealed class SimulatorQuotas
{
    /// <summary>The maximum number of servers (BMSs and ECSs together).</summary>
    public int Instances { get; set; } = 100_000;

    /// <summary>The maximum number of vCPUs over all servers.</summary>
    public int Cores { get; set; } = int.MaxValue;

    /// <summary>The maximum memory over all servers, in MiB.</summary>
    public int RamMb { get; set; } = int.MaxValue;

    /// <summary>The maximum number of key pairs.</summary>
    public int KeyPairs { get; set; } = 100;

    /// <summary>The maximum number of server groups.</summary>
    public int ServerGroups { get; set; } = 10;
}

/// <summary>Faults injected into API responses (not into the token API), for testing retries and timeouts. All off by default.</summary>
public sealed class SimulatorFaults
{
    /// <summary>A delay added to every response.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The share of requests (0 to 1) answered with one of <see cref="ErrorStatuses"/> instead of being served.</summary>
    public double ErrorRate { get; set; }

    /// <summary>The statuses an injected error picks from, in turn.</summary>
    public IList<int> ErrorStatuses { get; set; } = new List<int> { 429, 500, 503 };

    /// <summary>The <c>Retry-After</c> seconds sent with injected 429 and 503 answers.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The share of requests (0 to 1) whose connection is aborted before any response.</summary>
    public double AbortRate { get; set; }

    /// <summary>The share of requests (0 to 1) whose response body is cut in half and the connection closed.</summary>
    public double TruncateRate { get; set; }

    /// <summary>The seed of the fault dice, so a run with faults is repeatable.</summary>
    public int Seed { get; set; } = 7;

    internal bool Any => Latency > TimeSpan.Zero || ErrorRate > 0 || AbortRate > 0 || TruncateRate > 0;
}
