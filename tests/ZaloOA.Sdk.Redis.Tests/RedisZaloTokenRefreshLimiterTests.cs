using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>The app-wide refresh limit: one Lua script per permit over the app's key, windows
/// on the app's clock, and the per-process limit when Redis fails.</summary>
public sealed class RedisZaloTokenRefreshLimiterTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    // 0.9 s into a second, so a 100 ms step starts the next one.
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, 900, TimeSpan.Zero));

    private static StaticMonitor<ZaloOAOptions> Limit(int perSecond) =>
        new(new ZaloOAOptions { AppId = ZaloTestHost.AppId, MaxTokenRefreshesPerSecond = perSecond });

    private async Task<bool[]> TakeAsync(IZaloTokenRefreshLimiter limiter, int count)
    {
        var taken = new bool[count];
        for (var i = 0; i < count; i++)
        {
            taken[i] = await limiter.TryAcquireAsync(_ct);
        }

        return taken;
    }

    [Fact]
    public async Task Permits_are_counted_in_the_apps_key_per_second_of_the_apps_clock()
    {
        await using var redis = await RedisScope.StartAsync();
        var time = Clock();
        var limiter = new RedisZaloTokenRefreshLimiter(redis.Connection, redis.Options(), Limit(3), time);

        var taken = await TakeAsync(limiter, 4);

        var key = redis.Prefix + "refresh-limit:" + ZaloTestHost.AppId;
        Assert.Equal(key, limiter.GetLimitKey());
        Assert.Equal([true, true, true, false], taken);
        var state = await redis.Db.HashGetAllAsync(key);
        Assert.Equal(
            [("second", time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ("used", "3")],
            state.Select(e => ((string)e.Name!, (string)e.Value!)).Order());
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Two_limiters_on_two_connections_together_never_exceed_the_limit_in_a_window()
    {
        await using var redis = await RedisScope.StartAsync();
        await using var second = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var time = Clock();
        IZaloTokenRefreshLimiter[] limiters =
        [
            new RedisZaloTokenRefreshLimiter(redis.Connection, redis.Options(), Limit(5), time),
            new RedisZaloTokenRefreshLimiter(second, redis.Options(), Limit(5), time),
        ];

        async Task<int[]> RaceAsync()
        {
            var taken = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                Task.Run(async () => await limiters[i % 2].TryAcquireAsync(_ct), _ct)));
            return [.. Enumerable.Range(0, 2).Select(l => taken.Where((t, i) => t && i % 2 == l).Count())];
        }

        var firstWindow = await RaceAsync();
        time.Advance(TimeSpan.FromMilliseconds(100));
        var secondWindow = await RaceAsync();

        Assert.Equal((5, 5), (firstWindow.Sum(), secondWindow.Sum()));
    }

    [Fact]
    public async Task A_limiter_whose_clock_lags_counts_into_the_newest_window_and_gets_no_second_budget()
    {
        await using var redis = await RedisScope.StartAsync();
        var ahead = Clock();
        var behind = Clock();
        ahead.Advance(TimeSpan.FromMilliseconds(500)); // half a second of skew: ahead is in the next second
        var fast = new RedisZaloTokenRefreshLimiter(redis.Connection, redis.Options(), Limit(3), ahead);
        var slow = new RedisZaloTokenRefreshLimiter(redis.Connection, redis.Options(), Limit(3), behind);

        var slowInItsSecond = await TakeAsync(slow, 2);
        var fastInTheNext = await TakeAsync(fast, 3);
        var slowAfterwards = await TakeAsync(slow, 2);
        behind.Advance(TimeSpan.FromMilliseconds(100)); // now in the same second as the fast clock
        var slowCaughtUp = await TakeAsync(slow, 1);
        ahead.Advance(TimeSpan.FromSeconds(1));
        var fastNextSecond = await TakeAsync(fast, 1);

        Assert.Equal([true, true], slowInItsSecond);
        Assert.Equal([true, true, true], fastInTheNext);
        Assert.Equal([false, false], slowAfterwards);
        Assert.Equal([false], slowCaughtUp);
        Assert.Equal([true], fastNextSecond);
    }

    [Fact]
    public async Task With_redis_unreachable_the_per_process_limit_answers_and_the_failure_is_logged_once()
    {
        await using var connection = await Unreachable.ConnectAsync();
        var time = Clock();
        var logger = new FakeLogger<RedisZaloTokenRefreshLimiter>();
        var limiter = new RedisZaloTokenRefreshLimiter(connection, new ZaloRedisOptions(), Limit(2), time, logger);

        var first = await TakeAsync(limiter, 3);
        time.Advance(TimeSpan.FromSeconds(1));
        var next = await TakeAsync(limiter, 3);

        Assert.Equal([true, true, false], first);
        Assert.Equal([true, true, false], next);
        var logged = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal((2111, LogLevel.Warning), (logged.Id.Id, logged.Level));
    }

    [Fact]
    public async Task After_the_fallback_duration_redis_is_asked_again_and_its_answer_is_logged()
    {
        await using var redis = await RedisScope.StartAsync();
        var time = Clock();
        var logger = new FakeLogger<RedisZaloTokenRefreshLimiter>();
        var options = redis.Options();
        options.RefreshLimitFallbackDuration = TimeSpan.FromSeconds(30);
        var limiter = new RedisZaloTokenRefreshLimiter(redis.Connection, options, Limit(5), time, logger);
        var key = limiter.GetLimitKey();
        // A value of the wrong type makes the script fail (WRONGTYPE) as a broken Redis would.
        await redis.Db.StringSetAsync(key, "not a hash");

        var whileFailing = await limiter.TryAcquireAsync(_ct);
        await redis.Db.KeyDeleteAsync(key);
        time.Advance(TimeSpan.FromSeconds(29));
        var withinTheFallback = await limiter.TryAcquireAsync(_ct);
        var keyWithinTheFallback = await redis.Db.KeyExistsAsync(key);
        time.Advance(TimeSpan.FromSeconds(2));
        var afterIt = await limiter.TryAcquireAsync(_ct);

        Assert.Equal((true, true, false, true), (whileFailing, withinTheFallback, keyWithinTheFallback, afterIt));
        Assert.Equal("1", (string?)await redis.Db.HashGetAsync(key, "used"));
        Assert.Equal(
            [(2111, LogLevel.Warning), (2112, LogLevel.Information)],
            logger.Collector.GetSnapshot().Select(e => (e.Id.Id, e.Level)));
    }
}
