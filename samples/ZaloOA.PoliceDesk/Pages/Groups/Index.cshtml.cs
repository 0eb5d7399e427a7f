using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Groups;
using ZaloOA.Sdk.Groups;

#pragma warning disable ZALO003 // the page shows the SDK's (experimental) group type

namespace ZaloOA.PoliceDesk.Pages.Groups;

/// <summary>
/// A unit's Zalo group chats: the groups it has linked, its OA's groups to link, and the form that
/// broadcasts a warning to linked groups, with each group's result after sending.
/// </summary>
public sealed class IndexModel(GroupDesk groups) : PageModel
{
    public List<Unit> Units { get; private set; } = [];

    public Unit? Unit { get; private set; }

    public List<UnitGroupLink> Links { get; private set; } = [];

    public IReadOnlyList<ZaloGroup> ZaloGroups { get; private set; } = [];

    public string? ZaloError { get; private set; }

    public bool CanLink { get; private set; }

    [BindProperty]
    public GroupWarning Warning { get; set; } = new();

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    /// <summary>The last broadcast's per-group results (JSON, carried across the redirect).</summary>
    [TempData]
    public string? DeliveriesJson { get; set; }

    public IReadOnlyList<GroupDelivery> Deliveries { get; private set; } = [];

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(int? unitId, CancellationToken cancellationToken)
    {
        Units = await groups.UnitsAsync(Me, cancellationToken);
        Unit = unitId is int id ? Units.FirstOrDefault(u => u.Id == id) : Units.FirstOrDefault(u => u.Id == Me.UnitId) ?? Units.FirstOrDefault();
        if (unitId is not null && Unit is null)
        {
            return NotFound();
        }

        if (DeliveriesJson is not null)
        {
            Deliveries = JsonSerializer.Deserialize<List<GroupDelivery>>(DeliveriesJson) ?? [];
        }

        if (Unit is not null)
        {
            CanLink = CaseAccess.CanLinkOa(Me, Unit);
            Links = await groups.LinksAsync(Me, Unit.Id, cancellationToken);
            (ZaloGroups, ZaloError) = await groups.ZaloGroupsAsync(Unit, cancellationToken);
            Warning.UnitId = Unit.Id;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync(int unitId, string? groupId, CancellationToken cancellationToken) =>
        Show(await groups.LinkAsync(Me, unitId, groupId, cancellationToken), unitId);

    public async Task<IActionResult> OnPostUnlinkAsync(int unitId, int linkId, CancellationToken cancellationToken) =>
        Show(await groups.UnlinkAsync(Me, linkId, cancellationToken), unitId);

    public async Task<IActionResult> OnPostBroadcastAsync(CancellationToken cancellationToken)
    {
        var report = await groups.BroadcastAsync(Me, Warning, cancellationToken);
        if (report.Deliveries.Count > 0)
        {
            DeliveriesJson = JsonSerializer.Serialize(report.Deliveries);
        }

        // Redirected, so reloading the result page never sends the warning again.
        return Show(report.Result, Warning.UnitId);
    }

    private IActionResult Show(DeskResult result, int unitId)
    {
        switch (result.Outcome)
        {
            case DeskOutcome.NotFound:
                return NotFound();
            case DeskOutcome.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden, result.Message ?? "Forbidden");
        }

        Flash = result.Message;
        FlashOk = result.Outcome == DeskOutcome.Ok;
        return Redirect("/Groups?unitId=" + unitId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "#ket-qua");
    }
}
