namespace ZaloOA.Sdk.Articles;

/// <summary>Whether an article, its cover or its comments are shown (<c>show</c>) or hidden (<c>hide</c>).</summary>
public enum ArticleVisibility
{
    /// <summary><c>show</c>: visible to followers.</summary>
    Show,

    /// <summary><c>hide</c>: hidden (a hidden article can still be broadcast once shown).</summary>
    Hide,
}

/// <summary>The two article kinds Zalo knows: <c>normal</c> (text, images, videos) and <c>video</c>.</summary>
public enum ArticleType
{
    /// <summary><c>normal</c>: a news article with a cover and body blocks.</summary>
    Normal,

    /// <summary><c>video</c>: a video article (an uploaded video with an avatar image).</summary>
    Video,
}

/// <summary>How a video cover is framed (<c>cover_view</c>).</summary>
public enum ArticleCoverView
{
    /// <summary><c>horizontal</c>.</summary>
    Horizontal,

    /// <summary><c>vertical</c>.</summary>
    Vertical,

    /// <summary><c>square</c>.</summary>
    Square,
}

/// <summary>
/// The cover of a normal article: a photo (<c>cover_type: photo</c>, <c>photo_url</c>) or an
/// uploaded video (<c>cover_type: video</c>, <c>video_id</c>, <c>cover_view</c>).
/// </summary>
public sealed class ArticleCover
{
    private ArticleCover(string? photoUrl, string? videoId, ArticleCoverView? view, ArticleVisibility status)
    {
        PhotoUrl = photoUrl;
        VideoId = videoId;
        View = view;
        Status = status;
    }

    /// <summary>The photo's absolute http(s) URL (photo covers). Spaces and Vietnamese characters
    /// are percent-encoded by the SDK before sending; an already-encoded URL is sent unchanged.</summary>
    public string? PhotoUrl { get; }

    /// <summary>The video id from <see cref="ArticlesClient.VerifyVideoAsync"/> (video covers).</summary>
    public string? VideoId { get; }

    /// <summary>The framing of a video cover.</summary>
    public ArticleCoverView? View { get; }

    /// <summary>Whether the cover is shown at the top of the article (default <see cref="ArticleVisibility.Show"/>).</summary>
    public ArticleVisibility Status { get; }

    /// <summary>A photo cover (image at most 1 MB per Zalo [S]).</summary>
    public static ArticleCover Photo(string photoUrl, ArticleVisibility status = ArticleVisibility.Show) => new(photoUrl, null, null, status);

    /// <summary>A video cover from an uploaded video.</summary>
    public static ArticleCover Video(string videoId, ArticleCoverView view = ArticleCoverView.Horizontal, ArticleVisibility status = ArticleVisibility.Show) => new(null, videoId, view, status);
}

/// <summary>What an article body block is.</summary>
public enum ArticleBlockKind
{
    /// <summary><c>text</c>.</summary>
    Text,

    /// <summary><c>image</c>.</summary>
    Image,

    /// <summary><c>video</c>.</summary>
    Video,

    /// <summary><c>product</c>.</summary>
    Product,
}

/// <summary>
/// One block of a normal article's <c>body</c>. Create blocks with the factory methods:
/// <see cref="Text"/>, <see cref="Image"/>, <see cref="VideoFromUrl"/>, <see cref="VideoFromId"/>, <see cref="Product"/>.
/// </summary>
public sealed class ArticleBlock
{
    private ArticleBlock(ArticleBlockKind kind)
    {
        Kind = kind;
    }

    /// <summary>What the block is.</summary>
    public ArticleBlockKind Kind { get; }

    /// <summary>The text (<see cref="ArticleBlockKind.Text"/>; Zalo accepts simple HTML such as <c>&lt;p&gt;</c>).</summary>
    public string? Content { get; private init; }

    /// <summary>The image or video page URL (<see cref="ArticleBlockKind.Image"/>, <see cref="ArticleBlockKind.Video"/>).</summary>
    public string? Url { get; private init; }

    /// <summary>The image caption.</summary>
    public string? Caption { get; private init; }

    /// <summary>The uploaded video's id (<see cref="ArticleBlockKind.Video"/>).</summary>
    public string? VideoId { get; private init; }

    /// <summary>The video's thumbnail URL (required for video blocks).</summary>
    public string? Thumb { get; private init; }

    /// <summary>The product id (<see cref="ArticleBlockKind.Product"/>).</summary>
    public string? ProductId { get; private init; }

    /// <summary>A text block.</summary>
    public static ArticleBlock Text(string content) => new(ArticleBlockKind.Text) { Content = content };

    /// <summary>An image block with an optional caption.</summary>
    public static ArticleBlock Image(string url, string? caption = null) => new(ArticleBlockKind.Image) { Url = url, Caption = caption };

    /// <summary>A video block playing a page such as a YouTube URL, with a thumbnail.</summary>
    public static ArticleBlock VideoFromUrl(string url, string thumb) => new(ArticleBlockKind.Video) { Url = url, Thumb = thumb };

    /// <summary>A video block playing an uploaded video (<c>video_id</c>), with a thumbnail.</summary>
    public static ArticleBlock VideoFromId(string videoId, string thumb) => new(ArticleBlockKind.Video) { VideoId = videoId, Thumb = thumb };

    /// <summary>A product block (Zalo Shop product id).</summary>
    public static ArticleBlock Product(string productId) => new(ArticleBlockKind.Product) { ProductId = productId };
}

/// <summary>
/// Fields shared by both article kinds. Text is NFC-normalised before it is measured and sent.
/// </summary>
public abstract class ZaloArticle
{
    /// <summary>For derived types only.</summary>
    private protected ZaloArticle()
    {
    }

    /// <summary>The kind of article.</summary>
    public abstract ArticleType Type { get; }

    /// <summary>The title: 1 to <see cref="ArticleLimits.MaxTitleLength"/> characters.</summary>
    public required string Title { get; init; }

    /// <summary>The description: 1 to <see cref="ArticleLimits.MaxDescriptionLength"/> characters.</summary>
    public required string Description { get; init; }

    /// <summary>Whether the article is visible. Zalo defaults an omitted status to <c>hide</c>
    /// [S]; the SDK always sends it and defaults to <see cref="ArticleVisibility.Show"/>.</summary>
    public ArticleVisibility Status { get; init; } = ArticleVisibility.Show;

    /// <summary>Whether followers can comment (default <see cref="ArticleVisibility.Show"/>).</summary>
    public ArticleVisibility Comment { get; init; } = ArticleVisibility.Show;

    /// <summary>A copy of this article with another <see cref="Status"/> (used by hide/show).</summary>
    internal abstract ZaloArticle WithStatus(ArticleVisibility status);
}

/// <summary>
/// A normal (news) article: <c>{"type":"normal","title","author","description","cover","body",
/// "related_medias","tracking_link","status","comment"}</c>.
/// </summary>
public sealed class NormalArticle : ZaloArticle
{
    /// <inheritdoc />
    public override ArticleType Type => ArticleType.Normal;

    /// <summary>The author shown under the title: 1 to <see cref="ArticleLimits.MaxAuthorLength"/> characters.</summary>
    public required string Author { get; init; }

    /// <summary>The cover (photo or video).</summary>
    public required ArticleCover Cover { get; init; }

    /// <summary>The body blocks, at least one.</summary>
    public required IReadOnlyList<ArticleBlock> Body { get; init; }

    /// <summary>Ids of articles listed as related (<c>related_medias</c>).</summary>
    public IReadOnlyList<string>? RelatedArticleIds { get; init; }

    /// <summary>An absolute http(s) link for tracking (<c>tracking_link</c>).</summary>
    public string? TrackingLink { get; init; }

    internal override ZaloArticle WithStatus(ArticleVisibility status) => new NormalArticle
    {
        Title = Title,
        Description = Description,
        Author = Author,
        Cover = Cover,
        Body = Body,
        RelatedArticleIds = RelatedArticleIds,
        TrackingLink = TrackingLink,
        Comment = Comment,
        Status = status,
    };
}

/// <summary>
/// A video article: <c>{"type":"video","title","description","video_id","avatar","comment","status"}</c>.
/// Upload the video first (<see cref="ArticlesClient.PrepareVideoAsync(ReadOnlyMemory{byte}, string, CancellationToken)"/>)
/// and wait until <see cref="ArticlesClient.VerifyVideoAsync"/> reports it ready.
/// </summary>
public sealed class VideoArticle : ZaloArticle
{
    /// <inheritdoc />
    public override ArticleType Type => ArticleType.Video;

    /// <summary>The uploaded video's id.</summary>
    public required string VideoId { get; init; }

    /// <summary>The poster image's absolute http(s) URL (<c>avatar</c>).</summary>
    public required string Avatar { get; init; }

    internal override ZaloArticle WithStatus(ArticleVisibility status) => new VideoArticle
    {
        Title = Title,
        Description = Description,
        VideoId = VideoId,
        Avatar = Avatar,
        Comment = Comment,
        Status = status,
    };
}

/// <summary>
/// The limits the SDK checks before sending an article.
/// </summary>
/// <remarks>
/// Zalo documents "title 1 to 150 characters" and "description up to 300" [S], but a real OA
/// rejected strings of exactly 150 and 300 characters with that very message [S]. The SDK
/// therefore enforces one less (149 and 299) so a request it lets through is not refused for
/// length. Lengths are counted after NFC normalisation (a decomposed "ạ" would otherwise count
/// twice). The author limit (50) has no such report and is enforced as documented.
/// </remarks>
public static class ArticleLimits
{
    /// <summary>Longest accepted title (Zalo's stated 150 minus one; see remarks).</summary>
    public const int MaxTitleLength = 149;

    /// <summary>Longest accepted author.</summary>
    public const int MaxAuthorLength = 50;

    /// <summary>Longest accepted description (Zalo's stated 300 minus one; see remarks).</summary>
    public const int MaxDescriptionLength = 299;

    /// <summary>Largest page size of <c>getslice</c> (<c>-201 "maximum limit is 10"</c>).</summary>
    public const int MaxPageSize = 10;

    /// <summary>Largest video <c>preparevideo</c> accepts: 50 MB [S].</summary>
    public const long MaxVideoBytes = 50L * 1024 * 1024;
}
