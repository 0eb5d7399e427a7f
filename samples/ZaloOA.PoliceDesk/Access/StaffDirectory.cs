using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Access;

/// <summary>
/// Administrators manage the staff of the units in their scope: role, unit, active or not. Every
/// change renews the account's <see cref="StaffUser.SecurityStamp"/>, so the person's open sessions
/// end (at once on this instance, within <c>Desk:SessionCheckInterval</c> on the others, see
/// <see cref="StaffSessions"/>), and is audited.
/// </summary>
public sealed class StaffDirectory(DeskDbContext db, CaseAccess access, DeskAudit audit, StaffSessions sessions)
{
    /// <summary>Staff of the units the administrator sees (none for an officer).</summary>
    public IQueryable<StaffUser> Visible(DeskUser admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return admin.IsAdministrator
            ? db.Staff.Where(s => s.Unit.Path.StartsWith(admin.UnitPath))
            : db.Staff.Where(s => false);
    }

    /// <summary>Sets a staff member's role, unit and whether they may sign in.</summary>
    public async Task<DeskResult> UpdateAsync(DeskUser admin, int staffId, StaffRole role, int unitId, bool active, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var staff = await Visible(admin).Include(s => s.Unit).FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (staff is null)
        {
            return DeskResult.NotFound;
        }

        if (staff.Id == admin.Id)
        {
            return DeskResult.Invalid("Không thể tự thay đổi vai trò, đơn vị hoặc khóa tài khoản của chính mình; hãy nhờ một quản trị viên khác.");
        }

        if (!Enum.IsDefined(role))
        {
            return DeskResult.Invalid("Vai trò không hợp lệ.");
        }

        var unit = await access.VisibleUnits(admin).FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return DeskResult.Forbidden("Đơn vị nằm ngoài phạm vi quản lý của bạn.");
        }

        var changes = new List<string>();
        if (staff.Role != role)
        {
            changes.Add($"vai trò {staff.Role.Vi()} → {role.Vi()}");
        }

        if (staff.UnitId != unit.Id)
        {
            changes.Add($"đơn vị {staff.Unit.Name} → {unit.Name}");
        }

        if (staff.IsActive != active)
        {
            changes.Add(active ? "mở lại tài khoản" : "khóa tài khoản");
        }

        if (changes.Count == 0)
        {
            return new DeskResult(DeskOutcome.Ok, "Không có thay đổi.");
        }

        staff.Role = role;
        staff.UnitId = unit.Id;
        staff.IsActive = active;
        staff.SecurityStamp = StaffUser.NewSecurityStamp();
        audit.Add(admin, AuditActions.StaffUpdated, unit.Id, detail: $"{staff.UserName}: {string.Join("; ", changes)}");
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(staff.Id);
        return new DeskResult(DeskOutcome.Ok, $"Đã cập nhật tài khoản {staff.UserName}; các phiên đăng nhập đang mở của tài khoản này đã kết thúc.");
    }
}
