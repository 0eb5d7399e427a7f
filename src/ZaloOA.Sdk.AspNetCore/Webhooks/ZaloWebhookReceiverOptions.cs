using System.ComponentModel.DataAnnotations;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>How the webhook endpoint runs handlers.</summary>
public enum ZaloWebhookDispatchMode
{
    /// <summary>Answer 200 at once and run handlers on a bounded background queue (the default;
    /// Zalo expects an answer within about 2 seconds).</summary>
    Background = 0,

    /// <summary>Run handlers before answering; a failing handler answers 500 so Zalo redelivers.
    /// Use only with handlers that finish well within 2 seconds.</summary>
    Inline,
}

/// <summary>Settings of the webhook endpoint and its background queue (set in code with
/// <c>AddWebhookReceiver(o => ...)</c>; validated at start-up, every problem at once). The
/// de-duplication lease and window are <c>ZaloWebhookOptions.ProcessingLease</c> and
/// <c>DeduplicationWindow</c> (<c>AddWebhooks</c>, section <c>Zalo:Webhooks</c>).</summary>
public sealed class ZaloWebhookReceiverOptions : IValidatableObject
{
    /// <summary>Background (default) or inline dispatch.</summary>
    public ZaloWebhookDispatchMode DispatchMode { get; set; } = ZaloWebhookDispatchMode.Background;

    /// <summary>Largest body accepted, in bytes; larger requests get 413. Default 256 KiB (Zalo's
    /// events are a few KiB), from 1 KiB to 64 MiB. <c>MapZaloWebhook</c> can set a different limit
    /// per endpoint.</summary>
    [ZaloRange(1024, 64 * 1024 * 1024, ErrorMessage = "{0} (AddWebhookReceiver) is {1}; it must be between 1024 (1 KiB) and 67108864 (64 MiB); default 262144 (256 KiB).")]
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Events waiting in the queue before new ones are refused with 503 and
    /// <c>Retry-After</c> (Zalo then redelivers). At least 1; default 1,000.</summary>
    [ZaloRange(1, int.MaxValue, ErrorMessage = "{0} (AddWebhookReceiver) is {1}; it must be at least 1 (default 1000).")]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Events handled at the same time. Events of one user always go to the same worker, so
    /// a user's messages are handled in order. From 1 to <see cref="QueueCapacity"/>; default 4.</summary>
    [ZaloRange(1, int.MaxValue, ErrorMessage = "{0} (AddWebhookReceiver) is {1}; it must be at least 1 (default 4).")]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Attempts per event in the background (first try included), 1 to 20. Default 3.</summary>
    [ZaloRange(1, 20, ErrorMessage = "{0} (AddWebhookReceiver) is {1}; it must be between 1 and 20 (default 3).")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause before a retry, multiplied by the attempt number; 0 to 10 minutes. Default 2 seconds.</summary>
    [ZaloTimeRange("00:00:00", "00:10:00", ErrorMessage = "{0} (AddWebhookReceiver) is {1}; it must be between 00:00:00 and 00:10:00 (default 00:00:02).")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>Retry-After</c> sent with 503 when the queue is full; 1 second to 1 hour.
    /// Default 30 seconds.</summary>
    [ZaloTimeRange("00:00:01", "01:00:00", ErrorMessage = "{0} (AddWebhookReceiver) is {1}; it must be between 00:00:01 and 01:00:00 (default 00:00:30).")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The rules across settings (single settings carry attributes); run by the
    /// start-up validation, not meant to be called.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (MaxConcurrency > QueueCapacity)
        {
            yield return new ValidationResult($"ZaloWebhookReceiverOptions.MaxConcurrency ({MaxConcurrency}) must not exceed ZaloWebhookReceiverOptions.QueueCapacity ({QueueCapacity}) (AddWebhookReceiver): lower MaxConcurrency or raise QueueCapacity.");
        }
    }
}
