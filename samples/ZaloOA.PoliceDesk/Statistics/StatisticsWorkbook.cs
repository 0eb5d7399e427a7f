using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Statistics;

/// <summary>One case of an exported list (the inbox's filter, all pages).</summary>
public sealed record CaseExportRow(
    string Number, CaseStatus Status, CaseCategory Category, string UnitName, string? AssignedTo, string? Summary,
    DateTimeOffset CreatedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? FirstReplyDueAt, DateTimeOffset? HandlingDueAt, int? FirstReplySeconds, int? HandlingSeconds);

/// <summary>The workbooks the desk exports: the figures of the statistics page (one sheet per table)
/// and the filtered case list.</summary>
public static class StatisticsWorkbook
{
    /// <summary>The most cases one export holds; a larger filter is cut there and says so.</summary>
    public const int MaxCaseRows = 50_000;

    /// <summary>Headers of the case list, in order.</summary>
    public static readonly IReadOnlyList<string> CaseHeaders =
    [
        "Mã hồ sơ", "Trạng thái", "Thời hạn", "Lĩnh vực", "Đơn vị", "Phân công", "Nội dung",
        "Tiếp nhận", "Phản hồi đầu tiên", "Hạn phản hồi", "Hạn xử lý", "Đóng", "Phản hồi sau (giờ)", "Xử lý trong (giờ)",
    ];

    /// <summary>The case list sheet (and a note when the list was cut at <see cref="MaxCaseRows"/>).</summary>
    public static IEnumerable<XlsxSheet> Cases(IReadOnlyList<CaseExportRow> rows, bool truncated, DateTimeOffset now, DeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        yield return new XlsxSheet("Hồ sơ", CaseHeaders, rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.Status.Vi(), StateVi(DeadlineRules.StateOf(new CaseDeadlines(r.FirstReplyDueAt, r.HandlingDueAt, r.FirstResponseAt, r.ClosedAt), now, options)),
            r.Category.Vi(), r.UnitName, r.AssignedTo, r.Summary,
            r.CreatedAt.VnTime(), Time(r.FirstResponseAt), Time(r.FirstReplyDueAt), Time(r.HandlingDueAt), Time(r.ClosedAt),
            Hours(r.FirstReplySeconds), Hours(r.HandlingSeconds),
        ]));
        if (truncated)
        {
            yield return new XlsxSheet("Ghi chú", ["Ghi chú"], [[$"Danh sách chỉ gồm {MaxCaseRows} hồ sơ đầu tiên theo bộ lọc; hãy lọc hẹp hơn để xuất phần còn lại."]]);
        }
    }

    /// <summary>The statistics page's tables, one sheet each.</summary>
    public static IEnumerable<XlsxSheet> Figures(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] figureHeaders =
        [
            "Tiếp nhận", "Đã phản hồi", "Trung vị phản hồi đầu tiên (giờ)", "Đã đóng", "Trung vị xử lý (giờ)",
            "Phản hồi trễ hạn", "Xử lý trễ hạn", "Đang quá hạn",
        ];
        static IReadOnlyList<object?> Figures(string name, FigureRow f) =>
            [name, f.Cases, f.Answered, Hours(f.MedianFirstReply), f.Closed, Hours(f.MedianHandling), f.MissedFirstReply, f.MissedHandling, f.LateNow];

        yield return new XlsxSheet("Bộ lọc", ["Mục", "Giá trị"],
        [
            ["Đơn vị", report.Root.Name],
            ["Từ ngày", report.Filter.From.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)],
            ["Đến ngày", report.Filter.To.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)],
            ["Lĩnh vực", report.Filter.Category?.Vi() ?? "Tất cả"],
            ["Lập lúc", report.Now.VnTime()],
            ["Số liệu", FreshnessVi(report)],
        ]);
        var categories = Enum.GetValues<CaseCategory>();
        yield return new XlsxSheet("Theo thời gian", ["Kỳ", .. categories.Select(c => c.Vi()), "Tổng"],
            report.Periods.Select((p, i) => (IReadOnlyList<object?>)
            [
                p.Label, .. categories.Select(c => (object?)report.CountsByPeriod[i].GetValueOrDefault(c)), report.CountsByPeriod[i].Values.Sum(),
            ]));
        yield return new XlsxSheet("Theo đơn vị", ["Đơn vị", .. figureHeaders], [.. report.ByUnit.Select(u => Figures(u.Name, u)), Figures(report.Total.Name, report.Total)]);
        yield return new XlsxSheet("Theo lĩnh vực", ["Lĩnh vực", .. figureHeaders], report.ByCategory.Select(c => Figures(c.Figures.Name, c.Figures)));
    }

    /// <summary>How fresh the figures are, in the words the page and the export use.</summary>
    public static string FreshnessVi(StatisticsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.FreshAt is not { } at)
        {
            return "Số liệu đang được tổng hợp lần đầu; các con số chưa đầy đủ.";
        }

        var local = at.ToVietnam();
        var time = local.ToString(VietnamTime.DateOf(at) == VietnamTime.DateOf(report.Now) ? "HH:mm" : "HH:mm dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return $"Số liệu cập nhật đến {time}; số hồ sơ đang quá hạn tính đến lúc xem.";
    }

    /// <summary>Vietnamese name of a deadline state.</summary>
    public static string StateVi(DeadlineState state) => state switch
    {
        DeadlineState.Late => "Quá hạn",
        DeadlineState.DueSoon => "Sắp đến hạn",
        _ => "",
    };

    private static string? Time(DateTimeOffset? at) => at?.VnTime();

    private static double? Hours(int? seconds) => seconds is { } s ? Math.Round(s / 3600.0, 2) : null;

    private static double? Hours(TimeSpan? span) => span is { } s ? Math.Round(s.TotalHours, 2) : null;
}
