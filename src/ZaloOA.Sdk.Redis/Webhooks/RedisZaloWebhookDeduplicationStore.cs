using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZaloOA.Sdk.Redis.Internal;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Redis;

/// <summary>
/// Webhook de-duplication shared by every instance through Redis, so a delivery Zalo sends again
/// (or sends to another instance behind the load balancer) is handled once. Each key is the string
/// <c>{KeyPrefix}webhook:{key}</c>: <see cref="TryBeginAsync"/> sets it to <c>processing</c> with
/// <c>SET NX PX lease</c>, <see cref="CompleteAsync"/> turns it into <c>done</c> for the retention
/// window, and <see cref="AbandonAsync"/> deletes it while it is still <c>processing</c>. Redis
/// expires every key by itself, so nothing needs cleaning up.
/// </summary>
/// <remarks>When Redis cannot be reached every method throws
/// <see cref="ZaloRedisUnavailableException"/>: the webhook endpoint then answers with an error and
/// Zalo delivers the event again later, so no event is dropped.</remarks>
public class RedisZaloWebhookDeduplicationStore : IZaloWebhookDeduplicationStore
{
    private const string Processing = "processing";
    private const string Done = "done";

    // KEYS[1] mark. Deletes a claim that did not complete; never a "done" mark.
    private const string AbandonScript = """
        if redis.call('GET', KEYS[1]) == 'processing' then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    private readonly ZaloRedisConnection _connection;
    private readonly string _prefix;

    /// <summary>Creates the store over an open connection that the app owns and disposes.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">The key prefix and database.</param>
    public RedisZaloWebhookDeduplicationStore(IConnectionMultiplexer connection, ZaloRedisOptions options)
        : this(new ZaloRedisConnection(connection, (options ?? throw new ArgumentNullException(nameof(options))).Database), options)
    {
    }

    internal RedisZaloWebhookDeduplicationStore(ZaloRedisConnection connection, IOptions<ZaloRedisOptions> options)
        : this(connection, options.Value)
    {
    }

    private RedisZaloWebhookDeduplicationStore(ZaloRedisConnection connection, ZaloRedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _prefix = (options.KeyPrefix ?? string.Empty) + "webhook:";
    }

    /// <summary>For mocking.</summary>
    protected RedisZaloWebhookDeduplicationStore()
    {
        _connection = null!;
        _prefix = string.Empty;
    }

    /// <summary>The Redis key of a de-duplication key, for operators inspecting Redis.</summary>
    public virtual string GetMarkKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _prefix + key;
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached; nothing was claimed.</exception>
    public virtual async ValueTask<bool> TryBeginAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(lease, TimeSpan.FromMilliseconds(1));
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            return await db.StringSetAsync(GetMarkKey(key), Processing, lease, When.NotExists).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw Unavailable("claim", key, ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached; the claim stays until its lease ends.</exception>
    public virtual async ValueTask CompleteAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(retention, TimeSpan.FromMilliseconds(1));
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await db.StringSetAsync(GetMarkKey(key), Done, retention).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw Unavailable("complete", key, ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached; the claim stays until its lease ends.</exception>
    public virtual async ValueTask AbandonAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await db.ScriptEvaluateAsync(AbandonScript, [(RedisKey)GetMarkKey(key)]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw Unavailable("release", key, ex);
        }
    }

    private static ZaloRedisUnavailableException Unavailable(string action, string key, Exception ex) =>
        new(null, $"Could not {action} the webhook de-duplication mark {key} because Redis is unavailable ({ex.Message}); Zalo will deliver the event again.", ex);
}
