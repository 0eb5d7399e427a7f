using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Redis.Tests;

public sealed class RedisZaloWebhookDeduplicationStoreTests
{
    private const string Key = "user_send_text:msg-0001";
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(10);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_claim_wins_and_sets_a_processing_mark_with_the_lease_as_expiry()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options());

        Assert.True(await store.TryBeginAsync(Key, LongLease, _ct));

        var markKey = redis.Prefix + "webhook:" + Key;
        Assert.Equal(markKey, store.GetMarkKey(Key));
        Assert.Equal("processing", (string?)await redis.Db.StringGetAsync(markKey));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(markKey))!.Value, TimeSpan.FromMinutes(9), LongLease);
    }

    [Fact]
    public async Task A_second_claim_while_processing_is_a_duplicate()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options());
        await store.TryBeginAsync(Key, LongLease, _ct);

        Assert.False(await store.TryBeginAsync(Key, LongLease, _ct));
    }

    [Fact]
    public async Task Of_many_concurrent_claims_on_two_connections_exactly_one_wins()
    {
        await using var redis = await RedisScope.StartAsync();
        await using var second = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        IZaloWebhookDeduplicationStore[] stores =
        [
            new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options()),
            new RedisZaloWebhookDeduplicationStore(second, redis.Options()),
        ];

        var claims = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => stores[i % 2].TryBeginAsync(Key, LongLease, _ct).AsTask()));

        Assert.Single(claims, won => won);
    }

    [Fact]
    public async Task A_claim_whose_lease_ran_out_lets_the_redelivery_through()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options());
        await store.TryBeginAsync(Key, TimeSpan.FromMilliseconds(200), _ct); // the process died

        await WaitUntilGoneAsync(redis, store.GetMarkKey(Key));

        Assert.True(await store.TryBeginAsync(Key, LongLease, _ct));
    }

    [Fact]
    public async Task Complete_marks_the_key_done_for_the_retention_window()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options());
        await store.TryBeginAsync(Key, TimeSpan.FromSeconds(30), _ct);

        await store.CompleteAsync(Key, TimeSpan.FromHours(24), _ct);

        Assert.Equal("done", (string?)await redis.Db.StringGetAsync(store.GetMarkKey(Key)));
        Assert.InRange((await redis.Db.KeyTimeToLiveAsync(store.GetMarkKey(Key)))!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
        Assert.False(await store.TryBeginAsync(Key, LongLease, _ct));
    }

    [Fact]
    public async Task Abandon_releases_a_claim_so_the_redelivery_is_processed()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options());
        await store.TryBeginAsync(Key, LongLease, _ct);

        await store.AbandonAsync(Key, _ct);

        Assert.True(await store.TryBeginAsync(Key, LongLease, _ct));
    }

    [Fact]
    public async Task Abandon_never_erases_a_completed_mark()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloWebhookDeduplicationStore(redis.Connection, redis.Options());
        await store.TryBeginAsync(Key, LongLease, _ct);
        await store.CompleteAsync(Key, TimeSpan.FromHours(24), _ct);

        await store.AbandonAsync(Key, _ct);

        Assert.False(await store.TryBeginAsync(Key, LongLease, _ct));
    }

    [Fact]
    public async Task Every_method_throws_redis_unavailable_when_redis_cannot_be_reached()
    {
        await using var connection = await Unreachable.ConnectAsync();
        var store = new RedisZaloWebhookDeduplicationStore(connection, new ZaloRedisOptions { KeyPrefix = "unreachable:" });

        var ex = await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.TryBeginAsync(Key, LongLease, _ct));
        await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.CompleteAsync(Key, LongLease, _ct));
        await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.AbandonAsync(Key, _ct));
        Assert.Contains("Zalo will deliver the event again", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseRedis_replaces_the_in_memory_store_whether_webhooks_are_added_before_or_after()
    {
        using var server = WireMockServer.Start();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var redisFirst = AppInstance.Start(server, time, b => b.UseRedis("127.0.0.1:6379").AddWebhooks());
        await using var webhooksFirst = AppInstance.Start(server, time, b => b.AddWebhooks().UseRedis("127.0.0.1:6379"));

        Assert.IsType<RedisZaloWebhookDeduplicationStore>(redisFirst.Services.GetRequiredService<IZaloWebhookDeduplicationStore>());
        Assert.IsType<RedisZaloWebhookDeduplicationStore>(webhooksFirst.Services.GetRequiredService<IZaloWebhookDeduplicationStore>());
    }

    private async Task WaitUntilGoneAsync(RedisScope redis, string key)
    {
        while (await redis.Db.KeyExistsAsync(key))
        {
            await Task.Delay(50, _ct);
        }
    }
}
