using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>The webhook endpoint's request handling: limit, verify, parse, de-duplicate, dispatch.</summary>
internal sealed class ZaloWebhookReceiver(
    ZaloWebhookVerifier verifier,
    ZaloWebhookDispatcher dispatcher,
    IZaloWebhookDeduplicationStore store,
    ZaloWebhookQueue queue,
    ZaloWebhookDiagnostics diagnostics,
    IOptions<ZaloWebhookReceiverOptions> options,
    TimeProvider time,
    ILogger<ZaloWebhookReceiver> logger)
{
    public async Task HandleAsync(HttpContext context, long? maxBodyBytes)
    {
        using var activity = ZaloWebhookDiagnostics.ActivitySource.StartActivity("zalo.webhook receive", ActivityKind.Server);
        diagnostics.Received.Add(1);
        var o = options.Value;
        var limit = maxBodyBytes ?? o.MaxBodyBytes;
        var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
        if (body is null)
        {
            Reject(context, StatusCodes.Status413PayloadTooLarge, "too_large", null);
            ZaloWebhookLog.TooLarge(logger, limit);
            return;
        }

        var headers = context.Request.Headers[ZaloWebhookSignature.HeaderName];
        var header = headers.Count switch
        {
            0 => null,
            1 => headers[0],
            _ => "multiple values",
        };
        var verification = verifier.Verify(body, header);
        if (verification.Status == ZaloWebhookVerificationStatus.Stale)
        {
            // Authentic but outside the timestamp window: a replay the de-duplication may no
            // longer remember, or this server's clock is wrong. Not a 401: the signature is fine.
            Reject(context, StatusCodes.Status400BadRequest, "stale_timestamp", verification.AppId);
            ZaloWebhookLog.Stale(logger, verification.AppId);
            await context.Response.WriteAsync("The event's timestamp is outside the accepted window (a replayed event, or a wrong clock).", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!verification.IsValid)
        {
            var reason = verification.Status.ToString();
            Reject(context, verification.Status == ZaloWebhookVerificationStatus.MalformedBody ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized, reason, verification.AppId);
            ZaloWebhookLog.Rejected(logger, reason, verification.AppId);
            return;
        }

        ZaloWebhookEvent webhookEvent;
        try
        {
            webhookEvent = ZaloWebhookParser.Parse(body);
        }
        catch (ZaloWebhookParseException ex)
        {
            Reject(context, StatusCodes.Status400BadRequest, "malformed_event", verification.AppId);
            ZaloWebhookLog.Malformed(logger, ex.Message);
            return;
        }

        activity?.SetTag("zalo.event_name", webhookEvent.EventName.Value);
        activity?.SetTag("zalo.oa_id", webhookEvent.OaId);
        var key = webhookEvent.DeduplicationKey;
        if (!await store.TryBeginAsync(key, o.ProcessingLease, context.RequestAborted).ConfigureAwait(false))
        {
            diagnostics.Duplicates.Add(1, new KeyValuePair<string, object?>("event", webhookEvent.EventName.Value));
            ZaloWebhookLog.Duplicate(logger, webhookEvent.EventName.Value, key);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (o.DispatchMode == ZaloWebhookDispatchMode.Inline)
        {
            var ok = await ProcessAsync(webhookEvent, key, attempt: 1, maxAttempts: 1, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = ok ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError;
            return;
        }

        if (!queue.TryEnqueue(new ZaloWebhookWorkItem(webhookEvent, key)))
        {
            // Release the mark so Zalo's redelivery is accepted once there is room.
            await AbandonAsync(key).ConfigureAwait(false);
            Reject(context, StatusCodes.Status503ServiceUnavailable, "queue_full", verification.AppId);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(o.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            ZaloWebhookLog.QueueFull(logger, webhookEvent.EventName.Value);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>How often marking an event done is tried after its handlers succeeded.</summary>
    internal const int CompleteAttempts = 3;

    /// <summary>Pause before another try to mark an event done, multiplied by the attempt number.</summary>
    internal static readonly TimeSpan CompleteRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs the handlers once; on success completes the mark, on failure (after the
    /// last attempt) releases it. True when the handlers succeeded — even when the mark could not
    /// be completed: the handlers are never run again for a store failure.</summary>
    public async Task<bool> ProcessAsync(ZaloWebhookEvent webhookEvent, string key, int attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        using var activity = ZaloWebhookDiagnostics.ActivitySource.StartActivity("zalo.webhook dispatch", ActivityKind.Consumer);
        activity?.SetTag("zalo.event_name", webhookEvent.EventName.Value);
        var tag = new KeyValuePair<string, object?>("event", webhookEvent.EventName.Value);
        var started = time.GetTimestamp();
        try
        {
            await dispatcher.DispatchAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            diagnostics.Duration.Record(time.GetElapsedTime(started).TotalSeconds, tag);
            var final = attempt >= maxAttempts;
            diagnostics.Failed.Add(1, tag, new KeyValuePair<string, object?>("final", final));
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            ZaloWebhookLog.HandlerFailed(logger, ex, webhookEvent.EventName.Value, webhookEvent.OaId, attempt, maxAttempts);
            if (final)
            {
                await AbandonAsync(key).ConfigureAwait(false);
                ZaloWebhookLog.GaveUp(logger, webhookEvent.EventName.Value, webhookEvent.OaId, attempt);
            }

            return false;
        }

        diagnostics.Duration.Record(time.GetElapsedTime(started).TotalSeconds, tag);
        diagnostics.Processed.Add(1, tag);
        await CompleteAsync(webhookEvent, key, tag).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Marks a handled event done, trying <see cref="CompleteAttempts"/> times. If the store keeps
    /// failing, the handled event is NOT run again here and its mark is not released: it stays
    /// claimed until <see cref="ZaloWebhookReceiverOptions.ProcessingLease"/> ends, so only a
    /// redelivery after that runs the handlers a second time (delivery is at-least-once; handlers
    /// must be idempotent).
    /// </summary>
    private async Task CompleteAsync(ZaloWebhookEvent webhookEvent, string key, KeyValuePair<string, object?> tag)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Not the handler's token: the work is done, and shutting down must not undo it.
                await store.CompleteAsync(key, options.Value.DeduplicationWindow, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (attempt < CompleteAttempts)
            {
                ZaloWebhookLog.CompleteRetry(logger, ex, webhookEvent.EventName.Value, key, attempt, CompleteAttempts);
            }
            catch (Exception ex)
            {
                diagnostics.CompleteFailed.Add(1, tag);
                ZaloWebhookLog.CompleteFailed(logger, ex, webhookEvent.EventName.Value, key, attempt, options.Value.ProcessingLease);
                return;
            }

            // The wall clock, not the injected TimeProvider: a short pause against a store hiccup
            // must not freeze under a test's fake clock.
            await Task.Delay(CompleteRetryDelay * attempt, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Releases a claim so a redelivery is processed. Best effort: when the store fails
    /// the claim simply ends with its lease, and the caller's answer (503, a retry) stands.</summary>
    public async ValueTask AbandonAsync(string key)
    {
        try
        {
            await store.AbandonAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ZaloWebhookLog.ReleaseFailed(logger, ex, key, options.Value.ProcessingLease);
        }
    }

    private void Reject(HttpContext context, int status, string reason, string? appId)
    {
        _ = appId;
        diagnostics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        context.Response.StatusCode = status;
    }

    /// <summary>Reads the whole body, or returns null as soon as it exceeds <paramref name="limit"/>
    /// (declared by Content-Length or counted while reading a chunked body).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, long limit)
    {
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        // Let this endpoint's limit rule rather than the server-wide default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(context.Request.ContentLength ?? 4096, limit + 1));
        var stream = context.Request.Body;
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            int read;
            try
            {
                read = await stream.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
