using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.News;
using ZaloOA.Sdk.Articles;

namespace ZaloOA.PoliceDesk.Pages.News;

/// <summary>The articles on a unit's OA as Zalo lists them (<c>getslice</c>).</summary>
public sealed class ZaloModel(NewsDesk news, CaseAccess access) : PageModel
{
    public List<Unit> Units { get; private set; } = [];

    public Unit? Unit { get; private set; }

    public ArticleSlice? Slice { get; private set; }

    public string? Error { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(int? unitId, int page = 1, CancellationToken cancellationToken = default)
    {
        var me = DeskUser.From(User)!;
        Units = await access.VisibleUnits(me).Where(u => u.ZaloOaId != null).OrderBy(u => u.Path).ToListAsync(cancellationToken);
        Unit = unitId is int id ? Units.FirstOrDefault(u => u.Id == id) : Units.FirstOrDefault(u => u.Id == me.UnitId) ?? Units.FirstOrDefault();
        if (unitId is not null && Unit is null)
        {
            return Forbid();
        }

        PageNumber = Math.Max(1, page);
        if (Unit is not null)
        {
            var result = await news.ZaloPageAsync(me, Unit.Id, PageNumber, cancellationToken);
            (Slice, Error) = (result.Value, result.Outcome == DeskOutcome.Failed ? result.Message : null);
        }

        return Page();
    }
}
