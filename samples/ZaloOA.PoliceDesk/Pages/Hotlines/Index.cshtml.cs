using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Contact;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages.Hotlines;

/// <summary>The hotline directory: every officer keeps their unit's numbers; administrators those of the units below.</summary>
public sealed class IndexModel(CaseAccess access, DeskDbContext db, DeskAudit audit) : PageModel
{
    public List<Unit> Units { get; private set; } = [];

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Units = await access.VisibleUnits(Me).Include(u => u.Level).OrderBy(u => u.Path).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(int unitId, string? hotlines, CancellationToken cancellationToken)
    {
        var unit = await access.VisibleUnits(Me).FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return Forbid();
        }

        var (value, error) = ContactDirectory.Parse(hotlines);
        if (error is not null)
        {
            Flash = error;
            FlashOk = false;
            return RedirectToPage();
        }

        var before = unit.Hotlines;
        unit.Hotlines = value!;
        audit.Add(Me, "unit.hotlines", unit.Id, detail: $"{before} → {value}");
        await db.SaveChangesAsync(cancellationToken);
        Flash = $"Đã cập nhật đường dây nóng của {unit.Name}.";
        FlashOk = true;
        return RedirectToPage();
    }
}
