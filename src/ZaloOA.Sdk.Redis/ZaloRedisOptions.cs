namespace ZaloOA.Sdk.Redis;

/// <summary>
/// Settings of the Redis token store and refresh lock, set through
/// <c>services.AddZaloOA(config).UseRedis(...)</c>.
/// </summary>
public sealed class ZaloRedisOptions
{
    /// <summary>The configuration section name used by convention: <c>Zalo:Redis</c>.</summary>
    public const string SectionName = "Zalo:Redis";

    /// <summary>The default <see cref="KeyPrefix"/>: <c>zalooa:</c>.</summary>
    public const string DefaultKeyPrefix = "zalooa:";

    /// <summary>
    /// The StackExchange.Redis configuration string (for example <c>localhost:6379</c> or
    /// <c>redis1:6379,redis2:6379,password=...,ssl=true</c>). Not used when a connection was given
    /// to <c>UseRedis(IConnectionMultiplexer)</c>. <c>abortConnect</c> is always turned off so the
    /// app starts, and keeps serving cached tokens, while Redis is down.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Put before every key this package writes (default <c>zalooa:</c>): tokens live under
    /// <c>{prefix}tokens:{oaId}</c>, the list of OA ids under <c>{prefix}oa-ids</c>, locks under
    /// <c>{prefix}lock:{oaId}</c>. Give each app (or environment) sharing one Redis its own prefix.
    /// On Redis Cluster, use a hash tag such as <c>{zalooa}:</c> so the token record and the id set
    /// that one script updates together sit in the same slot.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// How long an instance waits for another instance's refresh lock before giving up with
    /// <see cref="ZaloRefreshLockTimeoutException"/> (default 2 minutes). Keep it longer than the
    /// lock's lease (the token manager asks for twice <c>Zalo:AttemptTimeout</c> plus 30 seconds,
    /// 90 seconds by default), so that the lease of a crashed holder runs out before waiters give up.
    /// </summary>
    public TimeSpan LockWaitTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The Redis database number used for every key (default -1: the connection's default
    /// database, normally 0).
    /// </summary>
    public int Database { get; set; } = -1;
}
