using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Access;

/// <summary>
/// The ONE place that decides which units, cases and media a staff member may see and act on.
/// Pages, the JSON API and the media endpoint all query through it.
/// <list type="bullet">
/// <item>An administrator sees every unit in the subtree of their unit (the provincial
/// administrator: all of them).</item>
/// <item>A unit officer sees their own unit only.</item>
/// <item>Units above a case's unit, and every unit the case passed through (and those above it),
/// read it: oversight, read-only where they do not handle it (<see cref="ReadableCases"/>).</item>
/// <item>A case outside your scope does not exist for you (404); an action you may not take on
/// something you can read (acting on a case you only oversee) is forbidden (403).</item>
/// </list>
/// </summary>
public sealed class CaseAccess(DeskDbContext db)
{
    /// <summary>Units the user can see.</summary>
    public IQueryable<Unit> VisibleUnits(DeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsAdministrator
            ? db.Units.Where(u => u.Path.StartsWith(user.UnitPath))
            : db.Units.Where(u => u.Id == user.UnitId);
    }

    /// <summary>Cases the user handles (may act on): those of the units in <see cref="VisibleUnits"/>.</summary>
    public IQueryable<CitizenCase> HandledCases(DeskUser user) => db.Cases.Where(Handles(user));

    /// <summary>The rule of <see cref="HandledCases"/> as a predicate, to filter other case queries
    /// (the inbox's "handled" and "overseen" views); <see cref="CanAct"/> is its in-memory twin.</summary>
    public static Expression<Func<CitizenCase, bool>> Handles(DeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var path = user.UnitPath;
        var unitId = user.UnitId;
        return user.IsAdministrator
            ? c => c.Unit.Path.StartsWith(path)
            : c => c.UnitId == unitId;
    }

    /// <summary>
    /// Cases the user may read: every case of their unit and the units under it, and every case
    /// that passed through one of those units (a transfer keeps the sender and the units above it
    /// reading the case and its progress). Those they do not handle are read-only
    /// (<see cref="CanAct"/>). Officers and administrators alike: oversight follows the hierarchy,
    /// whatever its depth. <paramref name="from"/> narrows the cases looked at (all by default; the
    /// inbox's text search passes the head of its order).
    /// </summary>
    public IQueryable<CitizenCase> ReadableCases(DeskUser user, IQueryable<CitizenCase>? from = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var path = user.UnitPath;
        return (from ?? db.Cases).Where(c => c.Unit.Path.StartsWith(path) || c.Transfers.Any(t => t.FromUnit.Path.StartsWith(path)));
    }

    /// <summary>Whether the user handles <paramref name="case"/> (its <see cref="CitizenCase.Unit"/>
    /// loaded), the in-memory twin of <see cref="HandledCases"/>.</summary>
    public static bool CanAct(DeskUser user, CitizenCase @case)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(@case);
        return user.IsAdministrator
            ? @case.Unit.Path.StartsWith(user.UnitPath, StringComparison.Ordinal)
            : @case.UnitId == user.UnitId;
    }

    /// <summary>A case the user may read, or null (answer 404).</summary>
    public Task<CitizenCase?> FindReadableCaseAsync(DeskUser user, int caseId, CancellationToken cancellationToken = default) =>
        ReadableCases(user).Include(c => c.Unit).Include(c => c.AssignedTo).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);

    /// <summary>A case the user may act on; <see cref="DeskOutcome.NotFound"/> when they cannot read
    /// it, <see cref="DeskOutcome.Forbidden"/> when they only oversee it.</summary>
    public async Task<DeskResult<CitizenCase>> FindForActionAsync(DeskUser user, int caseId, CancellationToken cancellationToken = default)
    {
        var found = await FindReadableCaseAsync(user, caseId, cancellationToken);
        return found is null ? DeskResult.NotFound.As<CitizenCase>()
            : CanAct(user, found) ? DeskResult.Of(found)
            : DeskResult.Forbidden($"Hồ sơ đang do {found.Unit.Name} thụ lý; đơn vị bạn chỉ theo dõi (chỉ xem).").As<CitizenCase>();
    }

    /// <summary>Whether the user can see the unit.</summary>
    public Task<bool> CanSeeUnitAsync(DeskUser user, int unitId, CancellationToken cancellationToken = default) =>
        VisibleUnits(user).AnyAsync(u => u.Id == unitId, cancellationToken);

    /// <summary>
    /// Units a case may be transferred or escalated to. Administrators: any unit in their scope.
    /// Officers: any unit under their own unit's parent (escalate to the district, hand over to a
    /// neighbouring commune), or, at the top, their own subtree.
    /// </summary>
    public async Task<List<Unit>> TransferTargetsAsync(DeskUser user, CitizenCase @case, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(@case);
        var horizon = user.UnitPath;
        if (!user.IsAdministrator)
        {
            var parentPath = await db.Units.Where(u => u.Id == user.UnitId).Select(u => u.Parent!.Path).FirstOrDefaultAsync(cancellationToken);
            horizon = parentPath ?? user.UnitPath;
        }

        // Read-only: a national administrator's list is every unit (3,353), and tracking them made
        // the case page five times slower than its queries (benchmarks/README.md, "Scale").
        return await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(horizon) && u.Id != @case.UnitId)
            .OrderBy(u => u.Path)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Staff a case can be assigned to: the active staff of the case's unit.</summary>
    public Task<List<StaffUser>> AssignableStaffAsync(CitizenCase @case, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return db.Staff.Where(s => s.UnitId == @case.UnitId && s.IsActive).OrderBy(s => s.DisplayName).ToListAsync(cancellationToken);
    }

    /// <summary>Connecting a unit's Zalo OA: an officer for their own unit, an administrator for
    /// any unit in their scope (<paramref name="unit"/> must come from <see cref="VisibleUnits"/>).</summary>
    public static bool CanLinkOa(DeskUser user, Unit unit) =>
        user is not null && unit is not null && (user.IsAdministrator || unit.Id == user.UnitId);

    /// <summary>Statistics and the audit log of all units are an administrator's.</summary>
    public static bool CanSeeAuditLog(DeskUser user) => user?.IsAdministrator == true;

    /// <summary>An administrator of the hierarchy's root (a province's desk, or the national one):
    /// sees what belongs to no unit (sign-in attempts with unknown names, scheduled retention runs,
    /// events for OAs no unit has).</summary>
    public static bool IsTopAdministrator(DeskUser user) =>
        user?.IsAdministrator == true && user.UnitPath.Count(c => c == '/') == 2;

    /// <summary>
    /// A provincial administrator: of the root, or of a unit at the province level
    /// (<see cref="UnitLevel.ProvinceCode"/>) when the root is above the provinces (a national
    /// deployment). Runs retention, for the cases of their own subtree only
    /// (<see cref="Privacy.DeskRetention"/>). Decided from the unit's level in the database, never
    /// from the depth of the path: under a national root a province is one level deeper.
    /// </summary>
    public async Task<bool> IsProvinceAdministratorAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return IsTopAdministrator(user)
            || (user.IsAdministrator && await db.Units.AnyAsync(u => u.Id == user.UnitId && u.Level.Code == UnitLevel.ProvinceCode, cancellationToken));
    }

    /// <summary>Exporting or erasing a citizen's data on request is an administrator's, for cases in their scope.</summary>
    public static bool CanManageCitizenData(DeskUser user) => user?.IsAdministrator == true;
}
