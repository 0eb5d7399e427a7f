using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Redis.Internal;

namespace ZaloOA.Sdk.Redis;

/// <summary>
/// A token store in Redis shared by every instance of the app. Each OA's record is a hash at
/// <c>{KeyPrefix}tokens:{oaId}</c> with the fields <c>version</c> and <c>tokens</c> (the
/// <see cref="ZaloTokenSet"/> as JSON); <see cref="TrySaveAsync"/> is a compare-and-set on
/// <c>version</c> done by one Lua script, which also keeps the set <c>{KeyPrefix}oa-ids</c> that
/// <see cref="ListOaIdsAsync"/> reads (no KEYS or SCAN).
/// </summary>
/// <remarks>
/// The records hold live credentials: protect the Redis server (password or ACL, TLS, private
/// network) as you would the app's secrets. When Redis cannot be reached every method throws
/// <see cref="ZaloRedisUnavailableException"/>; the token manager then keeps a rotated pair it
/// could not save in memory and saves it on the next call, so nothing is lost.
/// </remarks>
public class RedisZaloTokenStore : IZaloTokenStore
{
    // KEYS[1] record, KEYS[2] id set; ARGV[1] expected version ('' = unconditional),
    // ARGV[2] new version, ARGV[3] JSON, ARGV[4] OA id. Returns 1 when written, 0 on conflict.
    private const string SaveScript = """
        if ARGV[1] ~= '' then
          local current = redis.call('HGET', KEYS[1], 'version')
          if current == false then
            if ARGV[1] ~= '0' then return 0 end
          elseif current ~= ARGV[1] then
            return 0
          end
        end
        redis.call('HSET', KEYS[1], 'version', ARGV[2], 'tokens', ARGV[3])
        redis.call('SADD', KEYS[2], ARGV[4])
        return 1
        """;

    // KEYS[1] record, KEYS[2] id set; ARGV[1] OA id.
    private const string RemoveScript = """
        redis.call('DEL', KEYS[1])
        redis.call('SREM', KEYS[2], ARGV[1])
        return 1
        """;

    private readonly ZaloRedisConnection _connection;
    private readonly string _recordPrefix;
    private readonly RedisKey _idsKey;

    /// <summary>Creates the store over an open connection that the app owns and disposes.</summary>
    /// <param name="connection">The Redis connection.</param>
    /// <param name="options">The key prefix and database.</param>
    public RedisZaloTokenStore(IConnectionMultiplexer connection, ZaloRedisOptions options)
        : this(new ZaloRedisConnection(connection, (options ?? throw new ArgumentNullException(nameof(options))).Database), options)
    {
    }

    internal RedisZaloTokenStore(ZaloRedisConnection connection, IOptions<ZaloRedisOptions> options)
        : this(connection, options.Value)
    {
    }

    private RedisZaloTokenStore(ZaloRedisConnection connection, ZaloRedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        var prefix = options.KeyPrefix ?? string.Empty;
        _recordPrefix = prefix + "tokens:";
        _idsKey = prefix + "oa-ids";
    }

    /// <summary>For mocking.</summary>
    protected RedisZaloTokenStore()
    {
        _connection = null!;
        _recordPrefix = string.Empty;
    }

    /// <summary>The key of an OA's token record, for operators inspecting Redis.</summary>
    public virtual string GetRecordKey(string oaId)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        return _recordPrefix + oaId;
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached.</exception>
    public virtual async ValueTask<ZaloTokenSet?> GetAsync(string oaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        RedisValue json;
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            json = await db.HashGetAsync(GetRecordKey(oaId), "tokens").WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new ZaloRedisUnavailableException(oaId, $"Could not read the tokens of OA {oaId} from Redis: {ex.Message}", ex);
        }

        if (json.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize((byte[])json!, ZaloRedisJsonContext.Default.ZaloTokenSet);
        }
        catch (JsonException ex)
        {
            throw new ZaloTokenStoreException(oaId, $"The token record of OA {oaId} in Redis ({GetRecordKey(oaId)}) is not valid JSON; fix or delete it and authorise the OA again.", null, ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached; nothing is known to be written.</exception>
    public virtual async ValueTask<bool> TrySaveAsync(string oaId, ZaloTokenSet tokens, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentNullException.ThrowIfNull(tokens);
        var json = JsonSerializer.SerializeToUtf8Bytes(tokens, ZaloRedisJsonContext.Default.ZaloTokenSet);
        RedisResult result;
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            // Not abandoned on cancellation: once sent, the write may land, and the caller must
            // learn whether it did.
            result = await db.ScriptEvaluateAsync(
                SaveScript,
                [GetRecordKey(oaId), _idsKey],
                [
                    expectedVersion is { } expected ? expected.ToString(CultureInfo.InvariantCulture) : string.Empty,
                    tokens.Version.ToString(CultureInfo.InvariantCulture),
                    json,
                    oaId,
                ]).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new ZaloRedisUnavailableException(oaId, $"Could not save the tokens of OA {oaId} to Redis: {ex.Message}", ex);
        }

        return (long)result == 1;
    }

    /// <inheritdoc />
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached.</exception>
    public virtual async ValueTask RemoveAsync(string oaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await db.ScriptEvaluateAsync(RemoveScript, [GetRecordKey(oaId), _idsKey], [oaId]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new ZaloRedisUnavailableException(oaId, $"Could not remove the tokens of OA {oaId} from Redis: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads one set (SMEMBERS); the ids come back in ordinal order.</remarks>
    /// <exception cref="ZaloRedisUnavailableException">Redis could not be reached.</exception>
    public virtual async ValueTask<IReadOnlyList<string>> ListOaIdsAsync(CancellationToken cancellationToken = default)
    {
        RedisValue[] members;
        try
        {
            var db = await _connection.GetDatabaseAsync(cancellationToken).ConfigureAwait(false);
            members = await db.SetMembersAsync(_idsKey).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new ZaloRedisUnavailableException(null, $"Could not list the OA ids in Redis: {ex.Message}", ex);
        }

        var ids = new string[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            ids[i] = members[i].ToString();
        }

        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }
}
