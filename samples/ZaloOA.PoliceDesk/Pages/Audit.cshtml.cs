using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>
/// The audit log of the administrator's units, newest first, filtered by kind: everything, sign-ins
/// (including failed and locked attempts) or reads of citizens' data. Entries without a unit (sign-in
/// attempts with an unknown name, retention runs) are shown to the province's administrators.
/// </summary>
public sealed class AuditModel(CaseAccess access, DeskDbContext db) : PageModel
{
    /// <summary>The filter values of <see cref="Kind"/>.</summary>
    public const string SignInsKind = "signin";

    /// <summary>Reads of cases, media and the API.</summary>
    public const string ReadsKind = "reads";

    public List<AuditEntry> Entries { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!CaseAccess.CanSeeAuditLog(me))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var units = access.VisibleUnits(me).Select(u => u.Id);
        var province = CaseAccess.IsTopAdministrator(me);
        var query = db.Audit.AsNoTracking().Where(a => (a.UnitId != null && units.Contains(a.UnitId.Value)) || (province && a.UnitId == null));
        query = Kind switch
        {
            SignInsKind => query.Where(a => AuditActions.SignIns.Contains(a.Action)),
            ReadsKind => query.Where(a => AuditActions.Reads.Contains(a.Action)),
            _ => query,
        };
        Entries = await query.OrderByDescending(a => a.Id).Take(200).ToListAsync(cancellationToken);
        return Page();
    }
}
