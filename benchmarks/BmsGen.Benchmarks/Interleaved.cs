using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace BmsGen.Benchmarks;

/// <summary>
/// A cross-check for a machine shared with other work (<c>--interleaved [rounds]</c>): per scenario, each round runs
/// every implementation for a few milliseconds, one after the other, and the summary takes each implementation's
/// fastest round (outside load only ever adds time), so a burst of it cannot favour whichever implementation
/// BenchmarkDotNet happened to be measuring at the time. On Linux the clock is the measuring thread's CPU time
/// (time spent waiting for a core does not count; garbage collections the thread triggers do), elsewhere wall time.
/// Allocation is counted per operation on the measuring thread.
/// </summary>
public static class Interleaved
{
    private const int ClockThreadCpuTime = 3;

    /// <summary>Which clock the measurements used.</summary>
    public static string ClockName => OperatingSystem.IsLinux() ? "thread CPU time" : "wall time";

    /// <summary>
    /// Measures every scenario and implementation, or only the scenarios named in <paramref name="only"/> and the
    /// implementations named in <paramref name="implementations"/> (empty: all).
    /// </summary>
    public static List<SummaryRow> Run(int rounds, IReadOnlyCollection<string>? only = null, IReadOnlyCollection<string>? implementations = null)
    {
        bool Selected(string scenario) => only is null || only.Count == 0 || only.Contains(scenario);
        s_implementations = implementations;
        var rows = new List<SummaryRow>();
        foreach (string scenario in new[] { Scenarios.ServersDetail1, Scenarios.ServersDetail100, Scenarios.ServersDetail1000, Scenarios.ServerShow, Scenarios.FlavorsList }.Where(Selected))
        {
            var read = new ReadBenchmarks { Scenario = scenario };
            read.Setup();
            rows.AddRange(Measure(scenario, rounds, new (string, Func<object>)[]
            {
                (Impl.Generated, read.Generated), (Impl.StjSourceGen, read.StjSourceGen), (Impl.StjReflection, read.StjReflection),
                (Impl.Newtonsoft, read.Newtonsoft), (Impl.ReaderFloor, () => read.ReaderFloor()),
                (Impl.SpanReader, () => read.SpanReader()), (Impl.SpanReaderStrings, () => read.SpanReaderStrings()),
            }));
        }

        foreach (string scenario in new[] { Scenarios.WriteCreateRequest, Scenarios.WriteServersDetail1000 }.Where(Selected))
        {
            var write = new WriteBenchmarks { Scenario = scenario };
            write.Setup();
            rows.AddRange(Measure(scenario, rounds, new (string, Func<object>)[]
            {
                (Impl.Generated, () => write.Generated()), (Impl.StjSourceGen, () => write.StjSourceGen()),
                (Impl.StjReflection, () => write.StjReflection()), (Impl.Newtonsoft, () => write.Newtonsoft()),
            }));
        }

        if (!Selected(Scenarios.EndToEnd1000))
        {
            return rows;
        }

        var e2e = new EndToEndBenchmarks { Scenario = Scenarios.EndToEnd1000 };
        e2e.Setup();
        rows.AddRange(Measure(Scenarios.EndToEnd1000, rounds, new (string, Func<object>)[]
        {
            (Impl.Generated, () => Wait(e2e.Generated())), (Impl.StjSourceGen, () => Wait(e2e.StjSourceGen())),
            (Impl.StjReflection, () => Wait(e2e.StjReflection())), (Impl.Newtonsoft, () => Wait(e2e.Newtonsoft())),
        }));
        e2e.Cleanup();
        return rows;
    }

    /// <summary>Nanoseconds on the chosen clock.</summary>
    private static long Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out TimeSpec now) == 0)
        {
            return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
        }

        return (long)Stopwatch.GetElapsedTime(0).TotalNanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // The handler completes synchronously, so the task is done when the call returns.
    private static int Wait(Task<int> task) => task.GetAwaiter().GetResult();

    private static IReadOnlyCollection<string>? s_implementations;

    private static IEnumerable<SummaryRow> Measure(string scenario, int rounds, (string Name, Func<object> Run)[] implementations)
    {
        if (s_implementations is { Count: > 0 } selected)
        {
            implementations = implementations.Where(i => selected.Contains(i.Name)).ToArray();
        }

        // Warm up (tiered JIT) and size each implementation's batch to about 3 ms.
        var batch = new int[implementations.Length];
        for (int i = 0; i < implementations.Length; i++)
        {
            // Long enough for tiered compilation to reach its optimized code (it waits for a quiet spell after 30 calls, and on
            // a busy machine its background compiles wait for a core): 250 ms left servers-detail-100 running half-optimized code.
            var warm = Stopwatch.StartNew();
            for (int w = 0; w < 100 || warm.ElapsedMilliseconds < 1000; w++)
            {
                implementations[i].Run();
            }

            var clock = Stopwatch.StartNew();
            int calls = 0;
            while (clock.Elapsed.TotalMilliseconds < 3)
            {
                implementations[i].Run();
                calls++;
            }

            batch[i] = Math.Max(1, calls);
        }

        var times = new List<double>[implementations.Length];
        var bytes = new long[implementations.Length];
        for (int i = 0; i < implementations.Length; i++)
        {
            times[i] = new List<double>(rounds);
            long before = GC.GetAllocatedBytesForCurrentThread();
            implementations[i].Run();
            bytes[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < implementations.Length; i++)
            {
                long start = Now();
                for (int n = 0; n < batch[i]; n++)
                {
                    implementations[i].Run();
                }

                times[i].Add((double)(Now() - start) / batch[i]);
            }
        }

        for (int i = 0; i < implementations.Length; i++)
        {
            List<double> sorted = times[i].OrderBy(t => t).ToList();
            double fastest = sorted[0];
            Console.WriteLine($"{scenario,-28} {implementations[i].Name,-20} {Chart.FormatTime(fastest),12} (median {Chart.FormatTime(sorted[sorted.Count / 2]),10}) {Chart.FormatBytes(bytes[i]),10}");
            yield return new SummaryRow(scenario, implementations[i].Name, fastest, bytes[i]);
        }
    }
}
