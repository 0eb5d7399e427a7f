namespace ZaloOA.PoliceDesk.Intake;

/// <summary>Wakes a background worker when new rows are queued, so it does not wait for its
/// next poll. Losing a signal loses nothing: the rows are in the database and the worker polls.</summary>
public abstract class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    /// <summary>Wakes the worker (at most one pending wake-up is kept).</summary>
    public void Notify()
    {
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every queued row.
        }
    }

    /// <summary>Waits for a <see cref="Notify"/> or the timeout, whichever comes first.</summary>
    /// <remarks>The wait is cancelled on timeout rather than left pending: a wait left behind would
    /// take the next signal for nobody (the worker then sleeps a whole poll), and such waits pile up.</remarks>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _semaphore.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: poll.
        }
    }
}

/// <summary>New media to download.</summary>
public sealed class MediaWorkSignal : WorkSignal;

/// <summary>New messages in the outbox.</summary>
public sealed class OutboxWorkSignal : WorkSignal;
