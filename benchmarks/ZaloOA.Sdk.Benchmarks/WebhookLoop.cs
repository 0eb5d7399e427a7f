using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Goal 1's SDK path (<see cref="WebhookBenchmarks.VerifyAndParse"/>) in a loop, for two uses:
/// attach a sampling profiler (<c>dotnet-trace collect --profile dotnet-sampled-thread-time --
/// dotnet ZaloOA.Sdk.Benchmarks.dll webhook-loop user_send_image 4096 20</c>, then
/// <c>dotnet-trace report &lt;file&gt; topN</c>), or with <c>--compare</c> a quick ratio to the
/// floor measured in alternating batches, so load on a shared machine hits both sides alike. The
/// comparison also reports this thread's CPU time (Linux), which time spent waiting for a core does
/// not inflate; run it with <c>DOTNET_gcServer=0 DOTNET_gcConcurrent=0</c> so garbage collection
/// runs on this thread and is counted.
/// </summary>
public static partial class WebhookLoop
{
    public static int Run(string[] args)
    {
        var benchmark = new WebhookBenchmarks
        {
            Event = args.Length > 0 ? args[0] : "user_send_image",
            Size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4096,
        };
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var compare = args.Contains("--compare");
        benchmark.Setup();
        if (args.Contains("--parts"))
        {
            Parts(benchmark);
            return 0;
        }

        long calls = 0;
        double sdk = 0, floor = 0, sdkCpu = 0, floorCpu = 0;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var total = Stopwatch.StartNew();
        var watch = new Stopwatch();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var cpu = ThreadCpuNanoseconds();
            watch.Restart();
            for (var i = 0; i < 1000; i++)
            {
                benchmark.VerifyAndParse();
            }

            sdk += watch.Elapsed.TotalNanoseconds;
            sdkCpu += ThreadCpuNanoseconds() - cpu;
            calls += 1000;
            if (compare)
            {
                bytes -= GC.GetAllocatedBytesForCurrentThread();
                cpu = ThreadCpuNanoseconds();
                watch.Restart();
                for (var i = 0; i < 1000; i++)
                {
                    benchmark.Floor();
                }

                floor += watch.Elapsed.TotalNanoseconds;
                floorCpu += ThreadCpuNanoseconds() - cpu;
                bytes += GC.GetAllocatedBytesForCurrentThread();
            }
        }

        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        benchmark.Cleanup();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{benchmark.Event} {benchmark.Size} B: {calls:N0} calls, {sdk / 1000 / calls:N2} µs and {bytes / (double)calls:N0} B each")
            + (compare ? string.Create(CultureInfo.InvariantCulture, $"; floor {floor / 1000 / calls:N2} µs; ratio {sdk / floor:N2}×; CPU {sdkCpu / 1000 / calls:N2} vs {floorCpu / 1000 / calls:N2} µs, ratio {sdkCpu / floorCpu:N2}×") : string.Empty));
        return 0;
    }

    /// <summary>This thread's CPU time per call of each step of the SDK path.</summary>
    private static void Parts(WebhookBenchmarks benchmark)
    {
        var (body, signature) = WebhookSamples.Create(benchmark.Event, benchmark.Size);
        var memory = (ReadOnlyMemory<byte>)body;
        ZaloOA.Sdk.Webhooks.ZaloWebhookEnvelope.TryRead(body, out var envelope, out _);
        Span<byte> hash = stackalloc byte[32];
        var hashBuffer = new byte[32];
        Part("floor", () => benchmark.Floor());
        Part("envelope pass", () => ZaloOA.Sdk.Webhooks.ZaloWebhookEnvelope.TryRead(body, out _, out _));
        var appId = System.Text.Encoding.UTF8.GetBytes(WebhookSamples.AppId);
        var timestamp = System.Text.Encoding.UTF8.GetBytes(WebhookSamples.Timestamp);
        var key = System.Text.Encoding.UTF8.GetBytes(WebhookSamples.OaSecretKey);
        Part("signature hash", () => ZaloOA.Sdk.Webhooks.ZaloWebhookSignature.ComputeHash(appId, body, timestamp, key, hashBuffer));
        Part("typed parse (envelope known)", () => ZaloOA.Sdk.Webhooks.ZaloWebhookParser.Parse(memory, envelope));
        Part("  of which: reader pass + strings", () => DecodeStrings(body));
        Part("VerifyAndParse", () => benchmark.VerifyAndParse());
        _ = hash.Length + signature.Length;
    }

    /// <summary>The least a typed parse must do beyond the floor: one reader pass that turns every
    /// string value into a <see cref="string"/> (what the typed event holds).</summary>
    private static int DecodeStrings(byte[] body)
    {
        var reader = new System.Text.Json.Utf8JsonReader(body);
        var n = 0;
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.String)
            {
                n += reader.GetString()!.Length;
            }
        }

        return n;
    }

    private static void Part(string name, Action action)
    {
        // Long enough for tiered compilation to settle on optimised code.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 1)
        {
            action();
        }

        const int n = 200_000;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuNanoseconds();
        for (var i = 0; i < n; i++)
        {
            action();
        }

        cpu = ThreadCpuNanoseconds() - cpu;
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-30} {cpu / n,8:N0} ns CPU {bytes / (double)n,8:N0} B"));
    }

    internal static double ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ThreadCpuClock, out var now) != 0)
        {
            return 0;
        }

        return (now.Seconds * 1e9) + now.Nanoseconds;
    }

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
