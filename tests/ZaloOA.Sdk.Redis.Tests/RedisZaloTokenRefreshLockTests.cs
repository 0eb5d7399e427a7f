using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Redis.Tests;

public sealed class RedisZaloTokenRefreshLockTests
{
    private const string OaId = "388613280878808645";
    private static readonly TimeSpan LongLease = TimeSpan.FromSeconds(30);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acquire_sets_the_lock_key_with_a_random_owner_and_the_lease_as_expiry()
    {
        await using var redis = await RedisScope.StartAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options());

        await using (await refreshLock.AcquireAsync(OaId, LongLease, _ct))
        {
            var key = redis.Prefix + "lock:" + OaId;
            Assert.Equal(key, refreshLock.GetLockKey(OaId));
            var owner = (string?)await redis.Db.StringGetAsync(key);
            Assert.Matches("^[0-9A-F]{32}$", owner);
            var ttl = await redis.Db.KeyTimeToLiveAsync(key);
            Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(1), LongLease);
        }
    }

    [Fact]
    public async Task Release_deletes_the_lock_key()
    {
        await using var redis = await RedisScope.StartAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options());

        var held = await refreshLock.AcquireAsync(OaId, LongLease, _ct);
        await held.DisposeAsync();

        Assert.False(await redis.Db.KeyExistsAsync(refreshLock.GetLockKey(OaId)));
    }

    [Fact]
    public async Task Holders_on_two_connections_never_overlap()
    {
        await using var redis = await RedisScope.StartAsync();
        await using var second = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        IZaloTokenRefreshLock[] locks =
        [
            new RedisZaloTokenRefreshLock(redis.Connection, redis.Options()),
            new RedisZaloTokenRefreshLock(second, redis.Options()),
        ];
        var inside = 0;
        var maxInside = 0;
        var entries = 0;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using (await locks[i % 2].AcquireAsync(OaId, LongLease, _ct))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                await Task.Yield();
                await redis.Db.PingAsync();
                Interlocked.Increment(ref entries);
                Interlocked.Decrement(ref inside);
            }
        }, _ct)));

        Assert.Equal((1, 20), (maxInside, entries));
    }

    [Fact]
    public async Task A_lock_whose_holder_never_releases_it_expires_with_its_lease()
    {
        await using var redis = await RedisScope.StartAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options());
        _ = await refreshLock.AcquireAsync(OaId, TimeSpan.FromMilliseconds(300), _ct); // a crashed holder

        await using var next = await refreshLock.AcquireAsync(OaId, LongLease, _ct);

        Assert.True(await redis.Db.KeyExistsAsync(refreshLock.GetLockKey(OaId)));
    }

    [Fact]
    public async Task A_holder_whose_lease_ran_out_does_not_release_the_next_holders_lock()
    {
        await using var redis = await RedisScope.StartAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options());
        var stale = await refreshLock.AcquireAsync(OaId, TimeSpan.FromMilliseconds(300), _ct);
        await using var current = await refreshLock.AcquireAsync(OaId, LongLease, _ct);
        var currentOwner = (string?)await redis.Db.StringGetAsync(refreshLock.GetLockKey(OaId));

        await stale.DisposeAsync();

        Assert.Equal(currentOwner, (string?)await redis.Db.StringGetAsync(refreshLock.GetLockKey(OaId)));
    }

    [Fact]
    public async Task Waiting_longer_than_LockWaitTimeout_throws_a_timeout_naming_the_OA()
    {
        await using var redis = await RedisScope.StartAsync();
        var holder = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options());
        var waiter = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options(lockWaitTimeout: TimeSpan.FromMilliseconds(300)));
        await using var held = await holder.AcquireAsync(OaId, LongLease, _ct);

        var ex = await Assert.ThrowsAsync<ZaloRefreshLockTimeoutException>(async () => await waiter.AcquireAsync(OaId, LongLease, _ct));

        Assert.Equal(OaId, ex.OaId);
        Assert.True(ex.Waited >= TimeSpan.FromMilliseconds(300));
        Assert.True(ex.IsTransient);
        Assert.Contains("LockWaitTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_caller_stops_the_wait()
    {
        await using var redis = await RedisScope.StartAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options());
        await using var held = await refreshLock.AcquireAsync(OaId, LongLease, _ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await refreshLock.AcquireAsync(OaId, LongLease, cts.Token));
    }

    [Fact]
    public async Task Locks_of_different_OAs_are_independent()
    {
        await using var redis = await RedisScope.StartAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(redis.Connection, redis.Options(lockWaitTimeout: TimeSpan.FromMilliseconds(100)));
        await using var first = await refreshLock.AcquireAsync(OaId, LongLease, _ct);

        await using var other = await refreshLock.AcquireAsync("100", LongLease, _ct);

        Assert.True(await redis.Db.KeyExistsAsync(refreshLock.GetLockKey("100")));
    }

    [Fact]
    public async Task Acquire_fails_closed_with_redis_unavailable_when_redis_cannot_be_reached()
    {
        await using var connection = await Unreachable.ConnectAsync();
        var refreshLock = new RedisZaloTokenRefreshLock(connection, new ZaloRedisOptions { KeyPrefix = "unreachable:" });

        var ex = await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await refreshLock.AcquireAsync(OaId, LongLease, _ct));

        Assert.Equal(OaId, ex.OaId);
        Assert.Contains("no refresh token was spent", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<RedisException>(ex.InnerException);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
