using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// The webhook endpoint's throughput under a bounded loopback load, beside an empty endpoint and an
/// endpoint that reads the body, in the same Kestrel process, both answering 200. Goal (issue 16):
/// at least 0.8× the read-the-body endpoint's throughput.
/// A fixed number of signed 512-byte <c>user_send_text</c> POSTs (fresh message ids every run, so
/// none is a cheap duplicate) goes through N concurrent keep-alive clients; each run is also capped
/// in time. Runs alternate empty / webhook so drift on a shared machine hits both; the medians are
/// compared. The endpoint runs as shipped: verify, parse, de-duplicate (in memory), queue, 200, with
/// a handler that does nothing draining the queue in the background.
/// Not a BenchmarkDotNet benchmark: one iteration is thousands of requests over many connections.
/// </summary>
public static class EndpointThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = Option(args, "--requests", 20_000);
        var clients = Option(args, "--clients", 16);
        var rounds = Option(args, "--rounds", 5);
        var cap = TimeSpan.FromSeconds(Option(args, "--max-seconds", 60));
        var output = OptionText(args, "--out");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddZaloOA(o =>
        {
            o.AppId = WebhookSamples.AppId;
            o.SecretKey = "app-secret";
            o.OaSecretKey = WebhookSamples.OaSecretKey;
        })
            .AddWebhookReceiver(o =>
            {
                if (args.Contains("--inline"))
                {
                    o.DispatchMode = ZaloWebhookDispatchMode.Inline;
                }
            })
            .AddWebhookHandler<ZaloWebhookEvent, NoOpHandler>();
        await using var app = builder.Build();
        app.MapPost("/empty", static context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        // The goal's reference: an endpoint must at least read the body.
        app.MapPost("/read", static async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        // --bisect: the reference also verifies and parses in one pass (no de-duplication, no
        // queue), to tell which part of the webhook endpoint costs the throughput.
        app.MapPost("/verifyparse", static async context =>
        {
            using var ms = new MemoryStream();
            await context.Request.Body.CopyToAsync(ms, context.RequestAborted);
            var v = context.RequestServices.GetRequiredService<ZaloWebhookVerifier>().VerifyAndParse(ms.GetBuffer().AsMemory(0, (int)ms.Length), context.Request.Headers[ZaloWebhookSignature.HeaderName].ToString(), out _);
            context.Response.StatusCode = v.IsValid ? 200 : 401;
        });
        app.MapZaloWebhook("/zalo/webhook");
        await app.StartAsync();
        var baseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseUrl,
        };

        Console.WriteLine($"Endpoint throughput: {requests:N0} signed 512 B user_send_text POSTs per run, {clients} concurrent clients, {rounds} rounds, cap {cap.TotalSeconds:0} s per run.");
        var generation = 0;

        // Warm-up: connections, the dedup store, the queue workers, and the JIT: tiered compilation
        // needs a few thousand calls of each path (and some time) before it settles on optimised
        // code, and a short warm-up left the webhook's first rounds running instrumented code.
        for (var w = 0; w < 2; w++)
        {
            await LoadAsync(http, "empty", Bodies(Math.Min(requests, 5000), generation++), clients, cap);
            await LoadAsync(http, args.Contains("--bisect") ? "verifyparse" : "read", Bodies(Math.Min(requests, 5000), generation++), clients, cap);
            await LoadAsync(http, "zalo/webhook", Bodies(Math.Min(requests, 5000), generation++), clients, cap);
        }

        var empty = new List<Run>();
        var read = new List<Run>();
        var webhook = new List<Run>();
        for (var r = 0; r < rounds; r++)
        {
            var e = await LoadAsync(http, "empty", Bodies(requests, generation++), clients, cap);
            var b = await LoadAsync(http, args.Contains("--bisect") ? "verifyparse" : "read", Bodies(requests, generation++), clients, cap);
            var w = await LoadAsync(http, "zalo/webhook", Bodies(requests, generation++), clients, cap);
            empty.Add(e);
            read.Add(b);
            webhook.Add(w);
            Console.WriteLine($"  round {r + 1}: empty {e.PerSecond,10:N0} req/s ({e.Failed} non-200, {e.CpuMicroseconds:N0} µs CPU/req)   read body {b.PerSecond,10:N0} req/s ({b.CpuMicroseconds:N0} µs)   webhook {w.PerSecond,10:N0} req/s ({w.Failed} non-200, {w.CpuMicroseconds:N0} µs)");
        }

        var cpuRead = read.Select(x => x.CpuMicroseconds).Order().ElementAt(read.Count / 2);
        var cpuWebhook = webhook.Select(x => x.CpuMicroseconds).Order().ElementAt(webhook.Count / 2);
        var emptyMedian = Median(empty);
        var readMedian = Median(read);
        var webhookMedian = Median(webhook);
        var ratio = webhookMedian / readMedian;
        var failed = empty.Sum(x => x.Failed) + read.Sum(x => x.Failed) + webhook.Sum(x => x.Failed);
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Endpoint throughput ({requests:N0} requests/run, {clients} clients, {rounds} rounds, medians; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)")
            .AppendLine()
            .AppendLine("| Endpoint | Median req/s | Min | Max | Non-200 |")
            .AppendLine("|---|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| floor: empty POST endpoint returning 200 | {emptyMedian:N0} | {empty.Min(x => x.PerSecond):N0} | {empty.Max(x => x.PerSecond):N0} | {empty.Sum(x => x.Failed)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| reference: POST endpoint that reads the body{(args.Contains("--bisect") ? ", verifies and parses" : string.Empty)} | {readMedian:N0} | {read.Min(x => x.PerSecond):N0} | {read.Max(x => x.PerSecond):N0} | {read.Sum(x => x.Failed)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| MapZaloWebhook (verify, parse, dedup, queue) | {webhookMedian:N0} | {webhook.Min(x => x.PerSecond):N0} | {webhook.Max(x => x.PerSecond):N0} | {webhook.Sum(x => x.Failed)} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Reference/empty: {readMedian / emptyMedian:0.00}×; webhook/empty: {webhookMedian / emptyMedian:0.00}×.")
            .AppendLine(CultureInfo.InvariantCulture, $"Ratio webhook/reference: {ratio:0.00}× (goal ≥ 0.8×: {(ratio >= 0.8 && failed == 0 ? "met" : "MISSED")})")
            .AppendLine(CultureInfo.InvariantCulture, $"CPU per request (whole process, medians): reference {cpuRead:N1} µs, webhook {cpuWebhook:N1} µs; reference/webhook {cpuRead / cpuWebhook:0.00}× (the throughput ratio a CPU-bound quiet machine would show).")
            .ToString();
        Console.WriteLine();
        Console.WriteLine(table);
        if (output is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, table);
        }

        await app.StopAsync();
        return failed == 0 ? 0 : 1;
    }

    private static (byte[] Body, string Signature)[] Bodies(int count, int generation)
    {
        var result = new (byte[], string)[count];
        for (var i = 0; i < count; i++)
        {
            // msg_id length is fixed so every body is exactly 512 bytes.
            result[i] = WebhookSamples.Create("user_send_text", 512, string.Create(CultureInfo.InvariantCulture, $"g{generation:D3}m{i:D15}"));
        }

        return result;
    }

    private static async Task<Run> LoadAsync(HttpClient http, string path, (byte[] Body, string Signature)[] bodies, int clients, TimeSpan cap)
    {
        using var stop = new CancellationTokenSource(cap);
        var next = -1;
        var done = 0;
        var failed = 0;
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length && !stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path);
                request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, bodies[i].Signature);
                request.Content = new ByteArrayContent(bodies[i].Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
                try
                {
                    using var response = await http.SendAsync(request, stop.Token);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failed);
                        statuses.AddOrUpdate((int)response.StatusCode, 1, static (_, n) => n + 1);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref done);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        process.Refresh();
        if (!statuses.IsEmpty)
        {
            Console.WriteLine($"  {path}: non-200 answers by status: {string.Join(", ", statuses.OrderBy(x => x.Key).Select(x => $"{x.Key} × {x.Value}"))}");
        }

        return new Run(done / watch.Elapsed.TotalSeconds, failed, (process.TotalProcessorTime - cpu).TotalMicroseconds / Math.Max(1, done));
    }

    private static double Median(List<Run> runs)
    {
        var sorted = runs.Select(r => r.PerSecond).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>One run: its throughput, its non-200 answers, and the CPU time the whole process
    /// (clients, Kestrel, the SDK, the queue's worker) spent per request, which waiting for a core
    /// on a shared machine does not inflate.</summary>
    private readonly record struct Run(double PerSecond, int Failed, double CpuMicroseconds);

    /// <summary>Receives every event and does nothing, so the queue drains as fast as it can.</summary>
    public sealed class NoOpHandler : IZaloWebhookHandler<ZaloWebhookEvent>
    {
        public Task HandleAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
