using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>A template as the pages list it.</summary>
public sealed record TemplateRow(int Id, int UnitId, string UnitName, string Title, string Text, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>
/// Quick replies. A template of a unit is offered on the cases of that unit and of every unit under
/// it, so a province's templates reach the whole province and a unit's own stay with it and its
/// sub-units. Administrators manage the templates of the units in their scope; a template id from a
/// form is looked up inside that scope, so another unit's template is not found (404). Placeholders
/// are filled by <see cref="Fill"/> when a reply is sent, whatever way the text reached the reply box.
/// </summary>
public sealed class ReplyTemplates(DeskDbContext db, CaseAccess access, DeskAudit audit, TimeProvider time)
{
    /// <summary>The case number.</summary>
    public const string CaseNumber = "{so_phan_anh}";

    /// <summary>The name of the unit handling the case.</summary>
    public const string UnitName = "{don_vi}";

    /// <summary>Every placeholder with its Vietnamese meaning, for the pages.</summary>
    public static readonly IReadOnlyList<(string Placeholder, string Meaning)> Placeholders =
        [(CaseNumber, "mã phản ánh"), (UnitName, "tên đơn vị thụ lý")];

    /// <summary>The text with the placeholders filled for <paramref name="case"/> (its <c>Unit</c> loaded).</summary>
    public static string Fill(string text, CitizenCase @case)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(@case);
        return text.Replace(CaseNumber, @case.Number, StringComparison.OrdinalIgnoreCase)
            .Replace(UnitName, @case.Unit?.Name ?? "", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The templates offered on a case the user can read (the case's unit and the units above it).</summary>
    public async Task<List<TemplateRow>> ForCaseAsync(DeskUser user, int caseId, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindReadableCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return [];
        }

        var path = @case.Unit.Path;
        var rows = await Rows(db.ReplyTemplates.Where(t => db.Units.Any(u => u.Id == t.UnitId && path.StartsWith(u.Path)))).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(t => t.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>The templates an administrator manages (their units'), or null for anyone else.</summary>
    public async Task<List<TemplateRow>?> ManagedAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        if (!CanManage(user))
        {
            return null;
        }

        var units = access.VisibleUnits(user).Select(u => u.Id);
        var rows = await Rows(db.ReplyTemplates.Where(t => units.Contains(t.UnitId))).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(t => t.UnitName, StringComparer.CurrentCulture).ThenBy(t => t.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>Creates (<paramref name="id"/> null) or changes a template of a unit in the administrator's scope.</summary>
    public async Task<DeskResult> SaveAsync(DeskUser user, int? id, int unitId, string? title, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanManage(user))
        {
            return DeskResult.Forbidden("Chỉ quản trị viên quản lý mẫu trả lời nhanh.");
        }

        // Both ids are claims from a form: the unit and the template must be in the user's scope.
        if (!await access.CanSeeUnitAsync(user, unitId, cancellationToken))
        {
            return DeskResult.NotFound;
        }

        ReplyTemplate? template = null;
        if (id is { } existing)
        {
            template = await Managed(user).FirstOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (template is null)
            {
                return DeskResult.NotFound;
            }
        }

        title = title?.Trim();
        text = text?.Trim().ReplaceLineEndings("\n");
        if (string.IsNullOrEmpty(title) || title.Length > ReplyTemplate.MaxTitleLength)
        {
            return DeskResult.Invalid($"Tên mẫu không được để trống và tối đa {ReplyTemplate.MaxTitleLength} ký tự.");
        }

        if (string.IsNullOrEmpty(text) || text.Length > ReplyTemplate.MaxTextLength)
        {
            return DeskResult.Invalid($"Nội dung mẫu không được để trống và tối đa {ReplyTemplate.MaxTextLength} ký tự.");
        }

        if (template is null)
        {
            template = new ReplyTemplate();
            db.ReplyTemplates.Add(template);
        }

        template.UnitId = unitId;
        template.Title = title;
        template.Text = text;
        template.UpdatedAt = time.GetUtcNow();
        template.UpdatedBy = user.DisplayName.Length > 0 ? user.DisplayName : user.UserName;
        audit.Add(user, CitizenAuditActions.TemplateSaved, unitId, null, title);
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Done("Đã lưu mẫu trả lời nhanh.");
    }

    /// <summary>Deletes a template of a unit in the administrator's scope.</summary>
    public async Task<DeskResult> DeleteAsync(DeskUser user, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanManage(user))
        {
            return DeskResult.Forbidden("Chỉ quản trị viên quản lý mẫu trả lời nhanh.");
        }

        var template = await Managed(user).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (template is null)
        {
            return DeskResult.NotFound;
        }

        db.ReplyTemplates.Remove(template);
        audit.Add(user, CitizenAuditActions.TemplateDeleted, template.UnitId, null, template.Title);
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Done("Đã xóa mẫu trả lời nhanh.");
    }

    /// <summary>Quick replies are managed by administrators (for the units in their scope).</summary>
    public static bool CanManage(DeskUser user) => user?.IsAdministrator == true;

    private IQueryable<ReplyTemplate> Managed(DeskUser user)
    {
        var units = access.VisibleUnits(user).Select(u => u.Id);
        return db.ReplyTemplates.Where(t => units.Contains(t.UnitId));
    }

    private IQueryable<TemplateRow> Rows(IQueryable<ReplyTemplate> templates) =>
        templates.Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new TemplateRow(t.Id, t.UnitId, u.Name, t.Title, t.Text, t.UpdatedAt, t.UpdatedBy));
}
