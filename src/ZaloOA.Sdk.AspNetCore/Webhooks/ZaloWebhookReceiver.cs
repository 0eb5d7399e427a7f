using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>The webhook endpoint's request handling: limit, verify and parse (one pass), de-duplicate
/// (the core's <see cref="ZaloWebhookDeduplicator"/>), dispatch.</summary>
internal sealed class ZaloWebhookReceiver(
    ZaloWebhookVerifier verifier,
    ZaloWebhookDispatcher dispatcher,
    ZaloWebhookDeduplicator deduplicator,
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
        if (await ReadBodyAsync(context, limit).ConfigureAwait(false) is not { } body)
        {
            Reject(context, StatusCodes.Status413PayloadTooLarge, "too_large");
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
        ZaloWebhookVerificationResult verification;
        ZaloWebhookEvent? webhookEvent;
        try
        {
            verification = verifier.VerifyAndParse(body, header, out webhookEvent);
        }
        catch (ZaloWebhookParseException ex)
        {
            Reject(context, StatusCodes.Status400BadRequest, "malformed_event");
            ZaloWebhookLog.Malformed(logger, ex.Message);
            return;
        }

        if (verification.Status == ZaloWebhookVerificationStatus.Stale)
        {
            // Authentic but outside the timestamp window: a replay the de-duplication may no
            // longer remember, or this server's clock is wrong. Not a 401: the signature is fine.
            Reject(context, StatusCodes.Status400BadRequest, "stale_timestamp");
            ZaloWebhookLog.Stale(logger, verification.AppId);
            await context.Response.WriteAsync("The event's timestamp is outside the accepted window (a replayed event, or a wrong clock).", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (webhookEvent is null)
        {
            var reason = verification.Status.ToString();
            Reject(context, verification.Status == ZaloWebhookVerificationStatus.MalformedBody ? StatusCodes.Status400BadRequest : StatusCodes.Status401Unauthorized, reason);
            ZaloWebhookLog.Rejected(logger, reason, verification.AppId);
            return;
        }

        activity?.SetTag("zalo.event_name", webhookEvent.EventName.Value);
        activity?.SetTag("zalo.oa_id", webhookEvent.OaId);
        if (!await deduplicator.TryBeginAsync(webhookEvent, context.RequestAborted).ConfigureAwait(false))
        {
            diagnostics.Duplicates.Add(1, new KeyValuePair<string, object?>("event", webhookEvent.EventName.Value));
            ZaloWebhookLog.Duplicate(logger, webhookEvent.EventName.Value, webhookEvent.DeduplicationKey);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (o.DispatchMode == ZaloWebhookDispatchMode.Inline)
        {
            var ok = await ProcessAsync(webhookEvent, attempt: 1, maxAttempts: 1, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = ok ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError;
            return;
        }

        if (!queue.TryEnqueue(webhookEvent))
        {
            // Release the mark so Zalo's redelivery is accepted once there is room.
            await deduplicator.AbandonAsync(webhookEvent, CancellationToken.None).ConfigureAwait(false);
            Reject(context, StatusCodes.Status503ServiceUnavailable, "queue_full");
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(o.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            ZaloWebhookLog.QueueFull(logger, webhookEvent.EventName.Value);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>Runs the handlers once; on success marks the event handled, on failure (after the
    /// last attempt) releases it. True when the handlers succeeded — even when the mark could not
    /// be made: the handlers are never run again for a store failure.</summary>
    public async Task<bool> ProcessAsync(ZaloWebhookEvent webhookEvent, int attempt, int maxAttempts, CancellationToken cancellationToken)
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
                await deduplicator.AbandonAsync(webhookEvent, CancellationToken.None).ConfigureAwait(false);
                ZaloWebhookLog.GaveUp(logger, webhookEvent.EventName.Value, webhookEvent.OaId, attempt);
            }

            return false;
        }

        diagnostics.Duration.Record(time.GetElapsedTime(started).TotalSeconds, tag);
        diagnostics.Processed.Add(1, tag);

        // Not the handler's token: the work is done, and shutting down must not undo it.
        if (!await deduplicator.CompleteAsync(webhookEvent, CancellationToken.None).ConfigureAwait(false))
        {
            diagnostics.CompleteFailed.Add(1, tag);
        }

        return true;
    }

    private void Reject(HttpContext context, int status, string reason)
    {
        diagnostics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        context.Response.StatusCode = status;
    }

    /// <summary>Reads the whole body into one array that becomes the event's
    /// <see cref="ZaloWebhookEvent.RawBody"/> (no copy), or returns null as soon as it exceeds
    /// <paramref name="limit"/> (declared by Content-Length or counted while reading a chunked body).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, long limit)
    {
        var declared = context.Request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        // Let this endpoint's limit rule rather than the server-wide default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        // The declared size exactly (the server ends the body there), else grown while reading.
        var buffer = new byte[declared is { } size ? size : Math.Min(4096, limit + 1)];
        var count = 0;
        var stream = context.Request.Body;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (declared is not null)
                {
                    return buffer;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1));
            }

            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(count), context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return null;
            }

            if (read == 0)
            {
                return buffer.AsMemory(0, count);
            }

            count += read;
            if (count > limit)
            {
                return null;
            }
        }
    }
}
