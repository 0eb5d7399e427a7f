using BenchmarkDotNet.Running;
using ZaloOA.Sdk.Benchmarks;

// `dotnet run -c Release --project benchmarks/ZaloOA.Sdk.Benchmarks -- --filter '*'` runs every
// BenchmarkDotNet benchmark; `-- endpoint [--requests N --clients N --rounds N --out file]` runs the
// bounded endpoint throughput load instead, and `-- components` a per-step time/allocation breakdown. benchmarks/run.sh wraps both in short and full modes.
if (args.Length > 0 && args[0] == "endpoint")
{
    return await EndpointThroughput.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "webhook-loop")
{
    return WebhookLoop.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "components")
{
    return await ComponentProfile.RunAsync();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
