using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages.Zalo;

public sealed class ConnectModel(CaseAccess access) : PageModel
{
    public Unit? Unit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? unit, CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        if (!CaseAccess.CanLinkOa(me))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Unit = await access.VisibleUnits(me).FirstOrDefaultAsync(u => u.Code == unit, cancellationToken);
        return Unit is null ? NotFound() : Page();
    }
}
