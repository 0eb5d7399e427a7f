using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// What each part of the send path costs per call (<c>-- pipeline</c>): the same POST to the
/// loopback stub through HttpClient pipelines that add one strategy at a time, each measured in
/// batches that alternate with the raw floor so machine load hits both alike. Bytes are all
/// threads (the in-process stub's share is the same in every row), time is the mean per call.
/// </summary>
public static class PipelineCost
{
    private const string OaId = "388613280878808645";
    private static readonly HttpRequestOptionsKey<string> OaKey = new("ZaloOA.OaId");
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var answer = Encoding.UTF8.GetBytes("{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"m\"}}");
        await using var stub = await LoopbackStub.StartAsync(_ => answer);
        var uri = new Uri(stub.BaseUrl, "v3.0/oa/message/cs");
        var body = MessagesClient.WriteSendBody(ZaloRecipient.User("2468458835296197922"), new ZaloTextMessage("Công an phường 5 đã tiếp nhận phản ánh của anh/chị."));
        using var raw = new HttpClient(new SocketsHttpHandler());

        var variants = new List<(string Name, Func<IServiceCollection, IHttpClientBuilder?> Configure)>
        {
            ("factory client, default logging handlers", s => s.AddHttpClient("c")),
            ("factory client, RemoveAllLoggers", s => s.AddHttpClient("c").RemoveAllLoggers()),
            ("+ resilience handler, empty pipeline", s => s.AddHttpClient("c").RemoveAllLoggers().Also(b => b.AddResilienceHandler("p", _ => { }))),
            ("+ total timeout", s => Resilient(s, p => p.AddTimeout(TimeSpan.FromSeconds(90)))),
            ("+ total and attempt timeouts", s => Resilient(s, p => p.AddTimeout(TimeSpan.FromSeconds(90)).AddTimeout(TimeSpan.FromSeconds(30)))),
            ("+ retry (send: predicate says no)", s => Resilient(s, p => p.AddTimeout(TimeSpan.FromSeconds(90)).AddRetry(Retry()).AddTimeout(TimeSpan.FromSeconds(30)))),
            ("+ circuit breaker", s => Resilient(s, p => p.AddTimeout(TimeSpan.FromSeconds(90)).AddRetry(Retry()).AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)))),
            ("+ pipeline per OA (SelectPipelineBy)", s => Resilient(s, p => p.AddTimeout(TimeSpan.FromSeconds(90)).AddRetry(Retry()).AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)), perOa: true)),
            ("+ response buffering handler (= SDK before)", s => Resilient(s, p => p.AddTimeout(TimeSpan.FromSeconds(90)).AddRetry(Retry()).AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)), perOa: true)
                ?.AddHttpMessageHandler(() => new Buffering())),
            ("breaker + attempt timeout only, per OA, buffering", s => Resilient(s, p => p.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)), perOa: true)
                ?.AddHttpMessageHandler(() => new Buffering())),
            ("same, Polly telemetry off", s => Resilient(s, p => p.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)), perOa: true, telemetry: false)
                ?.AddHttpMessageHandler(() => new Buffering())),
            ("same, one HttpClient reused (no CreateClient per call)", s => Resilient(s, p => p.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)), perOa: true, telemetry: false)
                ?.AddHttpMessageHandler(() => new Buffering())?.Also(b => b.Services.AddSingleton(Reuse.Marker))),
            ("same, reused, HttpClient.Timeout infinite", s => Resilient(s, p => p.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions()).AddTimeout(TimeSpan.FromSeconds(30)), perOa: true, telemetry: false)
                ?.AddHttpMessageHandler(() => new Buffering())?.ConfigureHttpClient(h => h.Timeout = Timeout.InfiniteTimeSpan)?.Also(b => b.Services.AddSingleton(Reuse.Marker))),
            ("the SDK's \"ZaloOA\" client (its pipelines), now", null!),
        };

        Console.WriteLine($"send pipeline, cost per call against the raw floor ({rounds} rounds of 200 calls each side)");
        Console.WriteLine($"{"variant",-52} {"floor µs",9} {"µs",9} {"ratio",6} {"floor B",8} {"B",8} {"extra B",8}");
        foreach (var (name, configure) in variants)
        {
            var services = new ServiceCollection();
            services.AddLogging(b => b.ClearProviders());
            string clientName;
            if (configure is null)
            {
                services.AddZaloOA(o =>
                {
                    o.AppId = "1234567890123456789";
                    o.SecretKey = "secret";
                    o.ApiBaseUrl = stub.BaseUrl;
                });
                clientName = "ZaloOA";
            }
            else
            {
                configure(services);
                clientName = "c";
            }

            await using var provider = services.BuildServiceProvider();
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            if (provider.GetService<Reuse>() is not null)
            {
                var client = factory.CreateClient(clientName);
                await CompareAsync(name, rounds, () => RawAsync(raw, uri, body), () => ViaClientAsync(client, uri, body));
            }
            else if (configure is null)
            {
                // As the SDK sends: its request type carries the OA (pipeline selection) and the
                // send/read choice; the connection keeps one client for a minute.
                var client = factory.CreateClient(clientName);
                await CompareAsync(name, rounds, () => RawAsync(raw, uri, body), () => ViaClientAsync(client, uri, body, sdk: true));
            }
            else
            {
                await CompareAsync(name, rounds, () => RawAsync(raw, uri, body), () => ViaClientAsync(factory.CreateClient(clientName), uri, body));
            }
        }

        await using (var rl = new RateLimiterCost())
        {
            await CompareAsync("rate limiter: partitioned AcquireAsync (before)", rounds, () => RawAsync(raw, uri, body), async () =>
            {
                using var lease = await rl.Limiter.AcquireAsync(OaId, 1);
                return await RawAsync(raw, uri, body);
            });
            await CompareAsync("rate limiter: OA's bucket AttemptAcquire (now)", rounds, () => RawAsync(raw, uri, body), async () =>
            {
                using var lease = rl.Bucket.AttemptAcquire();
                return await RawAsync(raw, uri, body);
            });
        }

        var e2e = new SendTextEndToEndBenchmarks();
        await e2e.SetupAsync();
        await CompareAsync("MessagesClient.SendTextAsync (whole SDK path)", rounds, e2e.RawPost, async () => (await e2e.SendText()).MessageId!.Length);
        await e2e.CleanupAsync();
        return 0;
    }

    private static IHttpClientBuilder Also(this IHttpClientBuilder builder, Action<IHttpClientBuilder> more)
    {
        more(builder);
        return builder;
    }

    private static IHttpClientBuilder? Resilient(IServiceCollection services, Action<ResiliencePipelineBuilder<HttpResponseMessage>> pipeline, bool perOa = false, bool telemetry = true)
    {
        var builder = services.AddHttpClient("c").RemoveAllLoggers();
        var resilience = builder.AddResilienceHandler("p", p =>
        {
            pipeline(p);
            if (!telemetry)
            {
                p.TelemetryListener = null;
            }
        });
        if (perOa)
        {
            resilience.SelectPipelineBy(static _ => static request => request.Options.TryGetValue(OaKey, out var oa) ? oa : string.Empty);
        }

        return builder;
    }

    private static HttpRetryStrategyOptions Retry() => new()
    {
        MaxRetryAttempts = 3,
        ShouldHandle = static args => ValueTask.FromResult(
            args.Context.GetRequestMessage() is { } r && r.Options.TryGetValue(new HttpRequestOptionsKey<bool>("ZaloOA.Idempotent"), out var i) && i
            && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
    };

    private static async Task<int> RawAsync(HttpClient http, Uri uri, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation("access_token", "token");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private static async Task<int> ViaClientAsync(HttpClient client, Uri uri, byte[] body, bool sdk = false)
    {
        using var request = sdk ? new Internal.ZaloHttpRequest(HttpMethod.Post, uri, OaId, "messages.send", idempotent: false) : new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.TryAddWithoutValidation("access_token", "token");
        request.Options.Set(OaKey, OaId);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = Json;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private static async Task CompareAsync(string name, int rounds, Func<Task<int>> floor, Func<Task<int>> candidate)
    {
        const int batch = 200;
        for (var i = 0; i < 300; i++)
        {
            await floor();
            await candidate();
        }

        double floorTime = 0, time = 0;
        long floorBytes = 0, bytes = 0;
        for (var round = 0; round < rounds; round++)
        {
            var b = GC.GetTotalAllocatedBytes(precise: true);
            var w = Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                await floor();
            }

            floorTime += w.Elapsed.TotalMicroseconds;
            floorBytes += GC.GetTotalAllocatedBytes(precise: true) - b;
            b = GC.GetTotalAllocatedBytes(precise: true);
            w.Restart();
            for (var i = 0; i < batch; i++)
            {
                await candidate();
            }

            time += w.Elapsed.TotalMicroseconds;
            bytes += GC.GetTotalAllocatedBytes(precise: true) - b;
        }

        var n = (double)rounds * batch;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-52} {floorTime / n,9:0.0} {time / n,9:0.0} {time / floorTime,6:0.00} {floorBytes / n,8:0} {bytes / n,8:0} {(bytes - floorBytes) / n,8:0}"));
    }

    private sealed class Reuse
    {
        public static readonly Reuse Marker = new();
    }

    private sealed class Buffering : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
    }

    private sealed class RateLimiterCost : IAsyncDisposable
    {
        public PartitionedRateLimiter<string> Limiter { get; } = PartitionedRateLimiter.Create<string, string>(oa => RateLimitPartition.GetTokenBucketLimiter(oa, _ => Options()));

        public TokenBucketRateLimiter Bucket { get; } = new(Options());

        private static TokenBucketRateLimiterOptions Options() => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 1_000_000,
            TokensPerPeriod = 1_000_000,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        };

        public async ValueTask DisposeAsync()
        {
            await Limiter.DisposeAsync();
            await Bucket.DisposeAsync();
        }
    }
}
