using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Benchmarks;

/// <summary>
/// Goal 4: the cached access-token lookup for one of 10,000 OAs takes under 100 ns and allocates
/// nothing. The floor is a plain dictionary lookup of the same key.
/// </summary>
[MemoryDiagnoser]
public class CachedTokenLookupBenchmarks
{
    private const int OaCount = 10_000;
    private ServiceProvider _provider = null!;
    private IZaloTokenManager _tokens = null!;
    private Dictionary<string, string> _floor = null!;
    private string[] _oaIds = null!;
    private int _next;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddZaloOA(o =>
        {
            o.AppId = "1234567890123456789";
            o.SecretKey = "secret";
        });
        _provider = services.BuildServiceProvider();
        var store = _provider.GetRequiredService<IZaloTokenStore>();
        _tokens = _provider.GetRequiredService<IZaloTokenManager>();
        _oaIds = new string[OaCount];
        _floor = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < OaCount; i++)
        {
            var oaId = (3886132808788000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _oaIds[i] = oaId;
            var token = "access-" + oaId;
            _floor[oaId] = token;
            await store.TrySaveAsync(oaId, new ZaloTokenSet
            {
                AccessToken = token,
                RefreshToken = "refresh-" + oaId,
                AccessTokenExpiresAt = time.GetUtcNow().AddHours(25),
                Version = 1,
            }, expectedVersion: null);
            await _tokens.GetAccessTokenAsync(oaId); // warm the manager's cache
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "floor: Dictionary<string,string> lookup")]
    public string Floor()
    {
        var id = _oaIds[_next++ % OaCount];
        return _floor[id];
    }

    [Benchmark(Description = "IZaloTokenManager.GetAccessTokenAsync (cached)")]
    public string CachedLookup()
    {
        var id = _oaIds[_next++ % OaCount];
        var pending = _tokens.GetAccessTokenAsync(id);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// Goal 5: 1,000 concurrent callers at token expiry cause exactly one refresh, and the slowest
/// caller finishes within 2× one stub round trip. The floor is one request to the same stub.
/// </summary>
[MemoryDiagnoser]
[IterationCount(15)]
[WarmupCount(3)]
public class ConcurrentRefreshBenchmarks
{
    private const string OaId = "388613280878808645";
    private LoopbackStub _stub = null!;
    private HttpClient _raw = null!;
    private ServiceProvider _provider = null!;
    private IZaloTokenStore _store = null!;
    private IZaloTokenManager _tokens = null!;
    private FakeTimeProvider _time = null!;
    private int _refreshes;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var body = Encoding.UTF8.GetBytes("{\"access_token\":\"new-access\",\"refresh_token\":\"new-refresh\",\"expires_in\":\"90000\"}");
        _stub = await LoopbackStub.StartAsync(_ => body);
        _raw = new HttpClient { BaseAddress = _stub.BaseUrl };
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddZaloOA(o =>
        {
            o.AppId = "1234567890123456789";
            o.SecretKey = "secret";
            o.OAuthBaseUrl = _stub.BaseUrl;
            o.ApiBaseUrl = _stub.BaseUrl;
        });
        _provider = services.BuildServiceProvider();
        _store = _provider.GetRequiredService<IZaloTokenStore>();
        _tokens = _provider.GetRequiredService<IZaloTokenManager>();
    }

    [IterationSetup(Targets = [nameof(ThousandCallersAtExpiry), nameof(OneCallerAtExpiry)])]
    public void Expire()
    {
        // Each iteration starts from an access token that expired a minute ago.
        _time.Advance(TimeSpan.FromDays(2));
        _store.TrySaveAsync(OaId, new ZaloTokenSet
        {
            AccessToken = "old-access",
            RefreshToken = "old-refresh",
            AccessTokenExpiresAt = _time.GetUtcNow().AddMinutes(-1),
            Version = 1,
        }, expectedVersion: null).AsTask().GetAwaiter().GetResult();
        _refreshes = _stub.RequestCount;
    }

    [IterationCleanup(Targets = [nameof(ThousandCallersAtExpiry), nameof(OneCallerAtExpiry)])]
    public void CheckOneRefresh()
    {
        var made = _stub.RequestCount - _refreshes;
        if (made != 1)
        {
            throw new InvalidOperationException($"Expected exactly one refresh request, saw {made}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _raw.Dispose();
        await _provider.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "floor: one POST round trip to the stub")]
    public async Task<int> OneRoundTrip()
    {
        using var response = await _raw.PostAsync("v4/oa/access_token", new FormUrlEncodedContent([new("grant_type", "refresh_token")]));
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    /// <summary>
    /// The expiry benchmarks need a per-iteration setup, which makes BenchmarkDotNet run them once
    /// per iteration after an idle pause (thread-pool workers parked), while the baseline runs warm,
    /// back to back. The same round trip measured as a single shot shows how much of the ratio is
    /// that difference rather than the SDK; the baseline (and the target) stays the warm one.
    /// </summary>
    [IterationSetup(Target = nameof(OneRoundTripSingleShot))]
    public void SingleShot()
    {
    }

    [Benchmark(Description = "one POST round trip, single shot like the expiry runs")]
    public Task<int> OneRoundTripSingleShot() => OneRoundTrip();

    [Benchmark(Description = "1,000 concurrent GetAccessTokenAsync at expiry")]
    public async Task<int> ThousandCallersAtExpiry()
    {
        var tasks = new Task<string>[1000];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = _tokens.GetAccessTokenAsync(OaId).AsTask();
        }

        var results = await Task.WhenAll(tasks);
        return results.Length;
    }

    /// <summary>The refresh alone, through the SDK (store, lock, OAuth call, save): the 1,000
    /// callers' time minus this is what completing the other 999 costs.</summary>
    [Benchmark(Description = "1 GetAccessTokenAsync at expiry (the refresh alone)")]
    public async Task<int> OneCallerAtExpiry() => (await _tokens.GetAccessTokenAsync(OaId)).Length;
}
