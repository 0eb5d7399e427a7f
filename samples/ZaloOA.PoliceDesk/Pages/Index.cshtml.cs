using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Units;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class IndexModel(CaseSearch search, CaseAccess access, UnitPicker picker, IOptionsMonitor<DeadlineOptions> deadlines, TimeProvider time, DeskAudit audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public CaseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Only late or only due-soon cases.</summary>
    [BindProperty(SupportsGet = true)]
    public DeadlineState? Deadline { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseOrder Order { get; set; }

    /// <summary>All readable cases, "my cases", the unit's, or those only overseen.</summary>
    [BindProperty(SupportsGet = true)]
    public CaseScope Scope { get; set; }

    /// <summary>A notice carried over a redirect (after a transfer), with the case it is about.</summary>
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public int? FlashCaseId { get; set; }

    /// <summary>The page's number: shown, and without <see cref="After"/> an offset (up to <see cref="CaseSearch.MaxOffsetPage"/>).</summary>
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    /// <summary>Where the page starts (<see cref="CaseCursor"/>): the "next page" link's position.</summary>
    [BindProperty(Name = "after", SupportsGet = true)]
    public string? After { get; set; }

    public CasePage Result { get; private set; } = new([], 0, 1, 25);

    /// <summary>The unit filter (a level at a time for a large scope: Units/UnitPicker.cs).</summary>
    public UnitPickerView UnitFilter { get; private set; } = null!;

    /// <summary>The units of this page's rows that the user handles (the others are overseen).</summary>
    private HashSet<int> _handledUnits = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = DeskUser.From(User)!;
        CaseCursor? after = null;
        if (!string.IsNullOrEmpty(After) && !CaseCursor.TryParse(After, out after))
        {
            return BadRequest("Liên kết trang không hợp lệ: mở lại trang đầu của danh sách. / The page link is not valid: open the list's first page again.");
        }

        var result = await search.SearchAsync(user, Filter(PageNumber) with { After = after }, cancellationToken);
        if (result is null)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Result = result;
        Now = time.GetUtcNow();
        UnitFilter = await picker.VisibleAsync(user, new UnitPickerSpec("unitId", "Đơn vị", UnitPickerMeaning.Subtree, AllLabel: "Tất cả đơn vị"), UnitId, cancellationToken);
        // Which rows the user handles: an officer's own unit's; an administrator's subtree's (one query for the page's units).
        var rowUnits = result.Items.Select(r => r.UnitId).Distinct().ToList();
        _handledUnits = !user.IsAdministrator ? [user.UnitId]
            : [.. await access.VisibleUnits(user).Where(u => rowUnits.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken)];
        return Page();
    }

    /// <summary>Every case the filter matches (not only this page) as an Excel workbook, audited.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var user = DeskUser.From(User)!;
        if (await search.QueryAsync(user, Filter(), cancellationToken) is not { } query)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var rows = await query.Take(StatisticsWorkbook.MaxCaseRows + 1)
            .Select(c => new CaseExportRow(c.Number, c.Status, c.Category, c.Unit.Name, c.AssignedTo == null ? null : c.AssignedTo.DisplayName, c.Summary,
                c.CreatedAt, c.FirstResponseAt, c.ClosedAt, c.FirstReplyDueAt, c.HandlingDueAt, c.FirstReplySeconds, c.HandlingSeconds))
            .ToListAsync(cancellationToken);
        // A list, like the inbox: phone and id numbers masked (the case page shows them, audited).
        rows = [.. rows.Select(r => r with { Summary = PersonalData.Mask(r.Summary) })];
        var truncated = rows.Count > StatisticsWorkbook.MaxCaseRows;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var now = time.GetUtcNow();
        // A list of citizens' reports leaving the desk: who, when, what filter.
        await audit.RecordAsync(user, StatisticsAuditActions.CasesExported, user.UnitId, null, $"{rows.Count} hồ sơ; bộ lọc {PageLink(1)}", cancellationToken);
        var content = new MemoryStream();
        Xlsx.Write(content, StatisticsWorkbook.Cases(rows, truncated, now, deadlines.CurrentValue));
        content.Position = 0;
        return File(content, Xlsx.ContentType, $"ho-so-{VietnamTime.DateOf(now):yyyyMMdd}.xlsx");
    }

    /// <summary>The page's filter; the Excel export reads the same one.</summary>
    public CaseFilter Filter(int page = 1) => new(Status, Category, UnitId, true, Q, page, 25, Deadline, Order, Scope);

    /// <summary>Whether the user handles the row's case; the others are overseen, read-only.</summary>
    public bool Handles(CaseRow row) => row is not null && _handledUnits.Contains(row.UnitId);

    /// <summary>When the page was read (for deadline states).</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>A row's deadline state by the one rule (<see cref="DeadlineRules"/>).</summary>
    public DeadlineState StateOf(CaseRow row) => DeadlineRules.StateOf(row?.Deadlines!, Now, deadlines.CurrentValue);

    /// <summary>The current filter as a query string for another page (the Excel export).</summary>
    public string FilterQuery => PageLink(1);

    /// <summary>The current filter at page <paramref name="page"/>, starting after <paramref name="after"/> (the next page's link).</summary>
    public string PageLink(int page, CaseCursor? after = null) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["deadline"] = Deadline?.ToString(),
            ["order"] = Order == CaseOrder.LastActivity ? null : Order.ToString(),
            ["scope"] = Scope == CaseScope.All ? null : Scope.ToString(),
            ["status"] = Status?.ToString(),
            ["category"] = Category?.ToString(),
            ["unitId"] = UnitId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["q"] = Q,
            ["p"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["after"] = after?.ToString(),
        }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
