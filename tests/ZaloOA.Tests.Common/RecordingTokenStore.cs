using System.Collections.Concurrent;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Tests.Common;

/// <summary>
/// A token store wrapper that records every save, can run a callback just before a save is applied
/// (to look at what had been sent to Zalo at that moment) and can be told to fail the next saves.
/// </summary>
public sealed class RecordingTokenStore : IZaloTokenStore
{
    private int _failSaves;

    /// <summary>Wraps <paramref name="inner"/> (a new in-memory store when null).</summary>
    public RecordingTokenStore(IZaloTokenStore? inner = null) => Inner = inner ?? new InMemoryZaloTokenStore();

    /// <summary>The store that really keeps the tokens.</summary>
    public IZaloTokenStore Inner { get; }

    /// <summary>Every set passed to <see cref="TrySaveAsync"/>, in call order (failed ones too).</summary>
    public ConcurrentQueue<ZaloTokenSet> Saves { get; } = new();

    /// <summary>Runs before each save is applied.</summary>
    public Action<ZaloTokenSet>? BeforeSave { get; set; }

    /// <summary>How many of the next saves throw an <see cref="IOException"/> instead of saving.</summary>
    public int FailSaves
    {
        get => Volatile.Read(ref _failSaves);
        set => Volatile.Write(ref _failSaves, value);
    }

    /// <inheritdoc />
    public ValueTask<ZaloTokenSet?> GetAsync(string oaId, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(oaId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<bool> TrySaveAsync(string oaId, ZaloTokenSet tokens, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        Saves.Enqueue(tokens);
        BeforeSave?.Invoke(tokens);
        for (var n = FailSaves; n > 0; n = FailSaves)
        {
            if (Interlocked.CompareExchange(ref _failSaves, n - 1, n) == n)
            {
                throw new IOException("Simulated token store outage.");
            }
        }

        return Inner.TrySaveAsync(oaId, tokens, expectedVersion, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(string oaId, CancellationToken cancellationToken = default) =>
        Inner.RemoveAsync(oaId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListOaIdsAsync(CancellationToken cancellationToken = default) =>
        Inner.ListOaIdsAsync(cancellationToken);
}
