using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BmsGen.Benchmarks;

// dotnet run -c Release --project benchmarks/BmsGen.Benchmarks -- --quick      (in-process, short iterations, ~2.5 min)
// dotnet run -c Release --project benchmarks/BmsGen.Benchmarks                 (full: BenchmarkDotNet's default job)
// Any other arguments go to BenchmarkDotNet (--filter '*Read*', --job short, ...).
// dotnet run -c Release --project benchmarks/BmsGen.Benchmarks -- --interleaved [rounds] [--scenario name] [--impl name]
//   (no BenchmarkDotNet: implementations measured in alternating rounds, fastest round; for a busy machine;
//   --scenario and --impl, each repeatable, keep only the named scenarios and implementations, e.g.
//   --scenario servers-detail-1000 --impl generated --impl reader-floor)
// Every mode writes artifacts/bench/summary.csv and artifacts/bench/summary.svg.
string output = Path.Combine(RepositoryRoot(), "artifacts", "bench");
Directory.CreateDirectory(output);
int interleaved = Array.IndexOf(args, "--interleaved");
if (interleaved >= 0)
{
    int rounds = interleaved + 1 < args.Length && int.TryParse(args[interleaved + 1], out int r) ? r : 41;
    List<SummaryRow> measured = Interleaved.Run(rounds, Values(args, "--scenario"), Values(args, "--impl"));
    File.WriteAllText(Path.Combine(output, "summary.csv"), SummaryRow.ToCsv(measured));
    File.WriteAllText(Path.Combine(output, "summary.svg"), Chart.Render(measured, $"interleaved, fastest of {rounds} rounds, {Interleaved.ClockName}"));
    Console.WriteLine($"Wrote {measured.Count} rows to {Path.Combine(output, "summary.csv")} and the chart to {Path.Combine(output, "summary.svg")}.");
    return;
}

bool quick = args.Contains("--quick");
string[] rest = args.Where(a => a != "--quick").ToArray();
if (!rest.Contains("--filter"))
{
    rest = rest.Concat(new[] { "--filter", "*" }).ToArray();
}

Job job = quick
    ? Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)

        // About a second of warm-up: tiered compilation takes that long to replace a large reader with its optimized
        // code, and with two warm-up iterations the measured ones still included the change (a row read 400 µs first, 285 µs last).
        .WithWarmupCount(8)
        .WithIterationCount(9)
        .WithIterationTime(TimeInterval.FromMilliseconds(120))
        .WithEvaluateOverhead(false)
        .WithId("quick")
    : Job.Default.WithId("full");

IConfig config = ManualConfig.CreateEmpty()
    .AddJob(job)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddLogger(ConsoleLogger.Default)
    .AddExporter(MarkdownExporter.GitHub)
    .WithArtifactsPath(Path.Combine(output, "BenchmarkDotNet"))
    .WithOptions(ConfigOptions.JoinSummary);

IEnumerable<Summary> summaries = BenchmarkSwitcher
    .FromTypes(new[] { typeof(ReadBenchmarks), typeof(WriteBenchmarks), typeof(EndToEndBenchmarks) })
    .Run(rest, config);

List<SummaryRow> rows = SummaryRow.From(summaries);
if (rows.Count > 0)
{
    File.WriteAllText(Path.Combine(output, "summary.csv"), SummaryRow.ToCsv(rows));
    File.WriteAllText(Path.Combine(output, "summary.svg"), Chart.Render(rows, quick ? "quick run" : "full run"));
    Console.WriteLine($"Wrote {rows.Count} rows to {Path.Combine(output, "summary.csv")} and the chart to {Path.Combine(output, "summary.svg")}.");
}

// The values that follow each occurrence of a repeatable option.
static List<string> Values(string[] args, string option)
{
    var values = new List<string>();
    for (int i = Array.IndexOf(args, option); i >= 0 && i + 1 < args.Length; i = Array.IndexOf(args, option, i + 1))
    {
        values.Add(args[i + 1]);
    }

    return values;
}

static string RepositoryRoot()
{
    foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BmsGen.sln")))
            {
                return directory.FullName;
            }
        }
    }

    return Directory.GetCurrentDirectory();
}
