using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Live;

/// <summary>
/// This instance's view of the newest <see cref="DeskChange"/> id. One loop per instance reads
/// <c>MAX(Id)</c> every <see cref="LiveOptions.PollInterval"/> (changes of other instances) or at
/// once when <see cref="DeskChangeRecorder"/> wakes it (this instance's), and releases the live
/// connections waiting for something newer; each connection then reads only the changes it may
/// see. However many pages are open, the database gets one cheap query per instance per interval.
/// The loop also deletes change rows and unmatched Zalo events past their retention.
/// </summary>
public sealed partial class DeskChangeFeed(IServiceScopeFactory scopes, IOptions<LiveOptions> options, TimeProvider time, ILogger<DeskChangeFeed> logger) : BackgroundService
{
    private static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _latest;
    private DateTimeOffset _nextRetention = DateTimeOffset.MinValue;

    /// <summary>The newest change id this instance has seen (a safe starting cursor for a page:
    /// never ahead of the database).</summary>
    public long Latest
    {
        get { lock (_gate) { return _latest; } }
    }

    /// <summary>Asks the loop to look now (a change was committed on this instance).</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken; one look covers every change.
        }
    }

    /// <summary>Completes when a change newer than <paramref name="after"/> is known (at once if it already is).</summary>
    public Task WaitForChangeAsync(long after, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _latest > after ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Reads the newest change id now and releases waiting connections if it moved.</summary>
    public async Task PollAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var latest = await db.DeskChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        TaskCompletionSource? release = null;
        lock (_gate)
        {
            if (latest > _latest)
            {
                _latest = latest;
                release = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        release?.TrySetResult();
        var now = time.GetUtcNow();
        if (now >= _nextRetention)
        {
            _nextRetention = now + RetentionInterval;
            var settings = options.Value;
            var changes = await db.DeskChanges.Where(c => c.At < now - settings.ChangeRetention).ExecuteDeleteAsync(cancellationToken);
            var unmatched = await db.UnmatchedZaloEvents.Where(u => u.ReceivedAt < now - settings.UnmatchedRetention).ExecuteDeleteAsync(cancellationToken);
            if (changes + unmatched > 0)
            {
                LogPurged(logger, changes, unmatched);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and the database initializer run) first.
        await Task.Yield();
        // One pending wait on the wake signal across rounds: a new wait each round would leave the
        // old ones queued on the semaphore, and a wake would release an abandoned one.
        Task? wake = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPollFailed(logger, ex);
            }

            wake ??= _wake.WaitAsync(stoppingToken);
            if (await Task.WhenAny(wake, Task.Delay(options.Value.PollInterval, time, stoppingToken)) == wake)
            {
                wake = null;
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for live changes failed; will look again.")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live retention deleted {Changes} change rows and {Unmatched} unmatched Zalo events.")]
    private static partial void LogPurged(ILogger logger, int changes, int unmatched);
}
