using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Units.Import;

namespace ZaloOA.PoliceDesk.Pages;

public sealed class UnitsModel(CaseAccess access, UnitHierarchy hierarchy, DeskAudit audit) : PageModel
{
    /// <summary>Largest hierarchy file accepted (a province's units fit in a few hundred KB).</summary>
    public const long MaxImportBytes = 2 * 1024 * 1024;

    public List<Unit> Units { get; private set; } = [];

    /// <summary>The outcome of the last import or check, shown above the table.</summary>
    public UnitImportReport? Report { get; private set; }

    private DeskUser Me => DeskUser.From(User)!;

    public bool IsAdministrator => Me.IsAdministrator;

    public bool CanLink(Unit unit) => CaseAccess.CanLinkOa(Me, unit);

    /// <summary>Indentation of a unit by its depth in the tree (levels may skip, e.g. a commune under the province).</summary>
    public static int Depth(Unit unit) => Math.Max(0, (unit?.Path.Count(c => c == '/') ?? 2) - 2);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The units in the administrator's scope as a hierarchy file (<c>format=csv|json</c>).</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken cancellationToken)
    {
        if (!Me.IsAdministrator)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var kind = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase) ? UnitFileKind.Json : UnitFileKind.Csv;
        var rows = await hierarchy.ExportAsync(access.VisibleUnits(Me), cancellationToken);
        await audit.RecordAsync(Me, UnitAuditActions.Exported, Me.UnitId, null, $"{rows.Count} đơn vị, {kind}", cancellationToken);

        var content = new MemoryStream();
        if (kind == UnitFileKind.Json)
        {
            await UnitFileFormat.WriteJsonAsync(content, rows, cancellationToken);
        }
        else
        {
            await UnitFileFormat.WriteCsvAsync(content, rows, cancellationToken);
        }

        content.Position = 0;
        return File(content, kind == UnitFileKind.Json ? "application/json" : "text/csv; charset=utf-8", kind == UnitFileKind.Json ? "don-vi.json" : "don-vi.csv");
    }

    /// <summary>Checks (<paramref name="apply"/> false) or imports a hierarchy file.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, bool apply, CancellationToken cancellationToken)
    {
        if (!Me.IsAdministrator)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Report = await ImportAsync(file, apply, cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<UnitImportReport> ImportAsync(IFormFile? file, bool apply, CancellationToken ct)
    {
        static UnitImportReport FileError(int line, string message) =>
            UnitImportReport.Failed([new UnitImportError(line, null, UnitImportProblem.BadFile, message)], 0);

        if (file is null || file.Length == 0)
        {
            return FileError(0, "Hãy chọn tệp danh sách đơn vị (.csv hoặc .json).");
        }

        if (file.Length > MaxImportBytes)
        {
            return FileError(0, "Tệp lớn quá 2 MB.");
        }

        if (UnitFileFormat.KindOf(file.FileName) is not { } kind)
        {
            return FileError(0, "Chỉ nhận tệp .csv hoặc .json.");
        }

        try
        {
            await using var content = file.OpenReadStream();
            var rows = await UnitFileFormat.ReadAsync(content, kind, ct);
            return await hierarchy.ImportAsync(rows, Me, apply, ct);
        }
        catch (UnitFileException ex)
        {
            return FileError(ex.Line, ex.Message);
        }
        catch (DbUpdateException)
        {
            // Another import created the same code at the same moment: nothing of this one was written.
            return FileError(0, "Danh sách đơn vị vừa được người khác thay đổi; chưa ghi gì. Hãy nhập lại.");
        }
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Units = await access.VisibleUnits(Me).AsNoTracking().Include(u => u.Level).OrderBy(u => u.Path).ToListAsync(ct);
}
