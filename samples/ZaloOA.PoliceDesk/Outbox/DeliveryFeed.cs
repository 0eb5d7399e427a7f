using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>A message to a citizen changed delivery state (queued, sent, waiting to retry, failed).</summary>
/// <param name="OutboxId">The outbox row.</param>
/// <param name="CaseId">Its case; null for menu answers outside a case.</param>
/// <param name="CaseMessageId">Its conversation row, with <paramref name="CaseId"/>.</param>
/// <param name="Status">The new state.</param>
/// <param name="Reason">Why the last attempt failed, or null.</param>
/// <param name="ZaloMessageId">Zalo's message id once sent.</param>
public sealed record DeliveryChange(int OutboxId, int? CaseId, int? CaseMessageId, DeliveryStatus Status, string? Reason, string? ZaloMessageId);

/// <summary>
/// In-process notifications of delivery changes, raised after each change is committed, for live
/// views to subscribe to. Only this instance's changes are raised; a view that must see every
/// instance's reads the database. A failing subscriber is logged and does not stop the others.
/// </summary>
public sealed partial class DeliveryFeed(ILogger<DeliveryFeed> logger)
{
    /// <summary>Raised on the thread that committed the change; keep handlers short.</summary>
    public event EventHandler<DeliveryChange>? Changed;

    internal void Publish(DeliveryChange change)
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<EventHandler<DeliveryChange>>())
        {
            // A subscriber's bug must not look like a failed send: the change is committed.
            try
            {
                handler(this, change);
            }
            catch (Exception ex)
            {
                LogSubscriberFailed(logger, change.OutboxId, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A delivery subscriber failed on outbox row {OutboxId}.")]
    private static partial void LogSubscriberFailed(ILogger logger, int outboxId, Exception exception);
}
