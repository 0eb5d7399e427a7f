using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/ZaloOA.Sdk.Benchmarks -- --filter '*'` runs every
// benchmark; benchmarks/run.sh wraps the short and full modes.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
