using ZaloOA.PoliceDesk.Access;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Articles;

namespace ZaloOA.PoliceDesk.News;

// Publishing: create or update on Zalo, wait for the article id, verify later.
public sealed partial class NewsDesk
{
    /// <summary>
    /// Publishes the article on its unit's OA: create (or update once published) then verify until
    /// Zalo returns the article id. On any refusal the draft stays as it was, with the error.
    /// </summary>
    /// <param name="user">The officer.</param>
    /// <param name="id">The article.</param>
    /// <param name="requestBase">The address of the officer's request, used for uploaded images
    /// when <see cref="CitizenServicesOptions.PublicBaseUrl"/> is not set.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<DeskResult> PublishAsync(DeskUser user, int id, Uri requestBase, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return DeskResult.NotFound;
        }

        if (article.Status == NewsStatus.Removed)
        {
            return DeskResult.Invalid("Bài viết đã gỡ khỏi Zalo; hãy tạo bài mới.");
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
    public async Task<DeskResult> VerifyAsync(DeskUser user, int id, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return DeskResult.NotFound;
        }

        if (article.Status != NewsStatus.Processing || article.ZaloToken is null)
        {
            return DeskResult.Invalid("Bài viết không ở trạng thái chờ Zalo xử lý.");
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

    private async Task<DeskResult> ApplyAsync(NewsArticle article, DeskUser user, ZaloOAClient client, ArticlePublishResult result, bool updating, CancellationToken cancellationToken)
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
                Audit(user, updating ? NewsAuditActions.Updated : NewsAuditActions.Published, article.UnitId, $"Bài viết {result.Id}");
                await db.SaveChangesAsync(cancellationToken);
                return DeskResult.Done(updating ? "Đã cập nhật bài viết trên Zalo OA." : "Đã đăng bài viết lên Zalo OA.");
            case ArticlePublishStatus.StillProcessing:
                article.Status = NewsStatus.Processing;
                article.ZaloToken = result.Token;
                article.LastError = null;
                article.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                return DeskResult.Done("Zalo đang xử lý bài viết. Bấm \"Kiểm tra lại\" sau ít phút để nhận mã bài viết.");
            default:
                return await FailAsync(article, user, result.Error is { } error
                    ? $"Zalo không xử lý được bài viết (mã {error.ErrorCode}): {error.ZaloMessage}"
                    : "Zalo không xử lý được bài viết.", cancellationToken);
        }
    }

    private async Task<DeskResult> FailAsync(NewsArticle article, DeskUser user, string error, CancellationToken cancellationToken)
    {
        // The draft (or the published version) stays as it was; only the error is recorded.
        if (article.Status == NewsStatus.Processing)
        {
            article.Status = article.ZaloArticleId is null ? NewsStatus.Draft : NewsStatus.Published;
            article.ZaloToken = null;
        }

        article.LastError = error;
        Audit(user, NewsAuditActions.PublishFailed, article.UnitId, Short(error, 900));
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Failed(error);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing article {ArticleId} of unit {UnitCode} failed: {ErrorType}.")]
    private static partial void LogPublishFailed(ILogger logger, int articleId, string unitCode, string errorType);
}
