using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>
/// Several instances of one app sharing Redis, as a province runs it behind a load balancer: the
/// single-use refresh token must be spent once, whichever instance notices the expiry first.
/// </summary>
public sealed class ScaleOutTests : IAsyncDisposable
{
    private const string OaId = ZaloTestHost.OaId;
    private const string TokenPath = "/v4/oa/access_token";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    public async ValueTask DisposeAsync()
    {
        _server.Stop();
        _server.Dispose();
        await Task.CompletedTask;
    }

    private static string TokenJson(string access, string refresh) =>
        $$"""{"access_token":"{{access}}","refresh_token":"{{refresh}}","expires_in":"90000"}""";

    private async Task SeedAsync(RedisScope redis, TimeSpan expiresIn)
    {
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        Assert.True(await store.TrySaveAsync(OaId, new ZaloTokenSet
        {
            AccessToken = "at-1",
            RefreshToken = "rt-1",
            AccessTokenExpiresAt = _time.GetUtcNow() + expiresIn,
            IssuedAt = _time.GetUtcNow() - TimeSpan.FromDays(1),
            Version = 1,
        }, expectedVersion: 0, _ct));
    }

    [Fact]
    public async Task A_thousand_callers_on_two_instances_at_expiry_cause_exactly_one_refresh_and_all_get_the_new_token()
    {
        await using var redis = await RedisScope.StartAsync();
        await SeedAsync(redis, expiresIn: TimeSpan.FromMinutes(-1));
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            // A slow answer keeps the refresh in flight while the other instance asks for the lock.
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(TokenJson("at-2", "rt-2")).WithDelay(TimeSpan.FromMilliseconds(300)));
        await using var first = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix));
        await using var second = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix));
        AppInstance[] instances = [first, second];

        var tokens = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(async () => await instances[i % 2].Tokens.GetAccessTokenAsync(OaId, _ct), _ct)));

        Assert.All(tokens, t => Assert.Equal("at-2", t));
        var refresh = _server.SingleRequestTo(TokenPath);
        Assert.Equal("refresh_token=rt-1&app_id=1234567890123456789&grant_type=refresh_token", refresh.Body);
        var stored = await new RedisZaloTokenStore(redis.Connection, redis.Options()).GetAsync(OaId, _ct);
        Assert.Equal((2L, "at-2", "rt-2"), (stored!.Version, stored.AccessToken, stored.RefreshToken));
    }

    [Fact]
    public async Task Two_instances_agree_on_an_OAs_spread_refresh_point_and_refresh_it_once()
    {
        await using var redis = await RedisScope.StartAsync();
        await SeedAsync(redis, expiresIn: TimeSpan.FromHours(25));
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(TokenJson("at-2", "rt-2")).WithDelay(TimeSpan.FromMilliseconds(300)));
        await using var first = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix));
        await using var second = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix));
        AppInstance[] instances = [first, second];

        // Default margin and spread (1 h each): the OA's refresh point lies between 23 h and 24 h
        // from now. Walk that hour a minute at a time; both instances must call it due together.
        _time.Advance(TimeSpan.FromHours(23));
        var states = new List<(ZaloTokenState First, ZaloTokenState Second)>();
        for (var minute = 0; minute <= 60; minute++)
        {
            states.Add(((await first.Tokens.GetStatusAsync(OaId, _ct)).State, (await second.Tokens.GetStatusAsync(OaId, _ct)).State));
            if (states[^1].First == ZaloTokenState.RefreshDue)
            {
                break;
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var tokens = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            Task.Run(async () => await instances[i % 2].Tokens.GetAccessTokenAsync(OaId, _ct), _ct)));

        Assert.All(states, s => Assert.Equal(s.First, s.Second));
        Assert.Equal(ZaloTokenState.Valid, states[0].First);
        Assert.Equal(ZaloTokenState.RefreshDue, states[^1].First);
        Assert.All(tokens, t => Assert.Equal("at-2", t));
        _server.SingleRequestTo(TokenPath);
    }

    [Fact]
    public async Task Two_instances_together_start_no_more_due_refreshes_in_a_second_than_the_app_wide_limit()
    {
        const string OtherOaId = "1423847451268726170";
        await using var redis = await RedisScope.StartAsync();
        // Both OAs due (inside the default 1-2 h lead), neither expired.
        await SeedAsync(redis, expiresIn: TimeSpan.FromMinutes(30));
        Assert.True(await new RedisZaloTokenStore(redis.Connection, redis.Options()).TrySaveAsync(OtherOaId, new ZaloTokenSet
        {
            AccessToken = "other-at-1",
            RefreshToken = "other-rt-1",
            AccessTokenExpiresAt = _time.GetUtcNow() + TimeSpan.FromMinutes(30),
            IssuedAt = _time.GetUtcNow() - TimeSpan.FromDays(1),
            Version = 1,
        }, expectedVersion: 0, _ct));
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(TokenJson("at-2", "rt-2")));
        await using var first = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix), configure: o => o.MaxTokenRefreshesPerSecond = 1);
        await using var second = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix), configure: o => o.MaxTokenRefreshesPerSecond = 1);

        var refreshedByFirst = await first.Tokens.GetAccessTokenAsync(OaId, _ct);
        var servedBySecond = await second.Tokens.GetAccessTokenAsync(OtherOaId, _ct);
        var requestsInTheSecond = _server.RequestsTo(TokenPath).Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        var refreshedBySecond = await second.Tokens.GetAccessTokenAsync(OtherOaId, _ct);

        Assert.Equal(
            ("at-2", "other-at-1", 1, "at-2", 2),
            (refreshedByFirst, servedBySecond, requestsInTheSecond, refreshedBySecond, _server.RequestsTo(TokenPath).Count));
    }

    [Fact]
    public async Task UseRedis_registers_the_app_wide_refresh_limiter_keyed_by_the_app_id()
    {
        await using var instance = AppInstance.Start(_server, _time, b => b.UseRedis("127.0.0.1:6379", o => o.KeyPrefix = "unit-a:"));

        var limiter = Assert.IsType<RedisZaloTokenRefreshLimiter>(instance.Services.GetRequiredService<IZaloTokenRefreshLimiter>());
        Assert.Equal("unit-a:refresh-limit:" + ZaloTestHost.AppId, limiter.GetLimitKey());
    }

    [Fact]
    public async Task UseRedis_with_AppWideRefreshLimit_off_keeps_the_per_process_limiter()
    {
        await using var instance = AppInstance.Start(_server, _time, b => b.UseRedis("127.0.0.1:6379", o => o.AppWideRefreshLimit = false));

        Assert.IsType<InProcessZaloTokenRefreshLimiter>(instance.Services.GetRequiredService<IZaloTokenRefreshLimiter>());
    }

    [Fact]
    public async Task A_stale_lock_holders_write_is_rejected_and_the_newer_token_survives()
    {
        await using var redis = await RedisScope.StartAsync();
        await SeedAsync(redis, expiresIn: TimeSpan.FromMinutes(-1));
        var slowArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Each instance has its own app secret so WireMock can tell their refresh calls apart.
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost().WithHeader("secret_key", "secret-slow"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(_ =>
                {
                    slowArrived.TrySetResult();
                    releaseSlow.Task.Wait(TimeSpan.FromSeconds(60));
                    return TokenJson("at-slow", "rt-slow");
                }));
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost().WithHeader("secret_key", "secret-fast"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(TokenJson("at-fast", "rt-fast")));
        // The slow instance's refresh call may wait as long as the rest of the test takes, however
        // loaded the machine is: its timeout is far above the time the test needs.
        await using var slow = AppInstance.Start(
            _server,
            _time,
            b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix),
            secretKey: "secret-slow",
            configure: o => (o.AttemptTimeout, o.TotalTimeout) = (TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(120)));
        await using var fast = AppInstance.Start(_server, _time, b => b.UseRedis(redis.Configuration, o => o.KeyPrefix = redis.Prefix), secretKey: "secret-fast");

        var slowResult = slow.Tokens.GetAccessTokenAsync(OaId, _ct).AsTask();
        await slowArrived.Task.WaitAsync(_ct);
        // The slow holder's lease runs out while its refresh call is still in flight.
        Assert.True(await redis.Db.KeyDeleteAsync(redis.Prefix + "lock:" + OaId));
        var fastResult = await fast.Tokens.GetAccessTokenAsync(OaId, _ct);
        releaseSlow.SetResult();

        Assert.Equal("at-fast", fastResult);
        Assert.Equal("at-fast", await slowResult);
        var stored = await new RedisZaloTokenStore(redis.Connection, redis.Options()).GetAsync(OaId, _ct);
        Assert.Equal((2L, "at-fast", "rt-fast"), (stored!.Version, stored.AccessToken, stored.RefreshToken));
        Assert.Equal(2, _server.RequestsTo(TokenPath).Count);
    }

    [Fact]
    public async Task With_redis_unreachable_a_refresh_fails_closed_and_no_request_reaches_the_token_endpoint()
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(TokenJson("at-2", "rt-2")));
        await using var instance = AppInstance.Start(
            _server,
            _time,
            b => b.UseRedis(Unreachable.Configuration(), o => o.KeyPrefix = "unreachable:"),
            configure: o => o.Accounts.Add(new ZaloAccountOptions { OaId = OaId, RefreshToken = "rt-configured" }));

        var ex = await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await instance.Tokens.GetAccessTokenAsync(OaId, _ct));

        Assert.Equal(OaId, ex.OaId);
        Assert.Contains("no refresh token was spent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task A_cached_access_token_is_still_served_after_redis_becomes_unreachable()
    {
        await using var redis = await RedisScope.StartAsync();
        await SeedAsync(redis, expiresIn: TimeSpan.FromHours(25));
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        await using var instance = AppInstance.Start(_server, _time, b => b.UseRedis(connection, o => o.KeyPrefix = redis.Prefix));
        Assert.Equal("at-1", await instance.Tokens.GetAccessTokenAsync(OaId, _ct));

        await connection.CloseAsync();
        await connection.DisposeAsync();

        Assert.Equal("at-1", await instance.Tokens.GetAccessTokenAsync(OaId, _ct));
        Assert.Empty(_server.RequestsTo(TokenPath));
    }

    [Fact]
    public async Task UseRedis_replaces_the_token_store_and_the_refresh_lock_with_the_Redis_ones()
    {
        await using var instance = AppInstance.Start(_server, _time, b => b.UseRedis("127.0.0.1:6379", o =>
        {
            o.KeyPrefix = "unit-a:";
            o.LockWaitTimeout = TimeSpan.FromSeconds(45);
        }));

        var store = Assert.IsType<RedisZaloTokenStore>(instance.Services.GetRequiredService<IZaloTokenStore>());
        var refreshLock = Assert.IsType<RedisZaloTokenRefreshLock>(instance.Services.GetRequiredService<IZaloTokenRefreshLock>());
        Assert.Equal("unit-a:tokens:" + OaId, store.GetRecordKey(OaId));
        Assert.Equal("unit-a:lock:" + OaId, refreshLock.GetLockKey(OaId));
        Assert.Equal(TimeSpan.FromSeconds(45), instance.Services.GetRequiredService<IOptions<ZaloRedisOptions>>().Value.LockWaitTimeout);
    }

    [Fact]
    public async Task UseRedis_rejects_a_LockWaitTimeout_that_is_not_positive()
    {
        await using var instance = AppInstance.Start(_server, _time, b => b.UseRedis("127.0.0.1:6379", o => o.LockWaitTimeout = TimeSpan.Zero));

        var ex = Assert.Throws<OptionsValidationException>(() => instance.Services.GetRequiredService<IOptions<ZaloRedisOptions>>().Value);

        Assert.Contains("Zalo:Redis:LockWaitTimeout", ex.Message, StringComparison.Ordinal);
    }
}
