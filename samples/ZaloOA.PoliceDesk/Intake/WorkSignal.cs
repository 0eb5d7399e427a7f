namespace ZaloOA.PoliceDesk.Intake;

/// <summary>Wakes a background worker when new rows are queued, so it does not wait for its
/// next poll. Losing a signal loses nothing: the rows are in the database and the worker polls.</summary>
public abstract class WorkSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

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

    public Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        Task.WhenAny(_semaphore.WaitAsync(cancellationToken), Task.Delay(timeout, time, cancellationToken));
}

/// <summary>New media to download.</summary>
public sealed class MediaWorkSignal : WorkSignal;

/// <summary>New messages in the outbox.</summary>
public sealed class OutboxWorkSignal : WorkSignal;
