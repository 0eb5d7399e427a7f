using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class IndexModel(CaseSearch search, CaseAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public CaseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public CasePage Result { get; private set; } = new([], 0, 1, 25);

    public List<Unit> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = DeskUser.From(User)!;
        var result = await search.SearchAsync(user, new CaseFilter(Status, Category, UnitId, true, Q, PageNumber, 25), cancellationToken);
        if (result is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Result = result;
        Units = await access.VisibleUnits(user).Include(u => u.Level).OrderBy(u => u.Path).ToListAsync(cancellationToken);
        return Page();
    }

    public string PageLink(int page) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["category"] = Category?.ToString(),
            ["unitId"] = UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = Q,
            ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
