using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

public sealed class RedisZaloTokenStoreTests
{
    private const string OaId = "388613280878808645";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static ZaloTokenSet Tokens(long version, string suffix = "") => new()
    {
        AccessToken = $"access-{version}{suffix}",
        RefreshToken = $"refresh-{version}{suffix}",
        AccessTokenExpiresAt = Now.AddSeconds(90000),
        IssuedAt = Now,
        Version = version,
    };

    [Fact]
    public async Task Get_returns_null_when_the_OA_has_no_record()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());

        Assert.Null(await store.GetAsync(OaId, _ct));
    }

    [Fact]
    public async Task Save_expecting_version_0_creates_the_record_as_a_hash_of_version_and_json()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());

        Assert.True(await store.TrySaveAsync(OaId, Tokens(1), expectedVersion: 0, _ct));

        var key = redis.Prefix + "tokens:" + OaId;
        Assert.Equal(key, store.GetRecordKey(OaId));
        Assert.Equal("1", (string?)await redis.Db.HashGetAsync(key, "version"));
        WireMockExtensions.AssertJsonEqual(
            """{"AccessToken":"access-1","RefreshToken":"refresh-1","AccessTokenExpiresAt":"2026-11-30T09:00:00+00:00","IssuedAt":"2026-11-29T08:00:00+00:00","Version":1,"ReauthorizationRequired":false}""",
            await redis.Db.HashGetAsync(key, "tokens"));
    }

    [Fact]
    public async Task Get_reads_back_every_field_that_was_saved()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        var saved = new ZaloTokenSet
        {
            AccessToken = "a",
            RefreshToken = "r",
            AccessTokenExpiresAt = Now.AddHours(25),
            IssuedAt = Now,
            Version = 7,
            ReauthorizationRequired = true,
        };
        await store.TrySaveAsync(OaId, saved, expectedVersion: null, _ct);

        var read = await store.GetAsync(OaId, _ct);

        Assert.NotNull(read);
        Assert.Equal(("a", "r", Now.AddHours(25), Now, 7L, true), (read.AccessToken, read.RefreshToken, read.AccessTokenExpiresAt, read.IssuedAt, read.Version, read.ReauthorizationRequired));
    }

    [Fact]
    public async Task Save_expecting_version_0_is_refused_when_a_record_exists()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync(OaId, Tokens(1), expectedVersion: 0, _ct);

        Assert.False(await store.TrySaveAsync(OaId, Tokens(1, "-other"), expectedVersion: 0, _ct));
        Assert.Equal("access-1", (await store.GetAsync(OaId, _ct))!.AccessToken);
    }

    [Fact]
    public async Task Save_expecting_a_version_is_refused_when_there_is_no_record()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());

        Assert.False(await store.TrySaveAsync(OaId, Tokens(2), expectedVersion: 1, _ct));
        Assert.Null(await store.GetAsync(OaId, _ct));
        Assert.Empty(await store.ListOaIdsAsync(_ct));
    }

    [Fact]
    public async Task Save_expecting_the_stored_version_replaces_the_record()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync(OaId, Tokens(1), expectedVersion: 0, _ct);

        Assert.True(await store.TrySaveAsync(OaId, Tokens(2), expectedVersion: 1, _ct));

        var read = await store.GetAsync(OaId, _ct);
        Assert.Equal((2L, "access-2", "refresh-2"), (read!.Version, read.AccessToken, read.RefreshToken));
    }

    [Fact]
    public async Task Save_expecting_an_outdated_version_is_refused_and_the_newer_pair_survives()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync(OaId, Tokens(1), expectedVersion: 0, _ct);
        await store.TrySaveAsync(OaId, Tokens(2), expectedVersion: 1, _ct);

        Assert.False(await store.TrySaveAsync(OaId, Tokens(2, "-stale"), expectedVersion: 1, _ct));

        var read = await store.GetAsync(OaId, _ct);
        Assert.Equal((2L, "access-2", "refresh-2"), (read!.Version, read.AccessToken, read.RefreshToken));
    }

    [Fact]
    public async Task Save_without_an_expected_version_overwrites_whatever_is_stored()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync(OaId, Tokens(5), expectedVersion: 0, _ct);

        Assert.True(await store.TrySaveAsync(OaId, Tokens(6, "-reauthorised"), expectedVersion: null, _ct));

        Assert.Equal("access-6-reauthorised", (await store.GetAsync(OaId, _ct))!.AccessToken);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_base_version_let_exactly_one_win()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync(OaId, Tokens(1), expectedVersion: 0, _ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            store.TrySaveAsync(OaId, Tokens(2, $"-writer{i}"), expectedVersion: 1, _ct).AsTask()));

        var winner = Assert.Single(results.Select((won, i) => (won, i)), r => r.won);
        Assert.Equal($"access-2-writer{winner.i}", (await store.GetAsync(OaId, _ct))!.AccessToken);
    }

    [Fact]
    public async Task ListOaIds_reads_the_id_set_kept_by_save_and_remove_in_ordinal_order()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync("300", Tokens(1), expectedVersion: 0, _ct);
        await store.TrySaveAsync("100", Tokens(1), expectedVersion: null, _ct);
        await store.TrySaveAsync("200", Tokens(1), expectedVersion: 0, _ct);
        await store.TrySaveAsync("400", Tokens(2), expectedVersion: 1, _ct); // refused: no record

        Assert.Equal(["100", "200", "300"], await store.ListOaIdsAsync(_ct));
        Assert.Equal(["100", "200", "300"], (await redis.Db.SetMembersAsync(redis.Prefix + "oa-ids")).Select(v => (string)v!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Remove_deletes_the_record_and_its_id()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await store.TrySaveAsync(OaId, Tokens(1), expectedVersion: 0, _ct);
        await store.TrySaveAsync("100", Tokens(1), expectedVersion: 0, _ct);

        await store.RemoveAsync(OaId, _ct);

        Assert.Null(await store.GetAsync(OaId, _ct));
        Assert.False(await redis.Db.KeyExistsAsync(store.GetRecordKey(OaId)));
        Assert.Equal(["100"], await store.ListOaIdsAsync(_ct));
    }

    [Fact]
    public async Task A_record_that_is_not_json_is_reported_as_a_store_error_naming_the_key()
    {
        await using var redis = await RedisScope.StartAsync();
        var store = new RedisZaloTokenStore(redis.Connection, redis.Options());
        await redis.Db.HashSetAsync(store.GetRecordKey(OaId), [new HashEntry("version", "1"), new HashEntry("tokens", "{not json")]);

        var ex = await Assert.ThrowsAsync<ZaloTokenStoreException>(async () => await store.GetAsync(OaId, _ct));

        Assert.Contains(store.GetRecordKey(OaId), ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.RotatedTokens);
    }

    [Fact]
    public async Task Every_store_method_throws_redis_unavailable_when_redis_cannot_be_reached()
    {
        await using var connection = await Unreachable.ConnectAsync();
        var store = new RedisZaloTokenStore(connection, new ZaloRedisOptions { KeyPrefix = "unreachable:" });

        var get = await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.GetAsync(OaId, _ct));
        await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.TrySaveAsync(OaId, Tokens(1), 0, _ct));
        await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.RemoveAsync(OaId, _ct));
        await Assert.ThrowsAsync<ZaloRedisUnavailableException>(async () => await store.ListOaIdsAsync(_ct));
        Assert.Equal(OaId, get.OaId);
        Assert.True(get.IsTransient);
    }
}
