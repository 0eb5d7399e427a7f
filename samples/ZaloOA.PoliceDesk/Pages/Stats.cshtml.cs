using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.PoliceDesk.Units;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class StatsModel(CaseStatistics statistics, UnitPicker picker, DeskAudit audit, TimeProvider time) : PageModel
{
    /// <summary>First day, Vietnam time (default: 29 days before <see cref="To"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day, Vietnam time (default: today).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public CaseCategory? Category { get; set; }

    public StatisticsReport Report { get; private set; } = null!;

    /// <summary>The unit whose figures are shown, with everything below it (Units/UnitPicker.cs).</summary>
    public UnitPickerView UnitFilter { get; private set; } = null!;

    public string? Error { get; private set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var report = await LoadAsync(cancellationToken);
        return report is null ? StatusCode(StatusCodes.Status403Forbidden) : Page();
    }

    /// <summary>The page's tables as an Excel workbook.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } report)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await audit.RecordAsync(Me, StatisticsAuditActions.FiguresExported, report.Root.Id, null,
            $"{report.Filter.From:dd/MM/yyyy}–{report.Filter.To:dd/MM/yyyy}, {report.Filter.Category?.Vi() ?? "mọi lĩnh vực"}", cancellationToken);
        var content = new MemoryStream();
        Xlsx.Write(content, StatisticsWorkbook.Figures(report));
        content.Position = 0;
        return File(content, Xlsx.ContentType, $"thong-ke-{report.Filter.From:yyyyMMdd}-{report.Filter.To:yyyyMMdd}.xlsx");
    }

    /// <summary>The current filter as a query string (for the export link).</summary>
    public string FilterQuery => QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = Report.Filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = Report.Filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["unitId"] = UnitId?.ToString(CultureInfo.InvariantCulture),
        ["category"] = Category?.ToString(),
    }.Where(kv => kv.Value is not null)).ToUriComponent();

    private async Task<StatisticsReport?> LoadAsync(CancellationToken ct)
    {
        var today = VietnamTime.DateOf(time.GetUtcNow());
        var to = To ?? today;
        var from = From ?? to.AddDays(-29);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        if (to.DayNumber - from.DayNumber >= CaseStatistics.MaxDays)
        {
            Error = $"Khoảng thời gian tối đa {CaseStatistics.MaxDays} ngày; đã rút ngắn.";
            from = to.AddDays(-(CaseStatistics.MaxDays - 1));
        }

        (From, To) = (from, to);
        var report = await statistics.GetAsync(Me, new StatisticsFilter(from, to, UnitId, Category), ct);
        if (report is not null)
        {
            Report = report;
            UnitFilter = await picker.VisibleAsync(Me, new UnitPickerSpec("unitId", "Đơn vị (gồm cấp dưới)", UnitPickerMeaning.Subtree), report.Root.Id, ct);
        }

        return report;
    }
}
