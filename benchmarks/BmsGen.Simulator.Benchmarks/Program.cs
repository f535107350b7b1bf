using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Client.Tests.Simulator;

// Scale benchmark: the end-to-end load test's mix (create, poll the job, show, list a BMS page and a Nova page,
// stop, poll) from 64 concurrent callers, at 2 000 and at 20 000 operations, each on a fresh simulator.
// Target: 20 000 operations cost at most 1.5x per operation what 2 000 cost (lists are O(page), not O(servers)).
//   dotnet run -c Release --project benchmarks/BmsGen.Simulator.Benchmarks [-- --callers 64 --repeat 3]
int callers = Arg(args, "--callers", 64);
int repeat = Arg(args, "--repeat", 3);

Console.WriteLine($"Simulator scale benchmark: {callers} callers, best of {repeat} runs per size, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
// Warm up (JIT, connection pool, thread pool) with one unmeasured run of the smaller size.
await RunAsync(2_000, callers, 1, quiet: true);
double small = await RunAsync(2_000, callers, repeat, quiet: false);
double large = await RunAsync(20_000, callers, repeat, quiet: false);
double ratio = small / large;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Per-operation cost at 20 000 is {ratio:0.00}x the cost at 2 000 (target: at most 1.50x) -> {(ratio <= 1.5 ? "met" : "NOT met")}"));
return 0;

static async Task<double> RunAsync(int budget, int callers, int repeat, bool quiet)
{
    double best = 0;
    for (int run = 0; run < repeat; run++)
    {
        await using SimulatorHarness sim = await SimulatorHarness.StartAsync(o => o.SeedServers = 20);
        var mix = new LoadMix(sim);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await mix.RunAsync(budget, callers, timeout.Token);
        if (mix.Errors.Count > 0 || mix.UnfinishedJobs.Count > 0 || mix.CreatedServerIds.Distinct().Count() != mix.Creates)
        {
            throw new InvalidOperationException($"The run at {budget} operations was not clean: {mix.Errors.Count} errors, {mix.UnfinishedJobs.Count} unfinished jobs. First error: {mix.Errors.FirstOrDefault()}");
        }

        double opsPerSecond = mix.Operations / mix.Elapsed.TotalSeconds;
        best = Math.Max(best, opsPerSecond);
        if (!quiet)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {budget,6} ops budget: {mix.Operations,6} operations, {mix.Creates,5} creates, {mix.Elapsed.TotalSeconds,6:0.00} s, {opsPerSecond,7:0} ops/s"));
        }
    }

    if (!quiet)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {budget,6}: best {best:0} ops/s"));
    }

    return best;
}

static int Arg(string[] args, string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0
        ? value
        : fallback;
}
