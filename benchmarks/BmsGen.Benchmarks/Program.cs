using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/BmsGen.Benchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(ListServersBenchmarks).Assembly).Run(args);
