using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Deadlines;

/// <summary>A field's targets as the Thời hạn page shows them.</summary>
/// <param name="Category">The field.</param>
/// <param name="FirstReply">First-reply target.</param>
/// <param name="Handling">Handling target.</param>
/// <param name="IsProvinceSetting">True when the province set it; false for the configured default.</param>
public sealed record CategoryTargets(CaseCategory Category, TimeSpan FirstReply, TimeSpan Handling, bool IsProvinceSetting);

/// <summary>The province's targets per field: read by everyone in the province, edited by its
/// administrators (an administrator whose unit is the province), audited.</summary>
public sealed class DeadlineTargets(DeskDbContext db, IOptionsMonitor<DeadlineOptions> options, DeskAudit audit, TimeProvider time)
{
    /// <summary>The province part (<c>/CODE/</c>) of a unit's materialised path.</summary>
    public static string ProvincePath(string? unitPath)
    {
        if (string.IsNullOrEmpty(unitPath) || unitPath.Length < 2)
        {
            return "/";
        }

        var end = unitPath.IndexOf('/', 1);
        return end < 0 ? unitPath : unitPath[..(end + 1)];
    }

    /// <summary>Whether <paramref name="user"/> may edit the targets: administrators of the province itself.</summary>
    public static bool CanEdit(DeskUser user) => user is { IsAdministrator: true } && ProvincePath(user.UnitPath) == user.UnitPath;

    /// <summary>The user's province and its targets for every field.</summary>
    public async Task<(Unit Province, List<CategoryTargets> Targets)> ForUserAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var path = ProvincePath(user.UnitPath);
        var province = await db.Units.AsNoTracking().FirstAsync(u => u.Path == path, cancellationToken);
        var rows = await db.DeadlineTargets.AsNoTracking().Where(t => t.ProvinceUnitId == province.Id).ToDictionaryAsync(t => t.Category, cancellationToken);
        var defaults = options.CurrentValue;
        return (province, [.. Enum.GetValues<CaseCategory>().Select(c => rows.TryGetValue(c, out var t)
            ? new CategoryTargets(c, TimeSpan.FromMinutes(t.FirstReplyMinutes), TimeSpan.FromMinutes(t.HandlingMinutes), true)
            : new CategoryTargets(c, defaults.DefaultFor(c).FirstReply, defaults.DefaultFor(c).Handling, false))]);
    }

    /// <summary>Sets one field's targets for the user's province. Null message: saved.</summary>
    public async Task<string?> SetAsync(DeskUser user, CaseCategory category, int firstReplyMinutes, int handlingMinutes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!CanEdit(user))
        {
            return "Chỉ quản trị viên cấp tỉnh được đặt thời hạn.";
        }

        if (!Enum.IsDefined(category))
        {
            return "Lĩnh vực không hợp lệ.";
        }

        if (firstReplyMinutes is < 1 or > DeadlineTarget.MaxMinutes || handlingMinutes is < 1 or > DeadlineTarget.MaxMinutes)
        {
            return "Thời hạn phải từ 1 phút đến 366 ngày.";
        }

        if (firstReplyMinutes > handlingMinutes)
        {
            return "Thời hạn phản hồi đầu tiên không được dài hơn thời hạn xử lý.";
        }

        var province = await db.Units.FirstAsync(u => u.Id == user.UnitId, cancellationToken);
        var row = await db.DeadlineTargets.FirstOrDefaultAsync(t => t.ProvinceUnitId == province.Id && t.Category == category, cancellationToken);
        if (row is null)
        {
            row = new DeadlineTarget { ProvinceUnitId = province.Id, Category = category };
            db.DeadlineTargets.Add(row);
        }

        var before = row.Id == 0 ? "mặc định" : $"{row.FirstReplyMinutes}/{row.HandlingMinutes} phút";
        row.FirstReplyMinutes = firstReplyMinutes;
        row.HandlingMinutes = handlingMinutes;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = user.DisplayName;
        audit.Add(user, DeadlineAuditActions.TargetChanged, province.Id, detail: $"{category.Vi()}: {before} → {firstReplyMinutes}/{handlingMinutes} phút");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}

/// <summary>Audit action codes of deadlines.</summary>
public static class DeadlineAuditActions
{
    /// <summary>A province changed a field's targets.</summary>
    public const string TargetChanged = "deadline.target_changed";

    /// <summary>Vietnamese name of one of these codes, or null.</summary>
    public static string? AuditVi(string action) => action == TargetChanged ? "Đổi thời hạn xử lý" : null;
}
