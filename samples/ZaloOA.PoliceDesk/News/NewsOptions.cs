using ZaloOA.Sdk.Articles;

namespace ZaloOA.PoliceDesk.News;

/// <summary>Settings of the news desk and the citizen menu (section <c>CitizenServices</c>).</summary>
public sealed class CitizenServicesOptions
{
    public const string SectionName = "CitizenServices";

    /// <summary>
    /// The desk's public address (e.g. <c>https://tiepnhan.congan.travinh.gov.vn/</c>). Zalo
    /// fetches uploaded cover images from it, so it must be reachable from the internet. When
    /// empty, the address of the officer's request is used (fine behind a correct reverse proxy).
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long publishing waits for Zalo's article id (verify polling) before leaving
    /// the article "đang xử lý" to be checked again later.</summary>
    public int VerifyMaxAttempts { get; set; } = 6;

    /// <summary>The first wait between verify calls; doubles up to <see cref="VerifyMaxDelay"/>.</summary>
    public TimeSpan VerifyInitialDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest single wait between verify calls.</summary>
    public TimeSpan VerifyMaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How many articles "Tin tức" shows (1 to 5, Zalo's list limit).</summary>
    public int LatestNewsCount { get; set; } = 5;

    /// <summary>Largest uploaded cover image: Zalo accepts images up to 1 MB.</summary>
    public int MaxImageBytes { get; set; } = 1024 * 1024;

    internal ArticlePublishWaitOptions WaitOptions => new()
    {
        MaxAttempts = Math.Max(1, VerifyMaxAttempts),
        InitialDelay = VerifyInitialDelay,
        MaxDelay = VerifyMaxDelay < VerifyInitialDelay ? VerifyInitialDelay : VerifyMaxDelay,
        MaxTotalWait = TimeSpan.FromMinutes(1),
    };
}
