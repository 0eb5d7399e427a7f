using System.Diagnostics;
using System.Globalization;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Runs one benchmarked path in a loop for a fixed time so a sampling profiler can attach:
/// <c>dotnet-trace collect --profile dotnet-sampled-thread-time -o send.nettrace -- dotnet
/// bin/Release/net10.0/ZaloOA.Sdk.Benchmarks.dll profile send 20</c>, then
/// <c>dotnet-trace report send.nettrace topN -n 25 --inclusive</c>. Paths: <c>send</c>
/// (SendTextAsync end to end), <c>raw</c> (its floor), <c>list</c> (the list-with-buttons body),
/// <c>refresh</c> (1,000 callers at expiry), <c>refresh1</c> (one caller at expiry: the refresh alone).
/// </summary>
public static class ProfileLoop
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : "send";
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        var until = Stopwatch.StartNew();
        long calls = 0;
        switch (path)
        {
            case "send":
            case "raw":
                var e2e = new SendTextEndToEndBenchmarks();
                await e2e.SetupAsync();
                while (until.Elapsed.TotalSeconds < seconds)
                {
                    _ = path == "send" ? (object)await e2e.SendText() : await e2e.RawPost();
                    calls++;
                }

                await e2e.CleanupAsync();
                break;
            case "list":
                var bodies = new SerializationBenchmarks();
                bodies.Setup();
                while (until.Elapsed.TotalSeconds < seconds)
                {
                    bodies.SendListSdk();
                    calls++;
                }

                bodies.Cleanup();
                break;
            case "refresh":
            case "refresh1":
                var refresh = new ConcurrentRefreshBenchmarks();
                await refresh.SetupAsync();
                while (until.Elapsed.TotalSeconds < seconds)
                {
                    refresh.Expire();
                    _ = path == "refresh" ? await refresh.ThousandCallersAtExpiry() : await refresh.OneCallerAtExpiry();
                    refresh.CheckOneRefresh();
                    calls++;
                }

                await refresh.CleanupAsync();
                break;
            default:
                Console.Error.WriteLine("usage: profile send|raw|list|refresh|refresh1 [seconds]");
                return 2;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {calls:N0} calls in {until.Elapsed.TotalSeconds:0.0} s, {until.Elapsed.TotalMicroseconds / calls:0.0} µs each"));
        return 0;
    }
}
