using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Security;

namespace ZaloOA.PoliceDesk.News;

// Drafts: compose, save, cover images.
public sealed partial class NewsDesk
{
    /// <summary>Saves a new draft or the changes to one. The unit must be in the user's scope.</summary>
    public async Task<DeskResult<NewsArticle>> SaveDraftAsync(DeskUser user, NewsDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(draft);
        if (UrlProblems(draft).FirstOrDefault() is { } problem)
        {
            // The compose page shows these; a caller that skipped them must not store a script link.
            throw new ArgumentException(problem, nameof(draft));
        }

        if (!await access.CanSeeUnitAsync(user, draft.UnitId, cancellationToken))
        {
            return DeskResult.NotFound.As<NewsArticle>();
        }

        var now = time.GetUtcNow();
        NewsArticle? article;
        if (draft.Id is int id)
        {
            article = await FindAsync(user, id, cancellationToken);
            if (article is null)
            {
                return DeskResult.NotFound.As<NewsArticle>();
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
        Audit(user, article.ZaloArticleId is null && draft.Id is null ? NewsAuditActions.Drafted : NewsAuditActions.Edited, article.UnitId, $"Bài viết \"{Short(article.Title)}\"");
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Of(article);
    }

    /// <summary>What is wrong with the draft's links (cover, image and video blocks, thumbnails):
    /// each must be an absolute http(s) URL (see <see cref="SafeUrl"/>).</summary>
    public static List<string> UrlProblems(NewsDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<string?> { SafeUrl.Problem(draft.CoverUrl, "ảnh bìa") };
        foreach (var block in draft.Blocks.Where(b => b.Kind != NewsBlockKind.Text && !b.IsEmpty))
        {
            problems.Add(SafeUrl.Problem(block.Url, block.Kind == NewsBlockKind.Image ? "hình ảnh" : "video"));
            if (block.Kind == NewsBlockKind.Video)
            {
                problems.Add(SafeUrl.Problem(block.Thumb, "ảnh đại diện video"));
            }
        }

        return [.. problems.OfType<string>().Distinct()];
    }

    /// <summary>Stores an uploaded cover image (jpg/png, at most 1 MB) for a unit in the user's scope.</summary>
    public async Task<DeskResult<int>> SaveImageAsync(DeskUser user, int unitId, string contentType, byte[] content, CancellationToken cancellationToken = default)
    {
        if (!await access.CanSeeUnitAsync(user, unitId, cancellationToken))
        {
            return DeskResult.Forbidden("Không có quyền với đơn vị này.").As<int>();
        }

        if (contentType is not ("image/jpeg" or "image/png"))
        {
            return DeskResult.Invalid("Ảnh bìa phải là tệp JPG hoặc PNG.").As<int>();
        }

        if (content.Length == 0 || content.Length > options.Value.MaxImageBytes)
        {
            return DeskResult.Invalid($"Ảnh bìa phải nhỏ hơn {options.Value.MaxImageBytes / 1024} KB (giới hạn của Zalo).").As<int>();
        }

        var image = new NewsImage { UnitId = unitId, ContentType = contentType, Content = content, CreatedAt = time.GetUtcNow() };
        db.NewsImages.Add(image);
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Of(image.Id);
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
