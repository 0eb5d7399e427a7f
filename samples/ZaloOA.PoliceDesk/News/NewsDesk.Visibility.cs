using ZaloOA.PoliceDesk.Access;
using ZaloOA.Sdk;

namespace ZaloOA.PoliceDesk.News;

// Visibility: show, hide, remove from the OA (or delete a draft).
public sealed partial class NewsDesk
{
    /// <summary>Shows or hides a published article (Zalo's update with status show/hide).</summary>
    public async Task<DeskResult> SetVisibilityAsync(DeskUser user, int id, bool visible, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return DeskResult.NotFound;
        }

        if (article.Status != NewsStatus.Published || article.ZaloArticleId is null)
        {
            return DeskResult.Invalid("Chỉ ẩn hoặc hiện được bài đã đăng.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return DeskResult.Failed(unavailable!);
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
            return DeskResult.Failed(article.LastError);
        }

        article.IsVisible = visible;
        article.LastError = null;
        article.UpdatedAt = time.GetUtcNow();
        Audit(user, visible ? NewsAuditActions.Shown : NewsAuditActions.Hidden, article.UnitId, $"Bài viết {article.ZaloArticleId}");
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Done(visible ? "Bài viết đã hiện lại trên Zalo OA." : "Bài viết đã được ẩn trên Zalo OA.");
    }

    /// <summary>Removes the article from the OA (kept here as "đã gỡ"), or deletes a never-published draft.</summary>
    public async Task<DeskResult> RemoveAsync(DeskUser user, int id, CancellationToken cancellationToken = default)
    {
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return DeskResult.NotFound;
        }

        if (article.ZaloArticleId is null)
        {
            db.NewsArticles.Remove(article);
            Audit(user, NewsAuditActions.Deleted, article.UnitId, $"Bản nháp \"{Short(article.Title)}\"");
            await db.SaveChangesAsync(cancellationToken);
            return DeskResult.Done("Đã xóa bản nháp.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return DeskResult.Failed(unavailable!);
        }

        try
        {
            await client.Articles.RemoveAsync(article.ZaloArticleId, cancellationToken);
        }
        catch (ZaloException ex)
        {
            article.LastError = Explain(ex);
            await db.SaveChangesAsync(cancellationToken);
            return DeskResult.Failed(article.LastError);
        }

        article.Status = NewsStatus.Removed;
        article.IsVisible = false;
        article.LastError = null;
        article.UpdatedAt = time.GetUtcNow();
        Audit(user, NewsAuditActions.Removed, article.UnitId, $"Bài viết {article.ZaloArticleId}");
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Done("Đã gỡ bài viết khỏi Zalo OA.");
    }
}
