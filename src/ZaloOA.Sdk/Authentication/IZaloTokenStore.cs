namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// Where each Official Account's tokens live. Implementations must make
/// <see cref="TrySaveAsync"/> a compare-and-set on <see cref="ZaloTokenSet.Version"/>, so that two
/// writers racing with the same base version cannot both win.
/// </summary>
/// <remarks>Built in: <see cref="InMemoryZaloTokenStore"/> (single process, lost on restart) and
/// <see cref="FileZaloTokenStore"/> (one JSON file, atomic replace). The Redis package adds a store
/// shared by many instances.</remarks>
public interface IZaloTokenStore
{
    /// <summary>Reads an OA's tokens, or null when the OA has none.</summary>
    ValueTask<ZaloTokenSet?> GetAsync(string oaId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="tokens"/> (whose <see cref="ZaloTokenSet.Version"/> is the new version)
    /// only if the stored record's version equals <paramref name="expectedVersion"/>; null means
    /// "whatever is stored" (used when a person authorises the OA anew). Returns false, and changes
    /// nothing, when the stored version differs. Throws when the write itself fails.
    /// </summary>
    ValueTask<bool> TrySaveAsync(string oaId, ZaloTokenSet tokens, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Removes an OA's tokens (for example when the OA is unlinked).</summary>
    ValueTask RemoveAsync(string oaId, CancellationToken cancellationToken = default);

    /// <summary>Lists the OA ids that have a record, for health checks and administration.</summary>
    ValueTask<IReadOnlyList<string>> ListOaIdsAsync(CancellationToken cancellationToken = default);
}
