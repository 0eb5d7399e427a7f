using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class UnitsModel(CaseAccess access) : PageModel
{
    public List<Unit> Units { get; private set; } = [];

    private DeskUser Me { get; set; } = null!;

    public bool CanLink(Unit unit) => CaseAccess.CanLinkOa(Me, unit);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Me = DeskUser.From(User)!;
        Units = await access.VisibleUnits(Me).Include(u => u.Level).OrderBy(u => u.Path).ToListAsync(cancellationToken);
    }
}
