using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Zalo;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Broadcast;

namespace ZaloOA.PoliceDesk.News;

/// <summary>
/// Composes, publishes and manages a unit's articles. Access follows <see cref="CaseAccess"/>:
/// an officer works on their own unit's articles, an administrator on every unit below theirs.
/// Every Zalo call goes through the SDK (<see cref="ArticlesClient"/>, <see cref="BroadcastClient"/>)
/// of the unit's own OA; a refusal never loses the draft. One file per operation: drafts
/// (<c>NewsDesk.Drafts.cs</c>), publishing (<c>.Publish.cs</c>), visibility and removal
/// (<c>.Visibility.cs</c>), broadcasts (<c>.Broadcast.cs</c>), the OA's own list (<c>.ZaloArticles.cs</c>).
/// Every action answers a <see cref="DeskResult"/>.
/// </summary>
public sealed partial class NewsDesk(
    DeskDbContext db,
    CaseAccess access,
    DeskAudit audit,
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

    private ZaloOAClient? Client(Unit unit, out string? unavailable) =>
        UnitZaloClient.For(services, unit, "gửi lên Zalo OA", out unavailable);

    /// <summary>The Vietnamese explanation of an SDK failure.</summary>
    internal static string Explain(Exception ex) => UnitZaloClient.Explain(ex, "Bài viết");

    private void Audit(DeskUser user, string action, int unitId, string detail) => audit.Add(user, action, unitId, detail: detail);

    private static string Short(string text, int max = 80) => text.Length <= max ? text : text[..max] + "…";

}
