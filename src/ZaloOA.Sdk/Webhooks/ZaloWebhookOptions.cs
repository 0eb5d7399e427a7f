using System.ComponentModel.DataAnnotations;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Webhook verification and de-duplication settings (configuration section <c>Zalo:Webhooks</c> by convention).
/// Validated at start-up: the host does not start without at least one app id and OA secret key,
/// because an unverifiable webhook is always rejected (fail closed).
/// </summary>
public sealed class ZaloWebhookOptions
{
    /// <summary>
    /// The apps whose webhooks this service accepts, each with its OA secret key. The body's
    /// <c>app_id</c> selects the key. When empty, <see cref="ZaloOAOptions.AppId"/> and
    /// <see cref="ZaloOAOptions.OaSecretKey"/> are used.
    /// </summary>
    public IList<ZaloWebhookApp> Apps { get; } = [];

    /// <summary>
    /// Replay guard: events whose body <c>timestamp</c> differs from now by more than this, in the
    /// past or the future, are refused (<see cref="ZaloWebhookVerificationStatus.Stale"/>). Default
    /// 12 hours: Zalo redelivers a failed webhook with its original body for hours (30 s, 5 min,
    /// 15 min, 30 min, 1 h, reportedly up to 12 h [S]), so a shorter window refuses genuine
    /// redeliveries. With the ASP.NET Core endpoint it must not be longer than its
    /// de-duplication window (default 24 hours; checked at start-up), so every signed event the
    /// window still accepts is one the de-duplication still remembers. Null turns the check off
    /// (only where something else stops replays).
    /// </summary>
    public TimeSpan? TimestampTolerance { get; set; } = DefaultTimestampTolerance;

    /// <summary>The default <see cref="TimestampTolerance"/>: 12 hours.</summary>
    public static readonly TimeSpan DefaultTimestampTolerance = TimeSpan.FromHours(12);

    /// <summary>How long an event being handled blocks its redeliveries (the
    /// <see cref="ZaloWebhookDeduplicator"/>'s claim); if the process dies mid-way, a redelivery
    /// after this is handled. Default 10 minutes.</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a handled event's redeliveries are ignored. Default 24 hours (Zalo is
    /// reported to retry for up to 12 hours [S]). At least <see cref="ProcessingLease"/>, and at
    /// least <see cref="TimestampTolerance"/> with the ASP.NET Core endpoint.</summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>One app whose webhooks are accepted.</summary>
public sealed class ZaloWebhookApp
{
    /// <summary>The app id (the body's <c>app_id</c>).</summary>
    [Required]
    public string AppId { get; set; } = string.Empty;

    /// <summary>The OA secret key from the app's Webhook settings (not the app secret).</summary>
    [Required]
    public string OaSecretKey { get; set; } = string.Empty;

    /// <summary>Describes the app without its key.</summary>
    public override string ToString() => $"ZaloWebhookApp({AppId})";
}
