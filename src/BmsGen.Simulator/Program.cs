using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using BmsGen.Simulator;
using Microsoft.Extensions.Configuration;

// dotnet run --project src/BmsGen.Simulator -- [--urls http://127.0.0.1:5080] [--access-key AK] [--secret-key SK]
//   [--project-id PID] [--seed-servers 50] [--job-polls 2] [--token TOKEN] [--user NAME] [--password PASSWORD]
//   [--latency-ms 0] [--error-rate 0] [--abort-rate 0] [--truncate-rate 0] [--rate-limit 0] [--quiet]
SimulatorOptions options;
try
{
    options = SimulatorCommandLine.Parse(args);
}
catch (FormatException error)
{
    Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine(SimulatorCommandLine.Usage);
    return 2;
}

options.Urls ??= "http://127.0.0.1:5080";
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using BmsSimulator simulator = await BmsSimulator.StartAsync(options, stop.Token);
Console.WriteLine($"BmsGen simulator listening on {simulator.BaseAddress} (BMS v1, ECS v1/v1.1/v2, Nova v2.1, IAM /v3/auth/tokens)");
Console.WriteLine($"  project {options.ProjectId}, AK {options.AccessKey}, IAM user {options.UserName}, {options.SeedServers} seeded servers; Ctrl+C stops");
try
{
    await simulator.WaitForShutdownAsync(stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C.
}

return 0;

namespace BmsGen.Simulator
{
    /// <summary>Reads the simulator's command line (all switches optional) with Microsoft.Extensions.Configuration.</summary>
    public static class SimulatorCommandLine
    {
        /// <summary>The switches, for error messages.</summary>
        public const string Usage = "usage: BmsGen.Simulator [--urls URL] [--access-key AK] [--secret-key SK] [--project-id PID] [--seed-servers N] " +
            "[--job-polls N] [--token TOKEN] [--user NAME] [--password PASSWORD] [--latency-ms MS] [--error-rate 0..1] [--abort-rate 0..1] " +
            "[--truncate-rate 0..1] [--rate-limit PER_MINUTE] [--quiet]";

        /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> naming the switch whose value is wrong.</summary>
        public static SimulatorOptions Parse(IReadOnlyList<string> args)
        {
            var arguments = new List<string>(args);
            bool quiet = arguments.Remove("--quiet");
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["--urls"] = "urls",
                ["--access-key"] = "ak",
                ["--ak"] = "ak",
                ["--secret-key"] = "sk",
                ["--sk"] = "sk",
                ["--project-id"] = "project",
                ["--seed-servers"] = "seed",
                ["--job-polls"] = "polls",
                ["--token"] = "token",
                ["--user"] = "user",
                ["--password"] = "password",
                ["--latency-ms"] = "latency",
                ["--error-rate"] = "errors",
                ["--abort-rate"] = "aborts",
                ["--truncate-rate"] = "truncates",
                ["--rate-limit"] = "ratelimit",
            };
            IConfiguration config;
            try
            {
                config = new ConfigurationBuilder().AddCommandLine(arguments.ToArray(), map).Build();
            }
            catch (FormatException error)
            {
                throw new FormatException("The command line is not valid: " + error.Message, error);
            }

            var options = new SimulatorOptions { LogRequests = !quiet, Urls = config["urls"] };
            options.AccessKey = config["ak"] ?? options.AccessKey;
            options.SecretKey = config["sk"] ?? options.SecretKey;
            options.ProjectId = config["project"] ?? options.ProjectId;
            options.AuthToken = config["token"];
            options.UserName = config["user"] ?? options.UserName;
            options.Password = config["password"] ?? options.Password;
            options.SeedServers = Int(config, "seed", "--seed-servers", 0, 1_000_000) ?? 0;
            options.JobPollsToComplete = Int(config, "polls", "--job-polls", 0, 1000) ?? options.JobPollsToComplete;
            options.RateLimitPerMinute = Int(config, "ratelimit", "--rate-limit", 0, int.MaxValue) ?? 0;
            options.Faults.Latency = TimeSpan.FromMilliseconds(Int(config, "latency", "--latency-ms", 0, 600_000) ?? 0);
            options.Faults.ErrorRate = Rate(config, "errors", "--error-rate");
            options.Faults.AbortRate = Rate(config, "aborts", "--abort-rate");
            options.Faults.TruncateRate = Rate(config, "truncates", "--truncate-rate");
            return options;
        }

        private static int? Int(IConfiguration config, string key, string name, int min, int max)
        {
            string? text = config[key];
            if (text is null)
            {
                return null;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
                ? value
                : throw new FormatException($"{name} must be an integer from {min} to {max}, not '{text}'.");
        }

        private static double Rate(IConfiguration config, string key, string name)
        {
            string? text = config[key];
            if (text is null)
            {
                return 0;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value is >= 0 and <= 1
                ? value
                : throw new FormatException($"{name} must be a number from 0 to 1, not '{text}'.");
        }
    }
}
