using System.Collections.Concurrent;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Remembers which webhook deliveries are being processed or are done, so Zalo's redeliveries
/// (at-least-once, same <c>msg_id</c>) are handled once. Keys come from
/// <see cref="ZaloWebhookEvent.DeduplicationKey"/>. A distributed implementation (e.g. Redis
/// <c>SET NX PX</c>) lets several instances share it.
/// </summary>
/// <remarks>
/// Life of a key: <see cref="TryBeginAsync"/> claims it for a lease (another claim fails while the
/// lease lasts, and the lease expiring lets a redelivery through if the process died);
/// <see cref="CompleteAsync"/> turns it into "done" for the retention window;
/// <see cref="AbandonAsync"/> releases it so a redelivery is processed.
/// <para>
/// De-duplication narrows Zalo's at-least-once delivery; it does not make it exactly-once, so
/// handlers must still be idempotent. <see cref="ZaloWebhookDeduplicator"/> (used by the webhook
/// endpoint) tries <see cref="CompleteAsync"/> three times after the handlers succeeded and never
/// re-runs them because of a store failure; if the store still fails (or the process dies between the handlers
/// and <see cref="CompleteAsync"/>), the key stays claimed only until its lease ends, and a
/// redelivery after that runs the handlers again. A failing <see cref="AbandonAsync"/> likewise
/// leaves the claim to expire with its lease.
/// </para>
/// <para>Implementations: <see cref="CompleteAsync"/> and <see cref="AbandonAsync"/> may be called
/// more than once for a key and must be idempotent; throw when the store cannot be reached (never
/// report a claim that was not made).</para>
/// </remarks>
public interface IZaloWebhookDeduplicationStore
{
    /// <summary>Atomically claims <paramref name="key"/> for <paramref name="lease"/>; false when it
    /// is already claimed or completed (a duplicate).</summary>
    ValueTask<bool> TryBeginAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Marks the key done; duplicates are refused for <paramref name="retention"/>.</summary>
    ValueTask CompleteAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default);

    /// <summary>Releases a claim that did not complete, so the next delivery is processed.</summary>
    ValueTask AbandonAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>The default, single-process <see cref="IZaloWebhookDeduplicationStore"/> (lost on restart).</summary>
public class InMemoryZaloWebhookDeduplicationStore : IZaloWebhookDeduplicationStore
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _operations;

    /// <summary>Creates the store over the system clock.</summary>
    public InMemoryZaloWebhookDeduplicationStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates the store over a clock.</summary>
    public InMemoryZaloWebhookDeduplicationStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>How many keys are held (including expired ones not yet purged).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public virtual ValueTask<bool> TryBeginAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        PurgeOccasionally(now);
        var expires = now + lease;
        while (true)
        {
            if (_entries.TryAdd(key, expires))
            {
                return ValueTask.FromResult(true);
            }

            if (!_entries.TryGetValue(key, out var current))
            {
                continue;
            }

            if (current > now)
            {
                return ValueTask.FromResult(false);
            }

            // Expired: take it over only if nobody else did in between.
            if (_entries.TryUpdate(key, expires, current))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    /// <inheritdoc />
    public virtual ValueTask CompleteAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries[key] = _time.GetUtcNow() + retention;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public virtual ValueTask AbandonAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        _entries.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private void PurgeOccasionally(DateTimeOffset now)
    {
        // Amortised clean-up keeps memory bounded by the retention window without a timer.
        if (Interlocked.Increment(ref _operations) % 1024 != 0)
        {
            return;
        }

        foreach (var entry in _entries)
        {
            if (entry.Value <= now)
            {
                _entries.TryRemove(entry);
            }
        }
    }
}
