using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Articles;

namespace ZaloOA.PoliceDesk.News;

// The articles Zalo holds for an OA, including those published outside the desk.
public sealed partial class NewsDesk
{
    /// <summary>
    /// One page of the articles Zalo holds for a unit's OA (<c>getslice</c>, 10 per page), including
    /// those published outside the desk. Not found when the unit is outside the user's scope.
    /// </summary>
    public async Task<DeskResult<ArticleSlice>> ZaloPageAsync(DeskUser user, int unitId, int page, CancellationToken cancellationToken = default)
    {
        var unit = await access.VisibleUnits(user).FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return DeskResult.NotFound.As<ArticleSlice>();
        }

        var client = Client(unit, out var unavailable);
        if (client is null)
        {
            return DeskResult.Failed(unavailable!).As<ArticleSlice>();
        }

        try
        {
            return DeskResult.Of(await client.Articles.GetSliceAsync(ArticleType.Normal, Math.Max(0, page - 1) * ArticleLimits.MaxPageSize, ArticleLimits.MaxPageSize, cancellationToken));
        }
        catch (ZaloException ex)
        {
            return DeskResult.Failed(Explain(ex)).As<ArticleSlice>();
        }
    }
}
