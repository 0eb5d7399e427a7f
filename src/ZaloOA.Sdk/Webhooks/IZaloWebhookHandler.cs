namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Handles one webhook event type. Register with
/// <c>AddWebhookHandler&lt;TEvent, THandler&gt;()</c>; handlers are resolved per event in their own
/// DI scope. A handler for a base type (<see cref="UserMessageEvent"/>,
/// <see cref="ZaloMessageEvent"/>, <see cref="MessageStatusEvent"/>, <see cref="FollowerEvent"/>,
/// <see cref="ZaloWebhookEvent"/>) receives every event derived from it.
/// </summary>
/// <typeparam name="TEvent">The event type handled.</typeparam>
/// <remarks>Zalo delivers at least once and a failed handler is retried; de-duplication
/// (<see cref="IZaloWebhookDeduplicationStore"/>) removes most repeats but not every one (a store
/// failure after the handler succeeded, a crash before the event was marked done). Make handlers
/// idempotent, for example with a unique index on <see cref="ZaloWebhookEvent.DeduplicationKey"/>
/// or <see cref="ZaloWebhookEvent.MessageId"/>.</remarks>
public interface IZaloWebhookHandler<in TEvent>
    where TEvent : ZaloWebhookEvent
{
    /// <summary>Handles the event. Throw to mark it failed (it is logged and retried).</summary>
    Task HandleAsync(TEvent webhookEvent, CancellationToken cancellationToken);
}
