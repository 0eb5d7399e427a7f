using System.ComponentModel.DataAnnotations;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Redis;

/// <summary>
/// Settings of the Redis token store, refresh lock and refresh limit, set through
/// <c>services.AddZaloOA(config).UseRedis(...)</c>. Validated at start-up, every problem at once.
/// </summary>
public sealed class ZaloRedisOptions : IValidatableObject
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
    /// <c>{prefix}lock:{oaId}</c>, the app-wide refresh limit under <c>{prefix}refresh-limit:{appId}</c>. Give each app (or environment) sharing one Redis its own prefix.
    /// On Redis Cluster, use a hash tag such as <c>{zalooa}:</c> so the token record and the id set
    /// that one script updates together sit in the same slot.
    /// </summary>
    [ZaloRequired(AllowEmptyStrings = true, ErrorMessage = "{0} must not be null: use an empty string for no prefix (default zalooa:).")]
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// How long an instance waits for another instance's refresh lock before giving up with
    /// <see cref="ZaloRefreshLockTimeoutException"/> (default 2 minutes). Keep it longer than the
    /// lock's lease (the token manager asks for twice <c>Zalo:AttemptTimeout</c> plus 30 seconds,
    /// 90 seconds by default), so that the lease of a crashed holder runs out before waiters give up.
    /// From 1 millisecond to 1 hour.
    /// </summary>
    [ZaloTimeRange("00:00:00.001", "01:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:00.001 and 01:00:00 (default 00:02:00).")]
    public TimeSpan LockWaitTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether <c>Zalo:MaxTokenRefreshesPerSecond</c> counts the due token refreshes of every
    /// instance of the app together, through the key <c>{prefix}refresh-limit:{appId}</c>
    /// (<see cref="RedisZaloTokenRefreshLimiter"/>; default true), or each process on its own
    /// (false: N instances start at most N times the limit).
    /// </summary>
    public bool AppWideRefreshLimit { get; set; } = true;

    /// <summary>
    /// When Redis fails to answer the app-wide refresh limit, how long each instance counts its
    /// own refreshes against <c>Zalo:MaxTokenRefreshesPerSecond</c> before it asks Redis again
    /// (default 30 seconds, from 1 second to 1 hour). Meanwhile no permit waits for a Redis
    /// timeout, and N instances start at most N times the limit.
    /// </summary>
    [ZaloTimeRange("00:00:01", "01:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:01 and 01:00:00 (default 00:00:30).")]
    public TimeSpan RefreshLimitFallbackDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The Redis database number used for every key (default -1: the connection's default
    /// database, normally 0).
    /// </summary>
    [ZaloRange(-1, int.MaxValue, ErrorMessage = "{0} is {1}; it must be -1 (the connection's default database) or a database number (0 or more).")]
    public int Database { get; set; } = -1;

    /// <summary>True when this package opens the connection from <see cref="Configuration"/>
    /// (every <c>UseRedis</c> but the one given a connection).</summary>
    internal bool OpensConnection { get; set; }

    /// <summary>The rules the attributes cannot express; run by the start-up validation, not
    /// meant to be called.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (OpensConnection && string.IsNullOrWhiteSpace(Configuration))
        {
            yield return new ValidationResult("Zalo:Redis:Configuration is required: set it to the StackExchange.Redis configuration string, e.g. localhost:6379 (or pass your own connection to UseRedis).");
        }
    }
}
