using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>Staff accounts of the administrator's units: role, unit, locked or not (see <see cref="StaffDirectory"/>).</summary>
public sealed class StaffModel(StaffDirectory directory, CaseAccess access) : PageModel
{
    public List<StaffUser> Staff { get; private set; } = [];

    public List<Unit> Units { get; private set; } = [];

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    public int MyId { get; private set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Me.IsAdministrator)
        {
            return Forbid();
        }

        MyId = Me.Id;
        Staff = await directory.Visible(Me).Include(s => s.Unit).OrderBy(s => s.Unit.Path).ThenBy(s => s.UserName).ToListAsync(cancellationToken);
        Units = await access.VisibleUnits(Me).OrderBy(u => u.Path).ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int staffId, StaffRole role, int unitId, bool active, CancellationToken cancellationToken)
    {
        if (!Me.IsAdministrator)
        {
            return Forbid();
        }

        var result = await directory.UpdateAsync(Me, staffId, role, unitId, active, cancellationToken);
        switch (result.Outcome)
        {
            case DeskOutcome.NotFound:
                return NotFound();
            case DeskOutcome.Forbidden:
                return Forbid();
            default:
                Flash = result.Message;
                FlashOk = result.Outcome == DeskOutcome.Ok;
                return RedirectToPage();
        }
    }
}
