using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>Thời hạn: the province's first-reply and handling targets per field.</summary>
public sealed class DeadlinesModel(DeadlineTargets targets) : PageModel
{
    public Unit Province { get; private set; } = null!;

    public List<CategoryTargets> Targets { get; private set; } = [];

    public bool CanEdit => DeadlineTargets.CanEdit(Me);

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => (Province, Targets) = await targets.ForUserAsync(Me, cancellationToken);

    /// <summary>Sets one field: the first reply in hours, handling in days (decimals allowed).</summary>
    public async Task<IActionResult> OnPostAsync(CaseCategory category, string? firstReplyHours, string? handlingDays, CancellationToken cancellationToken)
    {
        if (!CanEdit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var error = Parse(firstReplyHours, 60) is { } first && Parse(handlingDays, 24 * 60) is { } handling
            ? await targets.SetAsync(Me, category, first, handling, cancellationToken)
            : "Nhập số giờ và số ngày (có thể có phần thập phân, ví dụ 1,5).";
        (Flash, FlashOk) = (error ?? $"Đã lưu thời hạn lĩnh vực {category.Vi()}.", error is null);
        return RedirectToPage();
    }

    /// <summary>A number of hours or days (comma or dot decimals) in minutes.</summary>
    private static int? Parse(string? value, int minutesPerUnit) =>
        decimal.TryParse(value?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n > 0 && n * minutesPerUnit <= DeadlineTarget.MaxMinutes
            ? (int)Math.Round(n * minutesPerUnit)
            : null;

    /// <summary>A target in hours or days for the form.</summary>
    public static string Amount(TimeSpan span, bool days) =>
        (days ? (decimal)span.TotalDays : (decimal)span.TotalHours).ToString("0.##", CultureInfo.InvariantCulture);
}
