using System.Collections.Concurrent;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// A token store in process memory. Tokens are lost when the process ends, which with Zalo's
/// single-use refresh tokens means re-authorising every OA: use it for tests and short-lived tools,
/// and <see cref="FileZaloTokenStore"/> or the Redis store for anything that runs for real.
/// </summary>
public class InMemoryZaloTokenStore : IZaloTokenStore
{
    private readonly ConcurrentDictionary<string, ZaloTokenSet> _tokens = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public virtual ValueTask<ZaloTokenSet?> GetAsync(string oaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        return ValueTask.FromResult(_tokens.TryGetValue(oaId, out var set) ? set : null);
    }

    /// <inheritdoc />
    public virtual ValueTask<bool> TrySaveAsync(string oaId, ZaloTokenSet tokens, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentNullException.ThrowIfNull(tokens);
        if (expectedVersion is null)
        {
            _tokens[oaId] = tokens;
            return ValueTask.FromResult(true);
        }

        if (_tokens.TryGetValue(oaId, out var current))
        {
            return ValueTask.FromResult(current.Version == expectedVersion && _tokens.TryUpdate(oaId, tokens, current));
        }

        // No record yet: only a writer that expected "nothing" (version 0) may create it.
        return ValueTask.FromResult(expectedVersion == 0 && _tokens.TryAdd(oaId, tokens));
    }

    /// <inheritdoc />
    public virtual ValueTask RemoveAsync(string oaId, CancellationToken cancellationToken = default)
    {
        _tokens.TryRemove(oaId, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public virtual ValueTask<IReadOnlyList<string>> ListOaIdsAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<string>>([.. _tokens.Keys]);
}
