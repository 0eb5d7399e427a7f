using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.News;

/// <summary>Where a unit's article stands between the desk and Zalo. Stored by name.</summary>
public enum NewsStatus
{
    /// <summary>Bản nháp: composed in the desk, never published (or its first publish failed).</summary>
    Draft,

    /// <summary>Đang xử lý: Zalo accepted it and is still processing (verify again later).</summary>
    Processing,

    /// <summary>Đã đăng: Zalo returned the article id.</summary>
    Published,

    /// <summary>Đã gỡ: removed from the OA (kept here for the record).</summary>
    Removed,
}

/// <summary>What a body block holds. Stored by name.</summary>
public enum NewsBlockKind
{
    /// <summary>A paragraph of text.</summary>
    Text,

    /// <summary>An image (URL) with an optional caption.</summary>
    Image,

    /// <summary>A video page (e.g. YouTube) with a thumbnail.</summary>
    Video,
}

/// <summary>
/// An article a unit composes in the desk and publishes on its Official Account through Zalo's
/// Article API. The draft stays the source of truth: a failed publish keeps it with the error.
/// </summary>
public sealed class NewsArticle
{
    public int Id { get; set; }

    /// <summary>The unit whose OA publishes it.</summary>
    public int UnitId { get; set; }

    public Unit Unit { get; set; } = null!;

    public string Title { get; set; } = "";

    public string Author { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The cover photo's absolute URL, when given as a link.</summary>
    public string? CoverUrl { get; set; }

    /// <summary>The uploaded cover photo, served publicly at <c>/news/images/{id}</c> so Zalo can fetch it.</summary>
    public int? CoverImageId { get; set; }

    public List<NewsBlock> Blocks { get; set; } = [];

    public NewsStatus Status { get; set; }

    /// <summary>Whether followers see it (Zalo <c>status</c> show/hide).</summary>
    public bool IsVisible { get; set; } = true;

    /// <summary>True when the desk copy changed after the last successful publish.</summary>
    public bool HasUnpublishedChanges { get; set; }

    /// <summary>Zalo's article id once verified.</summary>
    public string? ZaloArticleId { get; set; }

    /// <summary>The last create/update job token (to verify a processing article later).</summary>
    public string? ZaloToken { get; set; }

    /// <summary>The public link of the article on Zalo (from <c>getdetail</c>).</summary>
    public string? ZaloLink { get; set; }

    /// <summary>Why the last publish, update or visibility change failed (Vietnamese, with Zalo's code).</summary>
    public string? LastError { get; set; }

    public int? CreatedById { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public List<NewsBroadcast> Broadcasts { get; set; } = [];
}

/// <summary>One block of an article body, in <see cref="Order"/>.</summary>
public sealed class NewsBlock
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public int Order { get; set; }

    public NewsBlockKind Kind { get; set; }

    /// <summary>The paragraph (text blocks).</summary>
    public string? Content { get; set; }

    /// <summary>The image URL or the video page URL.</summary>
    public string? Url { get; set; }

    /// <summary>The image caption.</summary>
    public string? Caption { get; set; }

    /// <summary>The video thumbnail URL.</summary>
    public string? Thumb { get; set; }
}

/// <summary>An image uploaded in the desk (article covers), served at <c>/news/images/{id}</c>.</summary>
public sealed class NewsImage
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public string ContentType { get; set; } = "";

    public byte[] Content { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A broadcast of an article to the OA's followers, as sent (or refused).</summary>
public sealed class NewsBroadcast
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    /// <summary>The audience in words, e.g. "Nữ, 18–24, 25–34, Trà Vinh".</summary>
    public string Target { get; set; } = "";

    public int? SentById { get; set; }

    public DateTimeOffset SentAt { get; set; }

    /// <summary>Zalo's message id when accepted.</summary>
    public string? ZaloMessageId { get; set; }

    /// <summary>The refusal, when Zalo refused it.</summary>
    public string? Error { get; set; }
}
