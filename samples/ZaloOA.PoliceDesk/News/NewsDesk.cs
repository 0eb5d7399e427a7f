using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Broadcast;

namespace ZaloOA.PoliceDesk.News;

/// <summary>The outcome of a news action, with the Vietnamese message the desk shows.</summary>
public sealed record NewsActionResult(bool Succeeded, string Message)
{
    public static NewsActionResult Ok(string message) => new(true, message);

    public static NewsActionResult Fail(string message) => new(false, message);
}

/// <summary>Who a broadcast reaches, as chosen in the desk.</summary>
public sealed record BroadcastChoice(BroadcastGender Gender, IReadOnlyList<BroadcastAgeGroup> Ages, IReadOnlyList<BroadcastCity> Cities)
{
    /// <summary>The SDK target (everyone when nothing narrows it).</summary>
    public BroadcastTarget ToTarget() => new()
    {
        Gender = Gender,
        Ages = Ages.Count > 0 ? Ages : null,
        Cities = Cities.Count > 0 ? Cities : null,
    };

    /// <summary>The audience in words, for the record.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            Gender switch { BroadcastGender.Male => "Nam", BroadcastGender.Female => "Nữ", _ => "Mọi giới tính" },
            Ages.Count == 0 ? "mọi độ tuổi" : "tuổi " + string.Join(", ", Ages.Select(NewsLabels.Vi)),
            Cities.Count == 0 ? "mọi tỉnh, thành" : string.Join(", ", Cities.Select(NewsLabels.Vi)),
        };
        return string.Join("; ", parts);
    }
}

/// <summary>
/// Composes, publishes and manages a unit's articles. Access follows <see cref="CaseAccess"/>:
/// an officer works on their own unit's articles, an administrator on every unit below theirs.
/// Every Zalo call goes through the SDK (<see cref="ArticlesClient"/>, <see cref="BroadcastClient"/>)
/// of the unit's own OA; a refusal never loses the draft.
/// </summary>
public sealed partial class NewsDesk(
    DeskDbContext db,
    CaseAccess access,
    IServiceProvider services,
    IOptions<CitizenServicesOptions> options,
    TimeProvider time,
    ILogger<NewsDesk> logger)
{
    /// <summary>Articles the user may see and manage.</summary>
    public IQueryable<NewsArticle> Visible(DeskUser user)
    {
        var units = access.VisibleUnits(user).Select(u => u.Id);
        return db.NewsArticles.Where(a => units.Contains(a.UnitId));
    }

    /// <summary>One article in the user's scope with its unit and blocks, or null (404).</summary>
    public Task<NewsArticle?> FindAsync(DeskUser user, int id, CancellationToken cancellationToken = default) =>
        Visible(user)
            .Include(a => a.Unit)
            .Include(a => a.Blocks.OrderBy(b => b.Order))
            .Include(a => a.Broadcasts)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>Saves a new draft or the changes to one. The unit must be in the user's scope.</summary>
    public async Task<NewsArticle?> SaveDraftAsync(DeskUser user, NewsDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(draft);
        if (!await access.CanSeeUnitAsync(user, draft.UnitId, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow();
        NewsArticle? article;
        if (draft.Id is int id)
        {
            article = await FindAsync(user, id, cancellationToken);
            if (article is null)
            {
                return null;
            }

            db.NewsBlocks.RemoveRange(article.Blocks);
            article.Blocks.Clear();
            article.HasUnpublishedChanges = article.ZaloArticleId is not null;
        }
        else
        {
            article = new NewsArticle { CreatedAt = now, CreatedById = user.Id, Status = NewsStatus.Draft };
            db.NewsArticles.Add(article);
        }

        // Moving an article to another unit would publish it on another OA; only drafts may move.
        if (article.ZaloArticleId is null)
        {
            article.UnitId = draft.UnitId;
        }

        article.Title = draft.Title.Trim();
        article.Author = draft.Author.Trim();
        article.Description = draft.Description.Trim();
        if (draft.CoverImageId is int imageId)
        {
            article.CoverImageId = imageId;
            article.CoverUrl = null;
        }
        else if (!string.IsNullOrWhiteSpace(draft.CoverUrl))
        {
            article.CoverUrl = draft.CoverUrl.Trim();
            article.CoverImageId = null;
        }

        var order = 0;
        foreach (var block in draft.Blocks.Where(b => !b.IsEmpty))
        {
            article.Blocks.Add(new NewsBlock
            {
                Order = order++,
                Kind = block.Kind,
                Content = block.Kind == NewsBlockKind.Text ? block.Content?.Trim() : null,
                Url = block.Kind != NewsBlockKind.Text ? block.Url?.Trim() : null,
                Caption = block.Kind == NewsBlockKind.Image ? NullIfBlank(block.Caption) : null,
                Thumb = block.Kind == NewsBlockKind.Video ? NullIfBlank(block.Thumb) : null,
            });
        }

        article.UpdatedAt = now;
        db.Audit.Add(Audit(user, article.ZaloArticleId is null && draft.Id is null ? NewsAuditActions.Drafted : NewsAuditActions.Edited, article.UnitId, $"Bài viết \"{Short(article.Title)}\""));
        await db.SaveChangesAsync(cancellationToken);
        return article;
    }

    /// <summary>Stores an uploaded cover image (jpg/png, at most 1 MB) for a unit in the user's scope.</summary>
    public async Task<(int? Id, string? Error)> SaveImageAsync(DeskUser user, int unitId, string contentType, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!await access.CanSeeUnitAsync(user, unitId, cancellationToken))
        {
            return (null, "Không có quyền với đơn vị này.");
        }

        if (contentType is not ("image/jpeg" or "image/png"))
        {
            return (null, "Ảnh bìa phải là tệp JPG hoặc PNG.");
        }

        if (content.Length == 0 || content.Length > options.Value.MaxImageBytes)
        {
            return (null, $"Ảnh bìa phải nhỏ hơn {options.Value.MaxImageBytes / 1024} KB (giới hạn của Zalo).");
        }

        var image = new NewsImage { UnitId = unitId, ContentType = contentType, Content = content, CreatedAt = time.GetUtcNow() };
        db.NewsImages.Add(image);
        await db.SaveChangesAsync(cancellationToken);
        return (image.Id, null);
    }

    /// <summary>
    /// Publishes the article on its unit's OA: create (or update once published) then verify until
    /// Zalo returns the article id. On any refusal the draft stays as it was, with the error.
    /// </summary>
    /// <param name="user">The officer.</param>
    /// <param name="id">The article.</param>
    /// <param name="requestBase">The address of the officer's request, used for uploaded images
    /// when <see cref="CitizenServicesOptions.PublicBaseUrl"/> is not set.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<NewsActionResult?> PublishAsync(DeskUser user, int id, Uri requestBase, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return null;
        }

        if (article.Status == NewsStatus.Removed)
        {
            return NewsActionResult.Fail("Bài viết đã gỡ khỏi Zalo; hãy tạo bài mới.");
        }

        if (article.CoverImageId is int imageId)
        {
            var baseUrl = options.Value.PublicBaseUrl ?? requestBase;
            article.CoverUrl = new Uri(baseUrl, NewsRoutes.Image(imageId)).AbsoluteUri;
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return await FailAsync(article, user, unavailable!, cancellationToken);
        }

        var updating = article.ZaloArticleId is not null;
        ArticlePublishResult result;
        try
        {
            var zaloArticle = ToZalo(article, article.IsVisible);
            if (updating)
            {
                var token = await client.Articles.UpdateAsync(article.ZaloArticleId!, zaloArticle, cancellationToken);
                result = token is null
                    ? new ArticlePublishResult(ArticlePublishStatus.Published, "", article.ZaloArticleId, 0)
                    : await client.Articles.WaitForArticleIdAsync(token, options.Value.WaitOptions, cancellationToken);
            }
            else
            {
                result = await client.Articles.CreateAndWaitAsync(zaloArticle, options.Value.WaitOptions, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ZaloException or ZaloValidationException)
        {
            LogPublishFailed(logger, article.Id, article.Unit.Code, ex.GetType().Name);
            return await FailAsync(article, user, Explain(ex), cancellationToken);
        }

        return await ApplyAsync(article, user, client, result, updating, cancellationToken);
    }

    /// <summary>Verifies a processing article's token once more.</summary>
    public async Task<NewsActionResult?> VerifyAsync(DeskUser user, int id, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return null;
        }

        if (article.Status != NewsStatus.Processing || article.ZaloToken is null)
        {
            return NewsActionResult.Fail("Bài viết không ở trạng thái chờ Zalo xử lý.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return await FailAsync(article, user, unavailable!, cancellationToken);
        }

        try
        {
            var result = await client.Articles.VerifyAsync(article.ZaloToken, cancellationToken);
            return await ApplyAsync(article, user, client, result, article.ZaloArticleId is not null, cancellationToken);
        }
        catch (ZaloException ex)
        {
            return await FailAsync(article, user, Explain(ex), cancellationToken);
        }
    }

    /// <summary>Shows or hides a published article (Zalo's update with status show/hide).</summary>
    public async Task<NewsActionResult?> SetVisibilityAsync(DeskUser user, int id, bool visible, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return null;
        }

        if (article.Status != NewsStatus.Published || article.ZaloArticleId is null)
        {
            return NewsActionResult.Fail("Chỉ ẩn hoặc hiện được bài đã đăng.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return NewsActionResult.Fail(unavailable!);
        }

        try
        {
            var zaloArticle = ToZalo(article, visible);
            _ = visible
                ? await client.Articles.ShowAsync(article.ZaloArticleId, zaloArticle, cancellationToken)
                : await client.Articles.HideAsync(article.ZaloArticleId, zaloArticle, cancellationToken);
        }
        catch (Exception ex) when (ex is ZaloException or ZaloValidationException)
        {
            article.LastError = Explain(ex);
            await db.SaveChangesAsync(cancellationToken);
            return NewsActionResult.Fail(article.LastError);
        }

        article.IsVisible = visible;
        article.LastError = null;
        article.UpdatedAt = time.GetUtcNow();
        db.Audit.Add(Audit(user, visible ? NewsAuditActions.Shown : NewsAuditActions.Hidden, article.UnitId, $"Bài viết {article.ZaloArticleId}"));
        await db.SaveChangesAsync(cancellationToken);
        return NewsActionResult.Ok(visible ? "Bài viết đã hiện lại trên Zalo OA." : "Bài viết đã được ẩn trên Zalo OA.");
    }

    /// <summary>Removes the article from the OA (kept here as "đã gỡ"), or deletes a never-published draft.</summary>
    public async Task<NewsActionResult?> RemoveAsync(DeskUser user, int id, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return null;
        }

        if (article.ZaloArticleId is null)
        {
            db.NewsArticles.Remove(article);
            db.Audit.Add(Audit(user, NewsAuditActions.Deleted, article.UnitId, $"Bản nháp \"{Short(article.Title)}\""));
            await db.SaveChangesAsync(cancellationToken);
            return NewsActionResult.Ok("Đã xóa bản nháp.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return NewsActionResult.Fail(unavailable!);
        }

        try
        {
            await client.Articles.RemoveAsync(article.ZaloArticleId, cancellationToken);
        }
        catch (ZaloException ex)
        {
            article.LastError = Explain(ex);
            await db.SaveChangesAsync(cancellationToken);
            return NewsActionResult.Fail(article.LastError);
        }

        article.Status = NewsStatus.Removed;
        article.IsVisible = false;
        article.LastError = null;
        article.UpdatedAt = time.GetUtcNow();
        db.Audit.Add(Audit(user, NewsAuditActions.Removed, article.UnitId, $"Bài viết {article.ZaloArticleId}"));
        await db.SaveChangesAsync(cancellationToken);
        return NewsActionResult.Ok("Đã gỡ bài viết khỏi Zalo OA.");
    }

    /// <summary>Broadcasts a published article to the OA's followers matching <paramref name="choice"/>.</summary>
    public async Task<NewsActionResult?> BroadcastAsync(DeskUser user, int id, BroadcastChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return null;
        }

        if (article.Status != NewsStatus.Published || article.ZaloArticleId is null)
        {
            return NewsActionResult.Fail("Chỉ gửi được bài đã đăng thành công lên Zalo OA.");
        }

        if (!article.IsVisible)
        {
            return NewsActionResult.Fail("Bài viết đang ẩn; hãy hiện bài trước khi gửi tới người quan tâm.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return NewsActionResult.Fail(unavailable!);
        }

        var record = new NewsBroadcast { ArticleId = article.Id, Target = choice.Describe(), SentById = user.Id, SentAt = time.GetUtcNow() };
        article.Broadcasts.Add(record);
        NewsActionResult outcome;
        try
        {
            var sent = await client.Broadcast.SendArticleAsync(article.ZaloArticleId, choice.ToTarget(), cancellationToken);
            record.ZaloMessageId = sent.MessageId;
            outcome = NewsActionResult.Ok($"Đã gửi bài viết tới người quan tâm ({record.Target}). Zalo duyệt nội dung trước khi gửi (khoảng 30 phút).");
        }
        catch (Exception ex) when (ex is ZaloException or ZaloValidationException)
        {
            record.Error = Explain(ex);
            outcome = NewsActionResult.Fail(record.Error);
        }

        db.Audit.Add(Audit(user, NewsAuditActions.Broadcast, article.UnitId, $"Bài viết {article.ZaloArticleId}: {record.Target}" + (record.Error is null ? "" : " (bị từ chối)")));
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// One page of the articles Zalo holds for a unit's OA (<c>getslice</c>, 10 per page), including
    /// those published outside the desk. Null when the unit is outside the user's scope.
    /// </summary>
    public async Task<(ArticleSlice? Slice, string? Error)?> ZaloPageAsync(DeskUser user, int unitId, int page, CancellationToken cancellationToken = default)
    {
        var unit = await access.VisibleUnits(user).FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var client = Client(unit, out var unavailable);
        if (client is null)
        {
            return (null, unavailable);
        }

        try
        {
            return (await client.Articles.GetSliceAsync(ArticleType.Normal, Math.Max(0, page - 1) * ArticleLimits.MaxPageSize, ArticleLimits.MaxPageSize, cancellationToken), null);
        }
        catch (ZaloException ex)
        {
            return (null, Explain(ex));
        }
    }

    /// <summary>The SDK article for the desk copy.</summary>
    internal static NormalArticle ToZalo(NewsArticle article, bool visible) => new()
    {
        Title = article.Title,
        Author = article.Author,
        Description = article.Description,
        Cover = ArticleCover.Photo(article.CoverUrl ?? ""),
        Body = [.. article.Blocks.OrderBy(b => b.Order).Select(b => b.Kind switch
        {
            NewsBlockKind.Image => ArticleBlock.Image(b.Url ?? "", b.Caption),
            NewsBlockKind.Video => ArticleBlock.VideoFromUrl(b.Url ?? "", b.Thumb ?? article.CoverUrl ?? ""),
            _ => ArticleBlock.Text(ToHtml(b.Content ?? "")),
        })],
        Status = visible ? ArticleVisibility.Show : ArticleVisibility.Hide,
        Comment = ArticleVisibility.Show,
    };

    /// <summary>Zalo's text blocks take simple HTML: one &lt;p&gt; per paragraph, line breaks as
    /// &lt;br&gt;, and only the HTML metacharacters escaped (WebUtility.HtmlEncode would also turn
    /// every Vietnamese letter such as "ô" into "&amp;#244;").</summary>
    internal static string ToHtml(string text) =>
        string.Concat(text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + EscapeHtml(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>"));

    private static string EscapeHtml(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);

    private async Task<NewsActionResult> ApplyAsync(NewsArticle article, DeskUser user, ZaloOAClient client, ArticlePublishResult result, bool updating, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (result.Status)
        {
            case ArticlePublishStatus.Published:
                article.Status = NewsStatus.Published;
                article.ZaloArticleId = result.Id;
                article.ZaloToken = null;
                article.LastError = null;
                article.HasUnpublishedChanges = false;
                article.PublishedAt ??= now;
                article.UpdatedAt = now;
                article.ZaloLink = await LinkAsync(client, result.Id!, cancellationToken) ?? article.ZaloLink;
                db.Audit.Add(Audit(user, updating ? NewsAuditActions.Updated : NewsAuditActions.Published, article.UnitId, $"Bài viết {result.Id}"));
                await db.SaveChangesAsync(cancellationToken);
                return NewsActionResult.Ok(updating ? "Đã cập nhật bài viết trên Zalo OA." : "Đã đăng bài viết lên Zalo OA.");
            case ArticlePublishStatus.StillProcessing:
                article.Status = NewsStatus.Processing;
                article.ZaloToken = result.Token;
                article.LastError = null;
                article.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                return NewsActionResult.Ok("Zalo đang xử lý bài viết. Bấm \"Kiểm tra lại\" sau ít phút để nhận mã bài viết.");
            default:
                return await FailAsync(article, user, result.Error is { } error
                    ? $"Zalo không xử lý được bài viết (mã {error.ErrorCode}): {error.ZaloMessage}"
                    : "Zalo không xử lý được bài viết.", cancellationToken);
        }
    }

    private async Task<NewsActionResult> FailAsync(NewsArticle article, DeskUser user, string error, CancellationToken cancellationToken)
    {
        // The draft (or the published version) stays as it was; only the error is recorded.
        if (article.Status == NewsStatus.Processing)
        {
            article.Status = article.ZaloArticleId is null ? NewsStatus.Draft : NewsStatus.Published;
            article.ZaloToken = null;
        }

        article.LastError = error;
        db.Audit.Add(Audit(user, NewsAuditActions.PublishFailed, article.UnitId, Short(error, 900)));
        await db.SaveChangesAsync(cancellationToken);
        return NewsActionResult.Fail(error);
    }

    private static async Task<string?> LinkAsync(ZaloOAClient client, string articleId, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.Articles.GetDetailAsync(articleId, cancellationToken)).Link;
        }
        catch (ZaloException)
        {
            // The link is a convenience for "Tin tức"; the article is published without it.
            return null;
        }
    }

    private ZaloOAClient? Client(Unit unit, out string? unavailable)
    {
        var factory = services.GetService<IZaloOAClientFactory>();
        if (factory is null)
        {
            unavailable = "Ứng dụng chưa cấu hình Zalo (mục Zalo:AppId), chưa thể gửi lên Zalo OA.";
            return null;
        }

        if (string.IsNullOrEmpty(unit.ZaloOaId))
        {
            unavailable = $"{unit.Name} chưa kết nối Zalo OA. Quản trị viên kết nối tại trang Đơn vị.";
            return null;
        }

        unavailable = null;
        return factory.GetClient(unit.ZaloOaId);
    }

    /// <summary>The Vietnamese explanation of an SDK failure.</summary>
    internal static string Explain(Exception ex) => ex switch
    {
        ZaloValidationException v => "Bài viết chưa hợp lệ: " + v.Message,
        ZaloReauthorizationRequiredException => "Zalo OA của đơn vị cần được kết nối lại (trang Đơn vị → Kết nối Zalo OA).",
        ZaloApiException api => $"Zalo từ chối (mã {api.ErrorCode}): {api.ZaloMessage}",
        ZaloTransportException => "Không kết nối được tới Zalo. Vui lòng thử lại sau.",
        _ => "Zalo trả lời không như mong đợi. Vui lòng thử lại sau.",
    };

    private AuditEntry Audit(DeskUser user, string action, int unitId, string detail) => new()
    {
        At = time.GetUtcNow(),
        ActorId = user.Id,
        ActorName = user.DisplayName,
        Action = action,
        UnitId = unitId,
        Detail = detail,
    };

    private static string Short(string text, int max = 80) => text.Length <= max ? text : text[..max] + "…";

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing article {ArticleId} of unit {UnitCode} failed: {ErrorType}.")]
    private static partial void LogPublishFailed(ILogger logger, int articleId, string unitCode, string errorType);
}

/// <summary>What the compose form sends.</summary>
public sealed class NewsDraft
{
    public int? Id { get; set; }

    public int UnitId { get; set; }

    public string Title { get; set; } = "";

    public string Author { get; set; } = "";

    public string Description { get; set; } = "";

    public string? CoverUrl { get; set; }

    public int? CoverImageId { get; set; }

    public List<NewsDraftBlock> Blocks { get; set; } = [];
}

/// <summary>One body block of the compose form.</summary>
public sealed class NewsDraftBlock
{
    public NewsBlockKind Kind { get; set; }

    public string? Content { get; set; }

    public string? Url { get; set; }

    public string? Caption { get; set; }

    public string? Thumb { get; set; }

    public bool IsEmpty => Kind == NewsBlockKind.Text ? string.IsNullOrWhiteSpace(Content) : string.IsNullOrWhiteSpace(Url);
}

/// <summary>Audit action codes of the news desk.</summary>
public static class NewsAuditActions
{
    public const string Drafted = "news.drafted";
    public const string Edited = "news.edited";
    public const string Published = "news.published";
    public const string Updated = "news.updated";
    public const string PublishFailed = "news.publish_failed";
    public const string Hidden = "news.hidden";
    public const string Shown = "news.shown";
    public const string Removed = "news.removed";
    public const string Deleted = "news.deleted";
    public const string Broadcast = "news.broadcast";
}

/// <summary>Routes of the news pages.</summary>
public static class NewsRoutes
{
    public const string Index = "/News";

    /// <summary>An uploaded image, public so Zalo can fetch it.</summary>
    public static string Image(int id) => "news/images/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
