using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Contact;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.FollowQr;

namespace ZaloOA.PoliceDesk.Pages.Follow;

/// <summary>The units in scope with a linked OA: their follow QR codes and posters.</summary>
public sealed class IndexModel(CaseAccess access) : PageModel
{
    public List<Unit> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Units = await access.VisibleUnits(DeskUser.From(User)!).Where(u => u.ZaloOaId != null).OrderBy(u => u.Path).ToListAsync(cancellationToken);
}

/// <summary>The printable poster of one unit: name, QR code, what the OA offers, hotlines.</summary>
public sealed class PosterModel(CaseAccess access, ContactDirectory contacts) : PageModel
{
    public Unit Unit { get; private set; } = null!;

    public List<Hotline> Hotlines { get; private set; } = [];

    public string Link { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        var found = await access.VisibleUnits(DeskUser.From(User)!).FirstOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (found?.ZaloOaId is null)
        {
            return NotFound();
        }

        Unit = found;
        Link = OaQrCode.Link(found.ZaloOaId);
        Hotlines = await contacts.HotlinesAsync(found, cancellationToken);
        return Page();
    }
}
