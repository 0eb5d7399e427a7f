using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Redis.Internal;

namespace ZaloOA.Sdk.Redis;

/// <summary>
/// A refresh lock shared by every instance of the app through Redis, so that exactly one instance
/// spends an OA's single-use refresh token. The lock is the key <c>{KeyPrefix}lock:{oaId}</c>, set
/// with <c>SET key owner NX PX lease</c> to a random value that identifies this holder; it is
/// released by a Lua script only while that value is still there, so a holder whose lease ran out
/// never releases someone else's lock.
/// </summary>
/// <remarks>
/// <para>Waiting: the key is polled with a short, growing, jittered delay (10 ms up to 250 ms) until
/// it is free, the caller's token is cancelled (<see cref="OperationCanceledException"/>), or
/// <see cref="ZaloRedisOptions.LockWaitTimeout"/> passes (<see cref="ZaloRefreshLockTimeoutException"/>).</para>
/// <para>When Redis cannot be reached the lock fails closed with
/// <see cref="ZaloRedisUnavailableException"/>: no refresh happens without the lock, so no refresh
/// token is spent. Access tokens an instance already holds in memory keep being served until they
/// are due for refresh.</para>
/// <para>If a holder outlives its lease (a very slow Zalo answer), a second instance may refresh
/// too; the store's version check then keeps the pair written first and the later writer adopts
/// it. The token manager asks for a lease longer than its OAuth call's timeout to make that rare.</para>
/// </remarks>
public partial class RedisZaloTokenRefreshLock : IZaloTokenRefreshLock
{
    // KEYS[1] lock; ARGV[1] owner. Deletes the key only while this holder still owns it.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromMilliseconds(250);

    private readonly ZaloRedisConnection _connection;
    private readonly string _lockPrefix;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the lock over an open connection that the app owns and disposes.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">The key prefix, database and maximum wait.</param>
    /// <param name="logger">Where lock problems are logged; none when null.</param>
    public RedisZaloTokenRefreshLock(IConnectionMultiplexer connection, ZaloRedisOptions options, ILogger<RedisZaloTokenRefreshLock>? logger = null)
        : this(new ZaloRedisConnection(connection, (options ?? throw new ArgumentNullException(nameof(options))).Database), options, TimeProvider.System, logger)
    {
    }

    internal RedisZaloTokenRefreshLock(ZaloRedisConnection connection, IOptions<ZaloRedisOptions> options, ILogger<RedisZaloTokenRefreshLock> logger)
        // The lease runs on Redis's clock, so waiting for it uses the real clock too, never a
        // fake clock a test may have registered for token expiry.
        : this(connection, options.Value, TimeProvider.System, logger)
    {
    }

    private RedisZaloTokenRefreshLock(ZaloRedisConnection connection, ZaloRedisOptions options, TimeProvider time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LockWaitTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LockWaitTimeout, "Zalo:Redis:LockWaitTimeout must be positive.");
        }

        _connection = connection;
        _lockPrefix = (options.KeyPrefix ?? string.Empty) + "lock:";
        _maxWait = options.LockWaitTimeout;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>For mocking.</summary>
    protected RedisZaloTokenRefreshLock()
    {
        _connection = null!;
        _lockPrefix = string.Empty;
        _time = TimeProvider.System;
        _logger = NullLogger.Instance;
    }

    /// <summary>The key of an OA's lock, for operators inspecting Redis.</summary>
    public virtual string GetLockKey(string oaId)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        return _lockPrefix + oaId;
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached; the lock was not taken.</exception>
    /// <exception cref="ZaloRefreshLockTimeoutException">Another holder kept the lock longer than <see cref="ZaloRedisOptions.LockWaitTimeout"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public virtual async ValueTask<IAsyncDisposable> AcquireAsync(string oaId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.FromMilliseconds(1));
        var key = (RedisKey)GetLockKey(oaId);
        var owner = (RedisValue)Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var started = _time.GetTimestamp();
        var delay = FirstPollDelay;
        IDatabase db;
        try
        {
            db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw Unavailable(oaId, ex);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool taken;
            try
            {
                taken = await db.StringSetAsync(key, owner, lease, When.NotExists).ConfigureAwait(false);
            }
            catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
            {
                throw Unavailable(oaId, ex);
            }

            if (taken)
            {
                return new Releaser(this, db, key, owner, oaId);
            }

            var waited = _time.GetElapsedTime(started);
            if (waited >= _maxWait)
            {
                Log.LockWaitTimedOut(_logger, oaId, waited.TotalSeconds);
                throw new ZaloRefreshLockTimeoutException(oaId, waited);
            }

            // Jitter keeps instances that started waiting together from polling in lock step.
            var jittered = delay * (0.5 + Random.Shared.NextDouble());
            var remaining = _maxWait - waited;
            await Task.Delay(jittered < remaining ? jittered : remaining, _time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < MaxPollDelay ? delay * 2 : MaxPollDelay;
        }
    }

    private static ZaloRedisUnavailableException Unavailable(string oaId, Exception ex) =>
        new(oaId, $"Could not take the refresh lock of OA {oaId} because Redis is unavailable ({ex.Message}). No refresh was attempted, so no refresh token was spent; tokens already in memory stay in use.", ex);

    private async ValueTask ReleaseAsync(IDatabase db, RedisKey key, RedisValue owner, string oaId)
    {
        try
        {
            var released = (long)await db.ScriptEvaluateAsync(ReleaseScript, [key], [owner]).ConfigureAwait(false);
            if (released == 0)
            {
                // The lease ran out before the work ended; someone else may have refreshed too.
                Log.LeaseExpiredBeforeRelease(_logger, oaId);
            }
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            // Not thrown: the work under the lock is done, and the lease ends the lock by itself.
            Log.ReleaseFailed(_logger, ex, oaId);
        }
    }

    private sealed class Releaser(RedisZaloTokenRefreshLock owner, IDatabase db, RedisKey key, RedisValue value, string oaId) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? owner.ReleaseAsync(db, key, value, oaId) : ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(2101, LogLevel.Warning, "The Redis refresh lock of OA {OaId} expired before it was released: the work under it took longer than its lease, so another instance may have refreshed too (the token store keeps the first pair written).")]
        public static partial void LeaseExpiredBeforeRelease(ILogger logger, string oaId);

        [LoggerMessage(2102, LogLevel.Warning, "Could not release the Redis refresh lock of OA {OaId}; it expires with its lease.")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, string oaId);

        [LoggerMessage(2103, LogLevel.Warning, "Gave up waiting for the Redis refresh lock of OA {OaId} after {Seconds:0.#} s.")]
        public static partial void LockWaitTimedOut(ILogger logger, string oaId, double seconds);
    }
}
