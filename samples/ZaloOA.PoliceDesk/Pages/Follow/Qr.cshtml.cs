using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.FollowQr;

namespace ZaloOA.PoliceDesk.Pages.Follow;

/// <summary><c>/follow/{unit}/qr.png</c>: the PNG QR code of a unit's OA link (units in the officer's scope).</summary>
public sealed class QrModel(CaseAccess access) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string unit, CancellationToken cancellationToken)
    {
        var found = await access.VisibleUnits(DeskUser.From(User)!).FirstOrDefaultAsync(u => u.Code == unit, cancellationToken);
        if (found?.ZaloOaId is null)
        {
            return NotFound();
        }

        return File(OaQrCode.Png(found.ZaloOaId), "image/png");
    }
}
