using Microsoft.Extensions.Caching.Memory;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>
/// Zalo's answer to "when did this citizen last interact with this OA", kept for a minute per OA
/// and citizen, so opening and reopening a case page does not cost a Zalo round trip each time.
/// Bounded (10,000 entries, then the oldest go): a national desk has many citizens. A stale answer
/// costs nothing: the window is computed from the later of it and the desk's own last message.
/// </summary>
public sealed class LastInteractionCache(TimeProvider time) : IDisposable
{
    /// <summary>How long an answer is used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const int MaxEntries = 10_000;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries, CompactionPercentage = 0.25 });

    /// <summary>Zalo's last interaction for the pair, when an answer younger than <see cref="Lifetime"/> is kept.</summary>
    public bool TryGet(string oaId, string userId, out DateTimeOffset? lastInteraction)
    {
        // The age is checked on the desk's clock (tests move it); the cache's own expiry only frees memory.
        if (_cache.TryGetValue((oaId, userId), out Entry? entry) && entry is not null && time.GetUtcNow() - entry.FetchedAt < Lifetime)
        {
            lastInteraction = entry.LastInteraction;
            return true;
        }

        lastInteraction = null;
        return false;
    }

    /// <summary>Keeps Zalo's answer (failures are not kept: the next view asks again).</summary>
    public void Set(string oaId, string userId, DateTimeOffset? lastInteraction) =>
        _cache.Set((oaId, userId), new Entry(lastInteraction, time.GetUtcNow()), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private sealed record Entry(DateTimeOffset? LastInteraction, DateTimeOffset FetchedAt);
}
