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

/// <summary>Settings of the webhook endpoint and its background queue (validated at start-up). The
/// de-duplication lease and window are <c>ZaloWebhookOptions.ProcessingLease</c> and
/// <c>DeduplicationWindow</c> (<c>AddWebhooks</c>, section <c>Zalo:Webhooks</c>).</summary>
public sealed class ZaloWebhookReceiverOptions
{
    /// <summary>Background (default) or inline dispatch.</summary>
    public ZaloWebhookDispatchMode DispatchMode { get; set; } = ZaloWebhookDispatchMode.Background;

    /// <summary>Largest body accepted, in bytes; larger requests get 413. Default 256 KiB (Zalo's
    /// events are a few KiB). <c>MapZaloWebhook</c> can set a different limit per endpoint.</summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Events waiting in the queue before new ones are refused with 503 and
    /// <c>Retry-After</c> (Zalo then redelivers). Default 1,000.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Events handled at the same time. Events of one user always go to the same worker, so
    /// a user's messages are handled in order. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Attempts per event in the background (first try included). Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Pause before a retry, multiplied by the attempt number. Default 2 seconds.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary><c>Retry-After</c> sent with 503 when the queue is full. Default 30 seconds.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);
}
