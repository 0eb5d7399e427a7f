using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Webhook verification and de-duplication settings (configuration section <c>Zalo:Webhooks</c> by convention).
/// Validated at start-up: the host does not start without at least one app id and OA secret key,
/// because an unverifiable webhook is always rejected (fail closed).
/// </summary>
public sealed class ZaloWebhookOptions : IValidatableObject
{
    /// <summary>
    /// The apps whose webhooks this service accepts, each with its OA secret key. The body's
    /// <c>app_id</c> selects the key. When empty, <see cref="ZaloOAOptions.AppId"/> and
    /// <see cref="ZaloOAOptions.OaSecretKey"/> are used.
    /// </summary>
    [ValidateEnumeratedItems]
    public IList<ZaloWebhookApp> Apps { get; } = [];

    /// <summary>
    /// Replay guard: events whose body <c>timestamp</c> differs from now by more than this, in the
    /// past or the future, are refused (<see cref="ZaloWebhookVerificationStatus.Stale"/>). Default
    /// 12 hours: Zalo redelivers a failed webhook with its original body for hours (30 s, 5 min,
    /// 15 min, 30 min, 1 h, reportedly up to 12 h [S]), so a shorter window refuses genuine
    /// redeliveries. It must not be longer than <see cref="DeduplicationWindow"/> (checked at
    /// start-up), so every signed event the window still accepts is one the de-duplication still
    /// remembers. Null turns the check off, only where something else stops replays: the ASP.NET
    /// Core endpoint refuses to start without it.
    /// </summary>
    [ZaloTimeRange("00:00:01", "7.00:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:01 and 7.00:00:00 when set (default 12:00:00).")]
    public TimeSpan? TimestampTolerance { get; set; } = DefaultTimestampTolerance;

    /// <summary>The default <see cref="TimestampTolerance"/>: 12 hours.</summary>
    public static readonly TimeSpan DefaultTimestampTolerance = TimeSpan.FromHours(12);

    /// <summary>How long an event being handled blocks its redeliveries (the
    /// <see cref="ZaloWebhookDeduplicator"/>'s claim); if the process dies mid-way, a redelivery
    /// after this is handled. From 1 second to 1 day; default 10 minutes.</summary>
    [ZaloTimeRange("00:00:01", "1.00:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:01 and 1.00:00:00 (default 00:10:00).")]
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a handled event's redeliveries are ignored. Default 24 hours (Zalo is
    /// reported to retry for up to 12 hours [S]). At least <see cref="ProcessingLease"/> and
    /// <see cref="TimestampTolerance"/>, at most 30 days.</summary>
    [ZaloTimeRange("00:00:01", "30.00:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:01 and 30.00:00:00 (default 1.00:00:00).")]
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The rules across settings (single settings carry attributes); run by the
    /// start-up validation, not meant to be called.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Apps.Count; i++)
        {
            if (Apps[i] is { AppId.Length: > 0 } app && !seen.Add(app.AppId))
            {
                yield return new ValidationResult($"Zalo:Webhooks:Apps:{i}:AppId \"{app.AppId}\" is listed twice: list each app once, with its one OA secret key.");
            }
        }

        if (DeduplicationWindow < ProcessingLease)
        {
            yield return new ValidationResult($"Zalo:Webhooks:DeduplicationWindow ({DeduplicationWindow}) must be at least Zalo:Webhooks:ProcessingLease ({ProcessingLease}): a handled event must be remembered at least as long as one being handled.");
        }

        // A signed event is refused once older than the timestamp window and ignored as a
        // redelivery while the de-duplication remembers it: with the window no longer than the
        // memory, a captured event can never be handled twice.
        if (TimestampTolerance is { } tolerance && tolerance > DeduplicationWindow)
        {
            yield return new ValidationResult($"Zalo:Webhooks:TimestampTolerance ({tolerance}) must not be longer than Zalo:Webhooks:DeduplicationWindow ({DeduplicationWindow}); otherwise a signed event older than the de-duplication window could be replayed and handled twice. Lower the tolerance (default {DefaultTimestampTolerance}) or lengthen the window.");
        }
    }
}

/// <summary>One app whose webhooks are accepted.</summary>
public sealed class ZaloWebhookApp
{
    /// <summary>The app id (the body's <c>app_id</c>), digits.</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: the numeric app id from developers.zalo.me.")]
    [ZaloNumericId(ErrorMessage = "{0} \"{1}\" must be the numeric app id from developers.zalo.me (digits only).")]
    public string AppId { get; set; } = string.Empty;

    /// <summary>The OA secret key from the app's Webhook settings (not the app secret).</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: the OA secret key from the app's Webhook settings (not the app secret).")]
    public string OaSecretKey { get; set; } = string.Empty;

    /// <summary>Describes the app without its key.</summary>
    public override string ToString() => $"ZaloWebhookApp({AppId})";
}
