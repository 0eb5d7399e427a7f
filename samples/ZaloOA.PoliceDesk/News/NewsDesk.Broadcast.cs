using ZaloOA.PoliceDesk.Access;
using ZaloOA.Sdk;

namespace ZaloOA.PoliceDesk.News;

// Broadcasts: send a published article to the OA's followers.
public sealed partial class NewsDesk
{
    /// <summary>Broadcasts a published article to the OA's followers matching <paramref name="choice"/>.</summary>
    public async Task<DeskResult> BroadcastAsync(DeskUser user, int id, BroadcastChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choice);
        var article = await FindAsync(user, id, cancellationToken);
        if (article is null)
        {
            return DeskResult.NotFound;
        }

        if (article.Status != NewsStatus.Published || article.ZaloArticleId is null)
        {
            return DeskResult.Invalid("Chỉ gửi được bài đã đăng thành công lên Zalo OA.");
        }

        if (!article.IsVisible)
        {
            return DeskResult.Invalid("Bài viết đang ẩn; hãy hiện bài trước khi gửi tới người quan tâm.");
        }

        var client = Client(article.Unit, out var unavailable);
        if (client is null)
        {
            return DeskResult.Failed(unavailable!);
        }

        var record = new NewsBroadcast { ArticleId = article.Id, Target = choice.Describe(), SentById = user.Id, SentAt = time.GetUtcNow() };
        article.Broadcasts.Add(record);
        DeskResult outcome;
        try
        {
            var sent = await client.Broadcast.SendArticleAsync(article.ZaloArticleId, choice.ToTarget(), cancellationToken);
            record.ZaloMessageId = sent.MessageId;
            outcome = DeskResult.Done($"Đã gửi bài viết tới người quan tâm ({record.Target}). Zalo duyệt nội dung trước khi gửi (khoảng 30 phút).");
        }
        catch (Exception ex) when (ex is ZaloException or ZaloValidationException)
        {
            record.Error = Explain(ex);
            outcome = DeskResult.Failed(record.Error);
        }

        Audit(user, NewsAuditActions.Broadcast, article.UnitId, $"Bài viết {article.ZaloArticleId}: {record.Target}" + (record.Error is null ? "" : " (bị từ chối)"));
        await db.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
