using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>
/// Runs queued webhook events through the handlers, retrying a failed event a bounded number of
/// times. On shutdown it stops accepting events and drains the queue until the host's shutdown
/// timeout, after which running handlers are cancelled.
/// </summary>
internal sealed class ZaloWebhookBackgroundService(
    ZaloWebhookQueue queue,
    ZaloWebhookReceiver receiver,
    ZaloWebhookDeduplicator deduplicator,
    IOptions<ZaloWebhookReceiverOptions> options,
    TimeProvider time,
    ILogger<ZaloWebhookBackgroundService> logger) : BackgroundService
{
    private readonly CancellationTokenSource _abort = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(queue.Readers.Select(reader => Task.Run(async () =>
        {
            try
            {
                // Not the stopping token: on shutdown the writer is completed and this loop
                // drains what is left; only the abort token (host timeout) ends it early.
                while (await reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
                {
                    while (reader.TryRead(out var item))
                    {
                        await RunAsync(item).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
            }
        }, CancellationToken.None)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var remaining = queue.Count;
        if (remaining > 0)
        {
            ZaloWebhookLog.Draining(logger, remaining);
        }

        queue.Complete();
        using (cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), _abort))
        {
            if (ExecuteTask is { } running)
            {
                await running.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    private async Task RunAsync(ZaloWebhookEvent webhookEvent)
    {
        var o = options.Value;
        var max = Math.Max(1, o.MaxAttempts);
        for (var attempt = 1; attempt <= max; attempt++)
        {
            if (await receiver.ProcessAsync(webhookEvent, attempt, max, _abort.Token).ConfigureAwait(false))
            {
                return;
            }

            if (attempt < max && o.RetryDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(o.RetryDelay * attempt, time, _abort.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Shutting down: the mark must not stay claimed, or a redelivery would be ignored.
                    await deduplicator.AbandonAsync(webhookEvent, CancellationToken.None).ConfigureAwait(false);
                    return;
                }
            }
        }
    }
}
