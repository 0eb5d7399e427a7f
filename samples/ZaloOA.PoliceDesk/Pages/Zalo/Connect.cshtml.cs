using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Zalo;

namespace ZaloOA.PoliceDesk.Pages.Zalo;

/// <summary>"Kết nối Zalo OA": confirms the unit, remembers it, and hands over to the SDK's
/// OAuth v4 consent start (<see cref="DeskRoutes.ZaloOAuthStart"/>). Officers connect their own
/// unit; administrators any unit in their scope (others: 404, or 403 for an officer's parent).</summary>
public sealed class ConnectModel(CaseAccess access, DeskZaloModeInfo mode, IServiceProvider services) : PageModel
{
    public Unit? Unit { get; private set; }

    public DeskZaloMode Mode => mode.Mode;

    public async Task<IActionResult> OnGetAsync(string? unit, CancellationToken cancellationToken) =>
        await FindAsync(unit, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string? unit, CancellationToken cancellationToken)
    {
        if (await FindAsync(unit, cancellationToken) is { } refused)
        {
            return refused;
        }

        services.GetRequiredService<ZaloOaLinking>().Remember(HttpContext, DeskUser.From(User)!, Unit!.Id);
        return Redirect(DeskRoutes.ZaloOAuthStart);
    }

    private async Task<IActionResult?> FindAsync(string? unit, CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        Unit = await access.VisibleUnits(me).FirstOrDefaultAsync(u => u.Code == unit, cancellationToken);
        if (Unit is null)
        {
            return NotFound();
        }

        return CaseAccess.CanLinkOa(me, Unit) ? null : StatusCode(StatusCodes.Status403Forbidden);
    }
}
