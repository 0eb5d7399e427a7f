using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;

namespace ZaloOA.PoliceDesk.Intake;

/// <summary>
/// A background worker over a durable table: on start it processes whatever is due (so rows left
/// by a previous run are resumed), then waits for a signal or the poll interval.
/// </summary>
public abstract partial class PollingWorker(
    IOptions<DeskOptions> options,
    WorkSignal signal,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    /// <summary>Processes one batch of due rows; returns how many it handled.</summary>
    public abstract Task<int> ProcessDueAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers.Enabled)
        {
            return;
        }

        // Let the host finish starting before the first batch.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await ProcessDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBatchFailed(logger, GetType().Name, ex);
                handled = 0;
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.Workers.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Exponential back-off: 30 s, 1 min, 2 min ... capped at 2 hours.</summary>
    protected static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), 7200));

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} batch failed; will retry.")]
    private static partial void LogBatchFailed(ILogger logger, string worker, Exception exception);
}
