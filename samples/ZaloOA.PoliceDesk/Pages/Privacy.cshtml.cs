using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Privacy;

namespace ZaloOA.PoliceDesk.Pages;

/// <summary>A citizen's data on request (export, erasure) for administrators, and retention (dry run,
/// run now) for the province's administrators. See <see cref="CitizenDataRequests"/> and <see cref="DeskRetention"/>.</summary>
public sealed class PrivacyModel(CitizenDataRequests requests, DeskRetention retention, CaseAccess access, IOptions<DeskOptions> options) : PageModel
{
    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public bool FlashOk { get; set; }

    public RetentionOptions Retention => options.Value.Retention;

    public bool CanRunRetention { get; private set; }

    private DeskUser Me => DeskUser.From(User)!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!CaseAccess.CanManageCitizenData(Me))
        {
            return Forbid();
        }

        CanRunRetention = await access.IsProvinceAdministratorAsync(Me, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync(string? caseNumber, CancellationToken cancellationToken)
    {
        if (!CaseAccess.CanManageCitizenData(Me))
        {
            return Forbid();
        }

        var export = await requests.ExportAsync(Me, caseNumber, cancellationToken);
        if (export is not { } found)
        {
            return Done("Không tìm thấy hồ sơ này trong phạm vi của bạn (hoặc dữ liệu đã bị xóa).", ok: false);
        }

        return File(found.Json, "application/json", $"du-lieu-nguoi-dan-{caseNumber!.Trim().ToUpperInvariant()}.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(string? caseNumber, bool confirm, CancellationToken cancellationToken)
    {
        if (!CaseAccess.CanManageCitizenData(Me))
        {
            return Forbid();
        }

        if (!confirm)
        {
            return Done("Hãy đánh dấu xác nhận trước khi xóa: dữ liệu đã xóa không khôi phục được.", ok: false);
        }

        var result = await requests.EraseAsync(Me, caseNumber, cancellationToken);
        return result.Outcome == DeskOutcome.Ok
            ? Done(result.Message!, ok: true)
            : Done("Không tìm thấy hồ sơ này trong phạm vi của bạn (hoặc dữ liệu đã bị xóa).", ok: false);
    }

    public async Task<IActionResult> OnPostRetentionAsync(bool dryRun, CancellationToken cancellationToken)
    {
        if (!await access.IsProvinceAdministratorAsync(Me, cancellationToken))
        {
            return Forbid();
        }

        var report = await retention.RunAsync(dryRun, Me, cancellationToken);
        return report is null
            ? Done("Chưa bật thời hạn lưu trữ (Desk:Retention:ClosedCaseMonths).", ok: false)
            : Done(report.DryRun
                ? $"Chạy thử: {report.Counts} của các hồ sơ đóng trước {report.ClosedBefore.VnTime()} sẽ bị xóa. Chưa thay đổi gì."
                : $"Đã xóa dữ liệu cá nhân: {report.Counts} (hồ sơ đóng trước {report.ClosedBefore.VnTime()}).", ok: true);
    }

    private RedirectToPageResult Done(string message, bool ok)
    {
        Flash = message;
        FlashOk = ok;
        return RedirectToPage();
    }
}
