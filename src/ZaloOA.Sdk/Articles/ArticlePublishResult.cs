namespace ZaloOA.Sdk.Articles;

/// <summary>Where an article job stands after verifying its token.</summary>
public enum ArticlePublishStatus
{
    /// <summary>Zalo finished processing; <see cref="ArticlePublishResult.Id"/> holds the article id.</summary>
    Published,

    /// <summary>Zalo is still processing (<c>-214</c>, "Media is being processed", or an answer
    /// without an id), or polling gave up within its bounds. Verify the same token again later.</summary>
    StillProcessing,

    /// <summary>Zalo refused the job (for example <c>-201</c> with the invalid field in the message).
    /// Retrying the same token will not help; fix the article and create it again.</summary>
    Failed,
}

/// <summary>The outcome of verifying an article token once or polling it until it resolves.</summary>
public sealed class ArticlePublishResult
{
    /// <summary>Creates a result (for tests and mocks).</summary>
    public ArticlePublishResult(ArticlePublishStatus status, string token, string? id, int attempts, ZaloApiException? error = null)
    {
        Status = status;
        Token = token;
        Id = id;
        Attempts = attempts;
        Error = error;
    }

    /// <summary>Published, still processing, or failed.</summary>
    public ArticlePublishStatus Status { get; }

    /// <summary>The token returned by create or update.</summary>
    public string Token { get; }

    /// <summary>The article id when <see cref="Status"/> is <see cref="ArticlePublishStatus.Published"/>;
    /// broadcast it with <c>BroadcastClient.SendArticlesAsync</c>.</summary>
    public string? Id { get; }

    /// <summary>How many verify calls were made.</summary>
    public int Attempts { get; }

    /// <summary>Zalo's last error answer, if any (the failure, or the last "still processing").</summary>
    public ZaloApiException? Error { get; }

    /// <summary>Zalo's error code of <see cref="Error"/>, if any.</summary>
    public ZaloErrorCode? ErrorCode => Error?.ErrorCode;

    /// <summary>Zalo's message of <see cref="Error"/>, if any (e.g. <c>"cover value is invalid"</c>).</summary>
    public string? ErrorMessage => Error?.ZaloMessage;

    /// <summary>True when the article id is known.</summary>
    public bool IsPublished => Status == ArticlePublishStatus.Published;
}

/// <summary>
/// Bounds of <see cref="ArticlesClient.WaitForArticleIdAsync"/>: polling uses exponential backoff
/// (<see cref="InitialDelay"/> × <see cref="BackoffMultiplier"/>ⁿ, capped at <see cref="MaxDelay"/>)
/// and stops after <see cref="MaxAttempts"/> verify calls or when the next wait would pass
/// <see cref="MaxTotalWait"/>, whichever comes first. It never loops forever.
/// </summary>
public sealed class ArticlePublishWaitOptions
{
    /// <summary>The defaults: 8 attempts, 2 s first delay doubling up to 30 s, 3 minutes in total.</summary>
    public static ArticlePublishWaitOptions Default { get; } = new();

    /// <summary>Most verify calls, at least 1. Default 8 (a real integration needed up to 8 × 3 s).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Wait before the second verify. Default 2 seconds.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest single wait. Default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Factor applied to the wait after each attempt, at least 1. Default 2.</summary>
    public double BackoffMultiplier { get; init; } = 2;

    /// <summary>Time budget measured on the connection's <see cref="TimeProvider"/>. Default 3 minutes.</summary>
    public TimeSpan MaxTotalWait { get; init; } = TimeSpan.FromMinutes(3);

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ZaloValidationException($"MaxAttempts is {MaxAttempts}; it must be at least 1.", nameof(MaxAttempts));
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ZaloValidationException("InitialDelay must be non-negative and MaxDelay at least InitialDelay.", nameof(InitialDelay));
        }

        if (double.IsNaN(BackoffMultiplier) || BackoffMultiplier < 1)
        {
            throw new ZaloValidationException($"BackoffMultiplier is {BackoffMultiplier}; it must be at least 1.", nameof(BackoffMultiplier));
        }

        if (MaxTotalWait < TimeSpan.Zero)
        {
            throw new ZaloValidationException("MaxTotalWait must not be negative.", nameof(MaxTotalWait));
        }
    }
}
