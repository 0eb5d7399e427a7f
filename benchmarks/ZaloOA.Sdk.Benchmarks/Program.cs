using BenchmarkDotNet.Running;
using ZaloOA.Sdk.Benchmarks;

// `dotnet run -c Release --project benchmarks/ZaloOA.Sdk.Benchmarks -- --filter '*'` runs every
// BenchmarkDotNet benchmark; `-- endpoint [--requests N --clients N --rounds N --out file]` runs the
// bounded endpoint throughput load instead, `-- components` a per-step time/allocation breakdown, `-- pipeline [rounds]` the cost of each
// part of the HTTP pipeline, and `-- profile send|raw|list|refresh [seconds]`
// one path in a loop for dotnet-trace (see ProfileLoop), and `-- token-refresh [--layout bunched|even
// --spread-minutes 60 ...]` issue 18's refresh of 3,353 OAs on two instances sharing Redis (see
// TokenRefreshLoad). benchmarks/run.sh wraps both in short and full modes.
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

if (args.Length > 0 && args[0] == "pipeline")
{
    return await PipelineCost.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "token-refresh")
{
    return await TokenRefreshLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "profile")
{
    return await ProfileLoop.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
