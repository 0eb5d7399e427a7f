using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class UnitsModel(CaseAccess access) : PageModel
{
    public List<Unit> Units { get; private set; } = [];

    public bool CanLink { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = DeskUser.From(User)!;
        CanLink = CaseAccess.CanLinkOa(me);
        Units = await access.VisibleUnits(me).Include(u => u.Level).OrderBy(u => u.Path).ToListAsync(cancellationToken);
    }
}
