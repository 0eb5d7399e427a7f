using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>What <see cref="ZaloWebhookDeduplicator.ProcessAsync"/> did with an event.</summary>
public enum ZaloWebhookProcessingOutcome
{
    /// <summary>The handler ran and the event is marked handled: redeliveries are ignored for
    /// <see cref="ZaloWebhookOptions.DeduplicationWindow"/>.</summary>
    Handled = 0,

    /// <summary>A redelivery of an event being handled or already handled: the handler did not run.</summary>
    Duplicate,

    /// <summary>The handler ran, but the store could not mark the event handled after
    /// <see cref="ZaloWebhookDeduplicator.CompleteAttempts"/> tries: redeliveries are ignored only
    /// until <see cref="ZaloWebhookOptions.ProcessingLease"/> ends, and one after that runs the
    /// handler again (delivery is at-least-once).</summary>
    HandledButNotMarked,
}

/// <summary>
/// Runs each webhook event's handlers once across Zalo's redeliveries (at-least-once, same
/// <c>msg_id</c>), over the registered <see cref="IZaloWebhookDeduplicationStore"/> and keyed by
/// <see cref="ZaloWebhookEvent.DeduplicationKey"/>. The ASP.NET Core endpoint uses it; a queue
/// consumer or any host without a web server gets the same guarantees from
/// <see cref="ProcessAsync"/>, or from the three steps it is made of:
/// <see cref="TryBeginAsync"/> claims the event for <see cref="ZaloWebhookOptions.ProcessingLease"/>,
/// <see cref="CompleteAsync"/> marks it handled for <see cref="ZaloWebhookOptions.DeduplicationWindow"/>,
/// and <see cref="AbandonAsync"/> releases it so a redelivery is handled. Registered by <c>AddWebhooks</c>.
/// </summary>
/// <remarks>De-duplication narrows at-least-once delivery; it does not make it exactly-once: if the
/// store fails after a handler succeeded, or the process dies between the two, a redelivery after
/// the processing lease runs the handler again. Make handlers idempotent (see
/// <see cref="IZaloWebhookHandler{TEvent}"/>).</remarks>
public partial class ZaloWebhookDeduplicator
{
    /// <summary>How often marking an event handled is tried after its handler succeeded.</summary>
    public const int CompleteAttempts = 3;

    /// <summary>Pause before another try to mark an event handled, multiplied by the try number.</summary>
    internal static readonly TimeSpan CompleteRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly IZaloWebhookDeduplicationStore _store = null!;
    private readonly IOptionsMonitor<ZaloWebhookOptions> _options = null!;
    private readonly ILogger _logger = NullLogger.Instance;

    /// <summary>For mocking only.</summary>
    protected ZaloWebhookDeduplicator()
    {
    }

    /// <summary>Creates the de-duplicator over a store.</summary>
    public ZaloWebhookDeduplicator(IZaloWebhookDeduplicationStore store, IOptionsMonitor<ZaloWebhookOptions> options, ILogger<ZaloWebhookDeduplicator> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _options = options;
        _logger = logger;
    }

    /// <summary>
    /// Claims the event, then runs <paramref name="handler"/>, then marks the event handled. A
    /// redelivery of an event being handled or handled already is not run (<see cref="ZaloWebhookProcessingOutcome.Duplicate"/>).
    /// When the handler throws (or is cancelled), the claim is released and the exception
    /// propagates, so your queue's retry or Zalo's redelivery runs it again.
    /// </summary>
    /// <param name="webhookEvent">A verified, parsed event.</param>
    /// <param name="handler">What to run once, e.g. <c>dispatcher.DispatchAsync</c> or a
    /// <see cref="ZaloWebhookProcessor"/>'s <c>DispatchAsync</c>.</param>
    /// <param name="cancellationToken">Cancels the claim and the handler; marking the event handled
    /// after the handler succeeded is not cancelled.</param>
    /// <exception cref="Exception">What the store throws when it cannot be reached while claiming
    /// (nothing ran; retry later), or what the handler threw.</exception>
    public virtual async Task<ZaloWebhookProcessingOutcome> ProcessAsync(ZaloWebhookEvent webhookEvent, Func<ZaloWebhookEvent, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        ArgumentNullException.ThrowIfNull(handler);
        if (!await TryBeginAsync(webhookEvent, cancellationToken).ConfigureAwait(false))
        {
            return ZaloWebhookProcessingOutcome.Duplicate;
        }

        try
        {
            await handler(webhookEvent, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync(webhookEvent, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return await CompleteAsync(webhookEvent, CancellationToken.None).ConfigureAwait(false)
            ? ZaloWebhookProcessingOutcome.Handled
            : ZaloWebhookProcessingOutcome.HandledButNotMarked;
    }

    /// <summary>Claims the event for <see cref="ZaloWebhookOptions.ProcessingLease"/>.</summary>
    /// <returns>True when this caller should handle the event; false for a redelivery of an event
    /// being handled or handled within <see cref="ZaloWebhookOptions.DeduplicationWindow"/>.</returns>
    /// <exception cref="Exception">What the store throws when it cannot be reached: nothing was
    /// claimed, so answer with an error and let Zalo deliver the event again.</exception>
    public virtual ValueTask<bool> TryBeginAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return _store.TryBeginAsync(webhookEvent.DeduplicationKey, _options.CurrentValue.ProcessingLease, cancellationToken);
    }

    /// <summary>
    /// Marks a claimed event handled for <see cref="ZaloWebhookOptions.DeduplicationWindow"/>,
    /// trying <see cref="CompleteAttempts"/> times. Never throws for a store failure and never asks
    /// for the handler to run again: when the store keeps failing the claim stays until
    /// <see cref="ZaloWebhookOptions.ProcessingLease"/> ends (logged as an error).
    /// </summary>
    /// <param name="webhookEvent">The event whose handler succeeded.</param>
    /// <param name="cancellationToken">Stops the tries; pass <see cref="CancellationToken.None"/>
    /// when shutting down must not undo finished work.</param>
    /// <returns>True when marked; false when the store failed every try.</returns>
    public virtual async ValueTask<bool> CompleteAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var key = webhookEvent.DeduplicationKey;
        for (var attempt = 1; ; attempt++)
        {
            var options = _options.CurrentValue;
            try
            {
                await _store.CompleteAsync(key, options.DeduplicationWindow, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (attempt < CompleteAttempts && !cancellationToken.IsCancellationRequested)
            {
                LogCompleteRetry(_logger, ex, webhookEvent.EventName.Value, key, attempt, CompleteAttempts);
            }
            catch (Exception ex)
            {
                LogCompleteFailed(_logger, ex, webhookEvent.EventName.Value, key, attempt, options.ProcessingLease);
                return false;
            }

            // The wall clock, not an injected TimeProvider: a short pause against a store hiccup
            // must not freeze under a test's fake clock.
            await Task.Delay(CompleteRetryDelay * attempt, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Releases a claim so a redelivery is handled. Best effort: never throws for a store
    /// failure (the claim then ends with its lease, logged as a warning).</summary>
    /// <returns>True when released; false when the store failed.</returns>
    public virtual async ValueTask<bool> AbandonAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        try
        {
            await _store.AbandonAsync(webhookEvent.DeduplicationKey, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, ex, webhookEvent.DeduplicationKey, _options.CurrentValue.ProcessingLease);
            return false;
        }
    }

    // Ids 108-110: the events the ASP.NET Core endpoint logged before de-duplication moved here.
    [LoggerMessage(108, LogLevel.Warning, "Could not mark Zalo webhook {EventName} {Key} as handled (try {Attempt} of {MaxAttempts}); trying again.")]
    private static partial void LogCompleteRetry(ILogger logger, Exception exception, string eventName, string key, int attempt, int maxAttempts);

    [LoggerMessage(109, LogLevel.Error, "Zalo webhook {EventName} {Key} was handled but could not be marked as handled after {Attempts} tries; redeliveries are ignored only until its processing lease ({Lease}) ends, after which a redelivery runs the handlers again.")]
    private static partial void LogCompleteFailed(ILogger logger, Exception exception, string eventName, string key, int attempts, TimeSpan lease);

    [LoggerMessage(110, LogLevel.Warning, "Could not release the de-duplication mark {Key}; a redelivery is processed once its lease ({Lease}) ends.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string key, TimeSpan lease);
}
