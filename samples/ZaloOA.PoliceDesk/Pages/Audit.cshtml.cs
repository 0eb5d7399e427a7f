using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class AuditModel(CaseAccess access, DeskDbContext db) : PageModel
{
    public List<AuditEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!CaseAccess.CanSeeAuditLog(me))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var units = access.VisibleUnits(me).Select(u => u.Id);
        Entries = await db.Audit.AsNoTracking()
            .Where(a => a.UnitId != null && units.Contains(a.UnitId.Value))
            .OrderByDescending(a => a.Id)
            .Take(200)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
