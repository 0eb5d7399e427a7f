using Microsoft.Extensions.Logging;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>Webhook log messages. Never logs bodies, message text, secrets or tokens; ids only.</summary>
internal static partial class ZaloWebhookLog
{
    [LoggerMessage(100, LogLevel.Warning, "Zalo webhook rejected: {Reason} (app {AppId}).")]
    public static partial void Rejected(ILogger logger, string reason, string? appId);

    [LoggerMessage(101, LogLevel.Warning, "Zalo webhook body larger than {Limit} bytes refused.")]
    public static partial void TooLarge(ILogger logger, long limit);

    [LoggerMessage(102, LogLevel.Warning, "Zalo webhook body is not a Zalo event: {Error}")]
    public static partial void Malformed(ILogger logger, string error);

    [LoggerMessage(103, LogLevel.Debug, "Zalo webhook {EventName} {Key} is a redelivery; ignored.")]
    public static partial void Duplicate(ILogger logger, string eventName, string key);

    [LoggerMessage(104, LogLevel.Warning, "Zalo webhook queue is full; {EventName} refused with 503 so Zalo redelivers it.")]
    public static partial void QueueFull(ILogger logger, string eventName);

    [LoggerMessage(105, LogLevel.Warning, "Handler of Zalo webhook {EventName} for OA {OaId} failed (attempt {Attempt} of {MaxAttempts}).")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string eventName, string? oaId, int attempt, int maxAttempts);

    [LoggerMessage(106, LogLevel.Error, "Zalo webhook {EventName} for OA {OaId} failed {Attempts} times; its de-duplication mark was released so a redelivery is processed.")]
    public static partial void GaveUp(ILogger logger, string eventName, string? oaId, int attempts);

    [LoggerMessage(107, LogLevel.Information, "Zalo webhook queue drained {Remaining} events at shutdown.")]
    public static partial void Draining(ILogger logger, int remaining);

    // 108-110 (marking an event handled or releasing it failed) are logged by the core's ZaloWebhookDeduplicator.

    [LoggerMessage(111, LogLevel.Warning, "Zalo webhook from app {AppId} refused with 400: its signature is valid but its timestamp is outside Zalo:Webhooks:TimestampTolerance around this server's clock (a replayed or very late event, or a wrong clock).")]
    public static partial void Stale(ILogger logger, string? appId);
}
