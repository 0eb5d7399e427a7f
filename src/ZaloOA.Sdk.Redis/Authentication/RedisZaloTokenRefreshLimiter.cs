using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Redis.Internal;

namespace ZaloOA.Sdk.Redis;

/// <summary>
/// The app-wide refresh limit: at most <see cref="ZaloOAOptions.MaxTokenRefreshesPerSecond"/> due
/// token refreshes a second for every instance of the app together, counted in the hash
/// <c>{KeyPrefix}refresh-limit:{appId}</c> (fields <c>second</c>, <c>used</c>) by one Lua script
/// per permit, so two instances can never both take the last permit of a second.
/// </summary>
/// <remarks>
/// <para>The seconds are those of the app's <see cref="TimeProvider"/> (so tests and load
/// harnesses that move the clock see the limit move with it), not Redis's own clock. Windows only
/// move forward: an instance whose clock lags behind the newest second Redis has seen counts its
/// permits into that newest second. Clock skew between instances therefore never grants more than
/// the limit in any window; it only shifts where a lagging instance's seconds begin, by the skew
/// (milliseconds between NTP-synchronised hosts). A clock far ahead can only slow refreshes down:
/// after the instance with the fastest clock stops taking permits, the others count into its
/// second until theirs reach it, or until the key expires after a minute without permits.</para>
/// <para>When Redis fails (unreachable, too slow, or refusing the script), the limiter does not
/// deny: denying would leave every due OA to run into its expiry, where refreshes are made
/// without a permit, which is the very burst the limit exists to prevent. It logs once, counts
/// this process's refreshes against the same limit for
/// <see cref="ZaloRedisOptions.RefreshLimitFallbackDuration"/> (N instances may then start N times
/// the limit), then asks Redis again, and logs when Redis answers again.</para>
/// </remarks>
public partial class RedisZaloTokenRefreshLimiter : IZaloTokenRefreshLimiter
{
    // KEYS[1] the app's limit hash; ARGV[1] the caller's current second, ARGV[2] the limit,
    // ARGV[3] the key's expiry in ms. Returns 1 when a permit was taken, 0 when none is left.
    // The stored second never goes back (see the remarks on clock skew).
    private const string AcquireScript = """
        local now = tonumber(ARGV[1])
        local state = redis.call('HMGET', KEYS[1], 'second', 'used')
        local second = tonumber(state[1])
        local used = tonumber(state[2])
        if second == nil or used == nil or now > second then
          second = now
          used = 0
        end
        if used >= tonumber(ARGV[2]) then
          return 0
        end
        redis.call('HSET', KEYS[1], 'second', second, 'used', used + 1)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    // Only garbage collection of an idle app's key (on Redis's clock); long enough that a window
    // in progress is never forgotten, short enough to bound the stall a far-ahead clock can cause.
    private const long KeyExpiryMilliseconds = 60_000;

    private readonly ZaloRedisConnection _connection;
    private readonly string _keyPrefix;
    private readonly TimeSpan _fallbackDuration;
    private readonly IOptionsMonitor<ZaloOAOptions> _zaloOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InProcessZaloTokenRefreshLimiter _fallback;

    // Until when (UTC ticks of _time) the per-process limit is used instead of Redis; 0 when not.
    private long _fallbackUntil;

    /// <summary>Creates the limiter over an open connection that the app owns and disposes.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">The key prefix, database and fallback duration.</param>
    /// <param name="zaloOptions">The SDK's options: <see cref="ZaloOAOptions.AppId"/> names the key,
    /// <see cref="ZaloOAOptions.MaxTokenRefreshesPerSecond"/> is the limit (read on every call).</param>
    /// <param name="timeProvider">The clock whose seconds are the windows.</param>
    /// <param name="logger">Where a fallback is logged; none when null.</param>
    public RedisZaloTokenRefreshLimiter(
        IConnectionMultiplexer connection,
        ZaloRedisOptions options,
        IOptionsMonitor<ZaloOAOptions> zaloOptions,
        TimeProvider timeProvider,
        ILogger<RedisZaloTokenRefreshLimiter>? logger = null)
        : this(new ZaloRedisConnection(connection, (options ?? throw new ArgumentNullException(nameof(options))).Database), options, zaloOptions, timeProvider, logger)
    {
    }

    internal RedisZaloTokenRefreshLimiter(ZaloRedisConnection connection, ZaloRedisOptions options, IOptionsMonitor<ZaloOAOptions> zaloOptions, TimeProvider timeProvider, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zaloOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.RefreshLimitFallbackDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RefreshLimitFallbackDuration, "Zalo:Redis:RefreshLimitFallbackDuration must be positive.");
        }

        _connection = connection;
        _keyPrefix = (options.KeyPrefix ?? string.Empty) + "refresh-limit:";
        _fallbackDuration = options.RefreshLimitFallbackDuration;
        _zaloOptions = zaloOptions;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _fallback = new InProcessZaloTokenRefreshLimiter(zaloOptions, timeProvider);
    }

    /// <summary>For mocking.</summary>
    protected RedisZaloTokenRefreshLimiter()
    {
        _connection = null!;
        _keyPrefix = string.Empty;
        _zaloOptions = null!;
        _time = TimeProvider.System;
        _logger = NullLogger.Instance;
        _fallback = null!;
    }

    /// <summary>The key of the app's limit (<see cref="ZaloOAOptions.AppId"/>), for operators inspecting Redis.</summary>
    public virtual string GetLimitKey() => _keyPrefix + _zaloOptions.CurrentValue.AppId;

    /// <inheritdoc />
    /// <remarks>Never throws for a Redis failure: the per-process limit answers instead (see the class remarks).</remarks>
    public virtual async ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        if (now.UtcTicks < Volatile.Read(ref _fallbackUntil))
        {
            return await _fallback.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
        }

        bool taken;
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            var result = await db.ScriptEvaluateAsync(
                AcquireScript,
                [(RedisKey)GetLimitKey()],
                [
                    now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                    _zaloOptions.CurrentValue.MaxTokenRefreshesPerSecond,
                    KeyExpiryMilliseconds,
                ]).ConfigureAwait(false);
            taken = (long)result == 1;
        }
        catch (RedisException ex)
        {
            // RedisConnectionException, RedisTimeoutException and RedisServerException (out of
            // memory, a read-only replica, scripts disabled) alike: the limit must keep answering.
            if (Interlocked.Exchange(ref _fallbackUntil, (now + _fallbackDuration).UtcTicks) == 0)
            {
                Log.FallingBack(_logger, ex, _fallbackDuration.TotalSeconds);
            }

            return await _fallback.TryAcquireAsync(cancellationToken).ConfigureAwait(false);
        }

        if (Volatile.Read(ref _fallbackUntil) != 0 && Interlocked.Exchange(ref _fallbackUntil, 0) != 0)
        {
            Log.Restored(_logger);
        }

        return taken;
    }

    private static partial class Log
    {
        [LoggerMessage(2111, LogLevel.Warning, "The app-wide token refresh limit in Redis failed to answer; each instance now counts its own refreshes against Zalo:MaxTokenRefreshesPerSecond and asks Redis again every {Seconds:0.#} s. Logged once until Redis answers again.")]
        public static partial void FallingBack(ILogger logger, Exception exception, double seconds);

        [LoggerMessage(2112, LogLevel.Information, "The app-wide token refresh limit in Redis answers again; refreshes are counted across every instance once more.")]
        public static partial void Restored(ILogger logger);
    }
}
