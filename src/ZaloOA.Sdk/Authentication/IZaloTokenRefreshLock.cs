namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// A lock held while an OA's refresh token is being used. In one process the token manager's
/// single-flight is enough; several instances sharing one token store need a distributed lock
/// (the Redis package provides one) so that only one of them spends the single-use refresh token.
/// </summary>
public interface IZaloTokenRefreshLock
{
    /// <summary>
    /// Waits for and takes the lock of <paramref name="oaId"/>. The lock expires by itself after
    /// <paramref name="lease"/> so a crashed holder cannot block the OA forever; the token store's
    /// version check protects against a holder that outlives its lease.
    /// </summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string oaId, TimeSpan lease, CancellationToken cancellationToken = default);
}

/// <summary>The default lock: per-OA, within this process only.</summary>
public sealed class InProcessZaloTokenRefreshLock : IZaloTokenRefreshLock
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string oaId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var semaphore = _locks.GetOrAdd(oaId, static _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(semaphore);
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
