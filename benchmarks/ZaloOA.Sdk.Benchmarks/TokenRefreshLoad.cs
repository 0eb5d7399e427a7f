using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Redis;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Issue 18's token-refresh measurement: N OAs (3,353 by default) whose refresh points all fall
/// in one simulated hour, two app "instances" (separate service providers with their own token
/// managers and Redis connections, sharing one Redis through RedisZaloTokenStore and its lock)
/// calling for random OAs, against the ZaloOA.Sdk.Testing emulator (single-use refresh tokens,
/// -14014 on reuse) on an accelerated clock. Counts every call to the token endpoint per OA and
/// per simulated second/minute. Bounded: loopback only, a fixed simulated span, a fixed call rate.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/ZaloOA.Sdk.Benchmarks -- token-refresh
/// [--redis host:port] [--oas 3353] [--layout bunched|even] [--spread-minutes 60] [--speed 60]
/// [--max-refreshes-per-second 10] [--refresh-limit app-wide|per-process] [--calls-per-second 100] [--api-every 100]
/// [--seed 18]</c>. Redis defaults to <c>ZALOOA_REDIS</c>. <c>--refresh-limit app-wide</c> (the default, as
/// <c>UseRedis</c> registers it) counts <c>Zalo:MaxTokenRefreshesPerSecond</c> across both instances
/// through Redis (<c>RedisZaloTokenRefreshLimiter</c>); <c>per-process</c> counts it per instance
/// (<c>Zalo:Redis:AppWideRefreshLimit</c> false), as before the app-wide limit existed.
/// </remarks>
internal static class TokenRefreshLoad
{
    private const string TokenPath = "/v4/oa/access_token";

    public static async Task<int> RunAsync(string[] args)
    {
        var a = args.Select((v, i) => (v, i)).Where(p => p.v.StartsWith("--", StringComparison.Ordinal) && p.i + 1 < args.Length)
            .ToDictionary(p => p.v[2..], p => args[p.i + 1], StringComparer.OrdinalIgnoreCase);
        string Get(string name, string fallback) => a.TryGetValue(name, out var v) ? v : fallback;
        var redis = Get("redis", Environment.GetEnvironmentVariable("ZALOOA_REDIS") ?? "");
        if (redis.Length == 0)
        {
            Console.Error.WriteLine("token-refresh needs Redis: --redis host:port or ZALOOA_REDIS.");
            return 2;
        }

        var oaCount = int.Parse(Get("oas", "3353"), CultureInfo.InvariantCulture);
        var layout = Get("layout", "bunched");
        var spread = TimeSpan.FromMinutes(double.Parse(Get("spread-minutes", "60"), CultureInfo.InvariantCulture));
        var speed = double.Parse(Get("speed", "60"), CultureInfo.InvariantCulture);
        // Calls per simulated second across both instances (each instance makes half).
        var callsPerSecond = double.Parse(Get("calls-per-second", "100"), CultureInfo.InvariantCulture);
        var apiEvery = int.Parse(Get("api-every", "100"), CultureInfo.InvariantCulture);
        var seed = int.Parse(Get("seed", "18"), CultureInfo.InvariantCulture);
        var limit = int.Parse(Get("max-refreshes-per-second", "10"), CultureInfo.InvariantCulture);
        var limitScope = Get("refresh-limit", "app-wide");
        if (limitScope is not ("app-wide" or "per-process"))
        {
            Console.Error.WriteLine($"--refresh-limit must be app-wide or per-process, not {limitScope}.");
            return 2;
        }

        var appWide = limitScope == "app-wide";
        var margin = TimeSpan.FromHours(1);

        // Simulated start; every expiry is 2 h to 2 h + window later, so with the default margin
        // and spread no refresh point falls before the start.
        var start = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
        var clock = new AcceleratedClock(start, speed);
        var expiryWindow = layout == "even" ? TimeSpan.FromHours(1) : TimeSpan.FromMinutes(1);
        var span = TimeSpan.FromHours(2) + expiryWindow + TimeSpan.FromMinutes(1);

        Console.WriteLine($"token-refresh: {oaCount} OAs, expiries {layout} ({(layout == "even" ? "evenly over one hour" : "all within one minute, as if linked in one morning")}), " +
            $"Zalo:RefreshBeforeExpiry {margin}, Zalo:RefreshSpread {spread}, Zalo:MaxTokenRefreshesPerSecond {limit} {(appWide ? "app-wide (both instances together, through Redis)" : "per instance")}, two instances on one Redis, {callsPerSecond:0} calls/simulated s for random OAs " +
            $"(1 in {apiEvery} also calls GET /v2.0/oa/getoa on the emulator), clock accelerated {speed:0}x: {span.TotalMinutes:0} simulated min ~ {span.TotalSeconds / speed:0} s wall.");

        await using var emulator = await ZaloEmulator.StartAsync(new ZaloEmulatorOptions { TimeProvider = clock });
        var prefix = $"zalooa-bench:{Guid.NewGuid():N}:";
        var random = new Random(seed);
        var oaIds = new string[oaCount];
        // Each OA's refresh point as the SDK computes it (margin plus its share of the spread).
        var points = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var refreshOwner = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using (var seedConnection = await ConnectionMultiplexer.ConnectAsync(redis))
        {
            var store = new RedisZaloTokenStore(seedConnection, new ZaloRedisOptions { KeyPrefix = prefix });
            for (var i = 0; i < oaCount; i++)
            {
                var oaId = (3_000_000_000_000_000_000L + (i * 7_919L)).ToString(CultureInfo.InvariantCulture);
                oaIds[i] = oaId;
                emulator.AddOfficialAccount(oaId, $"Benchmark OA {i}");
                var tokens = emulator.IssueTokens(oaId);
                refreshOwner[tokens.RefreshToken] = oaId;
                // The stored pair claims an expiry inside the window (as if issued 25 h earlier);
                // the emulator's own pair stays valid, so only the SDK's refresh point matters.
                var expiry = start + TimeSpan.FromHours(2) + (expiryWindow * (layout == "even" ? (double)i / oaCount : random.NextDouble()));
                points[oaId] = expiry - margin - (spread * ZaloTokenRefresher.SpreadShare(oaId));
                var set = new ZaloTokenSet
                {
                    AccessToken = tokens.AccessToken,
                    RefreshToken = tokens.RefreshToken,
                    AccessTokenExpiresAt = expiry,
                    IssuedAt = expiry - TimeSpan.FromHours(25),
                    Version = 1,
                };
                if (!await store.TrySaveAsync(oaId, set, expectedVersion: null))
                {
                    throw new InvalidOperationException($"Could not seed OA {oaId}.");
                }
            }
        }

        var refreshes = new ConcurrentQueue<RefreshRecord>();
        var permits = new ConcurrentQueue<DateTimeOffset>();
        var instances = new ServiceProvider[2];
        for (var i = 0; i < instances.Length; i++)
        {
            var instance = i;
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(clock);
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("ZaloOA.Sdk.Authentication", LogLevel.Critical));
            services.AddZaloOA(o =>
            {
                emulator.ConfigureSdk(o);
                o.RefreshBeforeExpiry = margin;
                o.RefreshSpread = spread;
                o.MaxTokenRefreshesPerSecond = limit;
            }).UseRedis(redis, o => (o.KeyPrefix, o.AppWideRefreshLimit) = (prefix, appWide));
            // Records the simulated time of every permit granted, to compare with the time the
            // refresh reaches the token endpoint a moment later.
            var limiter = services.Last(d => d.ServiceType == typeof(IZaloTokenRefreshLimiter)).ImplementationFactory!;
            services.AddSingleton<IZaloTokenRefreshLimiter>(sp => new PermitRecorder((IZaloTokenRefreshLimiter)limiter(sp), clock, permits));
            services.AddHttpClient(ZaloOAuthClient.HttpClientName)
                .AddHttpMessageHandler(() => new RefreshCounter(instance, clock, refreshOwner, refreshes));
            instances[i] = services.BuildServiceProvider();
        }

        var callErrors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var calls = 0L;
        var apiCalls = 0L;
        var wall = Stopwatch.StartNew();
        clock.Start();
        var loops = instances.Select((sp, i) => CallLoopAsync(sp, new Random(seed + 1 + i), oaIds, clock, start + span, callsPerSecond / instances.Length, apiEvery, callErrors, () => Interlocked.Increment(ref calls), () => Interlocked.Increment(ref apiCalls))).ToArray();
        await Task.WhenAll(loops);
        wall.Stop();

        foreach (var sp in instances)
        {
            await sp.DisposeAsync();
        }

        await DeleteKeysAsync(redis, prefix);
        return Report(oaIds, points, [.. refreshes], [.. permits], callErrors, calls, apiCalls, wall.Elapsed, start);
    }

    private static async Task CallLoopAsync(
        ServiceProvider services, Random random, string[] oaIds, AcceleratedClock clock, DateTimeOffset end, double perSimulatedSecond, int apiEvery,
        ConcurrentDictionary<string, int> errors, Action counted, Action apiCounted)
    {
        var tokens = services.GetRequiredService<IZaloTokenManager>();
        var clients = services.GetRequiredService<IZaloOAClientFactory>();
        var pending = new List<Task>();
        var issued = 0L;
        var began = clock.GetUtcNow();
        while (clock.GetUtcNow() < end)
        {
            // Issue the calls due by now at the simulated rate, then sleep a little (wall time).
            var due = (long)((clock.GetUtcNow() - began).TotalSeconds * perSimulatedSecond);
            for (; issued < due; issued++)
            {
                var oaId = oaIds[random.Next(oaIds.Length)];
                var api = apiEvery > 0 && issued % apiEvery == 0;
                pending.Add(CallAsync(tokens, clients, oaId, api, errors, counted, apiCounted));
            }

            pending.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5);
        }

        await Task.WhenAll(pending);
    }

    private static async Task CallAsync(IZaloTokenManager tokens, IZaloOAClientFactory clients, string oaId, bool api, ConcurrentDictionary<string, int> errors, Action counted, Action apiCounted)
    {
        try
        {
            await tokens.GetAccessTokenAsync(oaId);
            counted();
            if (api)
            {
                // A real call: the emulator refuses a dead access token with -216.
                await clients.GetClient(oaId).OfficialAccount.GetAsync();
                apiCounted();
            }
        }
#pragma warning disable CA1031 // Every failure is counted by type and reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            errors.AddOrUpdate(ex.GetType().Name + (ex is ZaloApiException z ? $" {z.ErrorCode}" : ""), 1, (_, n) => n + 1);
        }
    }

    private static int Report(string[] oaIds, Dictionary<string, DateTimeOffset> points, RefreshRecord[] refreshes, DateTimeOffset[] permits, ConcurrentDictionary<string, int> callErrors, long calls, long apiCalls, TimeSpan wall, DateTimeOffset start)
    {
        var ok = refreshes.Where(r => r.Error == 0).ToArray();
        var perOa = ok.GroupBy(r => r.OaId ?? "?").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var never = oaIds.Count(id => !perOa.ContainsKey(id));
        var twice = perOa.Values.Count(n => n > 1);
        var errors = refreshes.Where(r => r.Error != 0).GroupBy(r => r.Error).Select(g => $"{g.Key}: {g.Count()}").ToArray();
        var maxSecond = refreshes.Length == 0 ? 0 : refreshes.GroupBy(r => (long)(r.At - start).TotalSeconds).Max(g => g.Count());
        var maxMinute = refreshes.Length == 0 ? 0 : refreshes.GroupBy(r => (long)(r.At - start).TotalMinutes).Max(g => g.Count());
        // Windows are whole seconds of the clock (start is on a second), as the limiters count them.
        var maxPermitSecond = permits.Length == 0 ? 0 : permits.GroupBy(p => p.ToUnixTimeSeconds()).Max(g => g.Count());
        var first = refreshes.Length == 0 ? TimeSpan.Zero : refreshes.Min(r => r.At) - start;
        var last = refreshes.Length == 0 ? TimeSpan.Zero : refreshes.Max(r => r.At) - start;
        // How long after its refresh point each OA was refreshed: the first call for it after the
        // point refreshes it, so the lag is the gap between calls for one OA, not a delay of the SDK.
        var lags = ok.Where(r => r.OaId is not null).Select(r => (r.At - points[r.OaId!]).TotalSeconds).Order().ToArray();
        var early = lags.Count(l => l < 0);
        var byInstance = string.Join(" / ", refreshes.GroupBy(r => r.Instance).OrderBy(g => g.Key).Select(g => g.Count()));
        Console.WriteLine($"token endpoint calls: {refreshes.Length} (instances {byInstance}); OAs refreshed exactly once: {perOa.Values.Count(n => n == 1)} of {oaIds.Length}; more than once: {twice}; never: {never}");
        Console.WriteLine($"refresh errors: {(errors.Length == 0 ? "0" : string.Join(", ", errors))}; caller errors: {(callErrors.IsEmpty ? "0" : string.Join(", ", callErrors.Select(e => $"{e.Key}: {e.Value}")))}");
        Console.WriteLine($"refreshes from simulated +{first:hh\\:mm\\:ss} to +{last:hh\\:mm\\:ss}; most in one simulated second: {maxSecond}; in one simulated minute: {maxMinute} " +
            "(Zalo's only published figure, app-wide 4,000 requests/min for the OA API [U], i.e. ~66/s; none is published for the token endpoint)");
        Console.WriteLine($"permits granted for due refreshes: {permits.Length}; most in one simulated second of the limiters' clock: {maxPermitSecond} " +
            "(the endpoint's figure above is stamped a moment later, so a permit taken at the end of one second may land in the next)");
        if (lags.Length > 0)
        {
            Console.WriteLine($"refreshed after the OA's refresh point by (simulated s): median {lags[lags.Length / 2]:0.0}, p99 {lags[(int)(lags.Length * 0.99)]:0.0}, max {lags[^1]:0.0}; before it: {early}");
        }

        Console.WriteLine($"calls: {calls} token reads, {apiCalls} API calls; wall time {wall.TotalSeconds:0.0} s (accelerated clock: simulated time runs faster, the HTTP and Redis work is real)");
        return refreshes.Length == oaIds.Length && twice == 0 && never == 0 && errors.Length == 0 && callErrors.IsEmpty && early == 0 ? 0 : 1;
    }

    private static async Task DeleteKeysAsync(string redis, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        foreach (var endpoint in connection.GetEndPoints())
        {
            await foreach (var key in connection.GetServer(endpoint).KeysAsync(pattern: prefix + "*"))
            {
                await db.KeyDeleteAsync(key);
            }
        }
    }

    /// <summary>Passes every permit request to the limiter the SDK registered and records the
    /// simulated time of each permit it grants.</summary>
    private sealed class PermitRecorder(IZaloTokenRefreshLimiter inner, TimeProvider clock, ConcurrentQueue<DateTimeOffset> granted) : IZaloTokenRefreshLimiter
    {
        public async ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
        {
            var at = clock.GetUtcNow();
            var taken = await inner.TryAcquireAsync(cancellationToken);
            if (taken)
            {
                granted.Enqueue(at);
            }

            return taken;
        }
    }

    private readonly record struct RefreshRecord(int Instance, DateTimeOffset At, string? OaId, int Error);

    /// <summary>Sees every call to the token endpoint: which OA (by the refresh token spent),
    /// when (simulated), and Zalo's error code if any; maps the rotated refresh token to the OA.</summary>
    private sealed class RefreshCounter(int instance, TimeProvider clock, ConcurrentDictionary<string, string> owners, ConcurrentQueue<RefreshRecord> records) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var at = clock.GetUtcNow();
            var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri?.AbsolutePath != TokenPath)
            {
                return response;
            }

            var spent = System.Web.HttpUtility.ParseQueryString(form)["refresh_token"] ?? "";
            owners.TryGetValue(spent, out var oaId);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(body);
            var error = json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : 0;
            if (error == 0 && oaId is not null && json.RootElement.TryGetProperty("refresh_token", out var next))
            {
                owners[next.GetString()!] = oaId;
            }

            records.Enqueue(new RefreshRecord(instance, at, oaId, error));
            var replaced = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            response.Content = replaced;
            return response;
        }
    }

    /// <summary>Wall time <c>speed</c> times faster from <c>start</c> (frozen until
    /// <see cref="Start"/>). Only "now" is accelerated: timers, timeouts and the Redis lock's waits
    /// run on the real clock.</summary>
    private sealed class AcceleratedClock(DateTimeOffset start, double speed) : TimeProvider
    {
        private long _startedAt;

        public void Start() => Volatile.Write(ref _startedAt, Stopwatch.GetTimestamp());

        public override DateTimeOffset GetUtcNow()
        {
            var startedAt = Volatile.Read(ref _startedAt);
            return startedAt == 0 ? start : start + (Stopwatch.GetElapsedTime(startedAt) * speed);
        }
    }
}
