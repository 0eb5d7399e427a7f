using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Procedures;

/// <summary>
/// The procedure catalogue the chat answers from. Every officer reads it; administrators edit it
/// (procedures are the same for every unit of the province, so one catalogue serves them all).
/// </summary>
public sealed partial class ProcedureCatalog(DeskDbContext db, DeskAudit audit, TimeProvider time)
{
    /// <summary>Editing the catalogue is an administrator's action.</summary>
    public static bool CanEdit(DeskUser user) => user?.IsAdministrator == true;

    /// <summary>Every category with its procedures, in display order.</summary>
    public Task<List<ProcedureCategory>> CategoriesAsync(CancellationToken cancellationToken = default) =>
        db.ProcedureCategories.Include(c => c.Procedures.OrderBy(p => p.SortOrder).ThenBy(p => p.Id))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>One procedure, or null.</summary>
    public Task<Procedure?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Procedures.Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);

    /// <summary>Creates or updates a procedure; returns the errors (Vietnamese) when the input is refused.</summary>
    public async Task<(Procedure? Saved, List<string> Errors)> SaveAsync(DeskUser user, ProcedureInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<string>();
        if (!CanEdit(user))
        {
            errors.Add("Chỉ quản trị viên được sửa danh mục thủ tục.");
            return (null, errors);
        }

        var code = (input.Code ?? "").Trim().ToLowerInvariant();
        if (!CodePattern().IsMatch(code))
        {
            errors.Add("Mã thủ tục chỉ gồm chữ thường không dấu, chữ số và dấu '-', tối đa 48 ký tự (ví dụ dang-ky-tam-tru).");
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            errors.Add("Cần nhập tên thủ tục.");
        }

        if (!await db.ProcedureCategories.AnyAsync(c => c.Id == input.CategoryId, cancellationToken))
        {
            errors.Add("Cần chọn lĩnh vực.");
        }

        if (!string.IsNullOrWhiteSpace(input.PortalUrl) && !(Uri.TryCreate(input.PortalUrl.Trim(), UriKind.Absolute, out var portal) && portal.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add("Liên kết cổng dịch vụ công phải là địa chỉ https đầy đủ, ví dụ https://dichvucong.bocongan.gov.vn.");
        }

        if (await db.Procedures.AnyAsync(p => p.Code == code && p.Id != (input.Id ?? 0), cancellationToken))
        {
            errors.Add($"Mã thủ tục \"{code}\" đã được dùng.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        Procedure? procedure;
        if (input.Id is int id)
        {
            procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (procedure is null)
            {
                return (null, ["Không tìm thấy thủ tục."]);
            }
        }
        else
        {
            procedure = new Procedure { SortOrder = await db.Procedures.CountAsync(cancellationToken) };
            db.Procedures.Add(procedure);
        }

        procedure.CategoryId = input.CategoryId;
        procedure.Code = code;
        procedure.Name = input.Name!.Trim();
        procedure.Authority = Blank(input.Authority);
        procedure.Steps = (input.Steps ?? "").Trim();
        procedure.Documents = (input.Documents ?? "").Trim();
        procedure.Fees = Blank(input.Fees);
        procedure.ProcessingTime = Blank(input.ProcessingTime);
        procedure.PortalUrl = Blank(input.PortalUrl);
        procedure.UpdatedAt = time.GetUtcNow();
        audit.Add(user, input.Id is null ? "procedure.created" : "procedure.updated", detail: $"Thủ tục {code}");
        await db.SaveChangesAsync(cancellationToken);
        return (procedure, errors);
    }

    /// <summary>Adds a category, or renames the one with the same code (administrators).</summary>
    /// <returns>An error in Vietnamese, or null when saved.</returns>
    public async Task<string?> SaveCategoryAsync(DeskUser user, string? code, string? name, string? description, CancellationToken cancellationToken = default)
    {
        if (!CanEdit(user))
        {
            return "Chỉ quản trị viên được sửa danh mục thủ tục.";
        }

        var normalized = (code ?? "").Trim().ToLowerInvariant();
        if (!CategoryCodePattern().IsMatch(normalized))
        {
            return "Mã lĩnh vực chỉ gồm chữ thường không dấu và chữ số, tối đa 32 ký tự (ví dụ cutru).";
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return "Cần nhập tên lĩnh vực.";
        }

        var category = await db.ProcedureCategories.FirstOrDefaultAsync(c => c.Code == normalized, cancellationToken);
        if (category is null)
        {
            category = new ProcedureCategory { Code = normalized, SortOrder = await db.ProcedureCategories.CountAsync(cancellationToken) };
            db.ProcedureCategories.Add(category);
        }

        category.Name = name.Trim();
        category.Description = Blank(description);
        audit.Add(user, "procedure.category", detail: $"Lĩnh vực {normalized}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Deletes a procedure (administrators).</summary>
    public async Task<bool> DeleteAsync(DeskUser user, int id, CancellationToken cancellationToken = default)
    {
        if (!CanEdit(user))
        {
            return false;
        }

        var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (procedure is null)
        {
            return false;
        }

        db.Procedures.Remove(procedure);
        audit.Add(user, "procedure.deleted", detail: $"Thủ tục {procedure.Code}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,47}$")]
    private static partial Regex CodePattern();

    // No '-' or spaces: the category is one word of the chat payload "#thutuc cutru".
    [GeneratedRegex("^[a-z0-9]{1,32}$")]
    private static partial Regex CategoryCodePattern();
}

/// <summary>The procedure form.</summary>
public sealed class ProcedureInput
{
    public int? Id { get; set; }

    public int CategoryId { get; set; }

    public string? Code { get; set; }

    public string? Name { get; set; }

    public string? Authority { get; set; }

    public string? Steps { get; set; }

    public string? Documents { get; set; }

    public string? Fees { get; set; }

    public string? ProcessingTime { get; set; }

    public string? PortalUrl { get; set; }
}
