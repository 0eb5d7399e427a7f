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
    /// whatever its depth. Lists use <see cref="ReadableScopeAsync"/>, the same set as ids.
    /// </summary>
    public IQueryable<CitizenCase> ReadableCases(DeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var path = user.UnitPath;
        return db.Cases.Where(c => c.Unit.Path.StartsWith(path) || c.Transfers.Any(t => t.FromUnit.Path.StartsWith(path)));
    }

    /// <summary>
    /// The cases of <see cref="ReadableCases"/> as two lists of ids, for the inbox's list queries:
    /// the units in the user's subtree, and the cases that passed through one of them and now sit
    /// outside it. PostgreSQL estimates <c>"UnitId" = ANY(@units)</c> from its statistics, while it
    /// puts the path-and-transfer form at half of all cases, which made a small unit's first page
    /// walk the whole recency index (2 s at a million cases for a commune with 77; 1 ms this way).
    /// </summary>
    public async Task<ReadableScope> ReadableScopeAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var path = user.UnitPath;
        var passedThrough = db.Transfers.Where(t => t.FromUnit.Path.StartsWith(path)).Select(t => t.CaseId);
        // One round trip: the units (IsCase false) and the cases transferred out (IsCase true).
        var ids = await db.Units.Where(u => u.Path.StartsWith(path)).Select(u => new { IsCase = false, u.Id })
            .Concat(db.Cases.Where(c => passedThrough.Contains(c.Id) && !c.Unit.Path.StartsWith(path)).Select(c => new { IsCase = true, c.Id }))
            .ToListAsync(cancellationToken);
        return new ReadableScope(
            ids.Where(i => !i.IsCase).Select(i => i.Id).ToList(),
            ids.Where(i => i.IsCase).Select(i => i.Id).ToList());
    }

    /// <summary>The cases of <paramref name="scope"/> among <paramref name="from"/>: the same set as
    /// <see cref="ReadableCases"/> for the user the scope was read for.</summary>
    public static IQueryable<CitizenCase> ReadableCases(ReadableScope scope, IQueryable<CitizenCase> from)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(from);
        var units = scope.UnitIds;
        var transferred = scope.TransferredOutCaseIds;
        return transferred.Count == 0
            ? from.Where(c => units.Contains(c.UnitId))
            : from.Where(c => units.Contains(c.UnitId) || transferred.Contains(c.Id));
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
    /// <param name="horizon">The user's <see cref="PickerHorizonAsync"/>.</param>
    /// <param name="case">The case to transfer.</param>
    /// <remarks>A national administrator's targets are every unit (3,353): the case page's unit
    /// picker lists a level at a time (<see cref="Units.UnitPicker"/>), a check reads one row
    /// (<see cref="FindTransferTargetAsync"/>).</remarks>
    public IQueryable<Unit> TransferTargets(string horizon, CitizenCase @case)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(@case);
        var caseUnit = @case.UnitId;
        return db.Units.Where(u => u.Path.StartsWith(horizon) && u.Id != caseUnit);
    }

    /// <summary>The unit <paramref name="unitId"/> if the user may transfer <paramref name="case"/> to it
    /// (<see cref="TransferTargets"/>, one row read), else null.</summary>
    public async Task<Unit?> FindTransferTargetAsync(DeskUser user, CitizenCase @case, int unitId, CancellationToken cancellationToken = default) =>
        await TransferTargets(await PickerHorizonAsync(user, cancellationToken), @case).FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);

    /// <summary>
    /// The path of the subtree every unit the user may choose anywhere lies in: an administrator's
    /// own subtree (their <see cref="VisibleUnits"/>); an officer's parent's (the units they may
    /// transfer a case to, <see cref="TransferTargets"/>), or their own at the top. The unit
    /// picker's children endpoint answers inside it only (<see cref="Units.UnitPickerApi"/>).
    /// </summary>
    public async Task<string> PickerHorizonAsync(DeskUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdministrator)
        {
            return user.UnitPath;
        }

        var parentPath = await db.Units.Where(u => u.Id == user.UnitId).Select(u => u.Parent!.Path).FirstOrDefaultAsync(cancellationToken);
        return parentPath ?? user.UnitPath;
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

/// <summary>What a user may read, as ids (<see cref="CaseAccess.ReadableScopeAsync"/>).</summary>
/// <param name="UnitIds">The user's unit and every unit below it.</param>
/// <param name="TransferredOutCaseIds">Cases transferred from one of those units that are now
/// handled outside them.</param>
public sealed record ReadableScope(IReadOnlyList<int> UnitIds, IReadOnlyList<int> TransferredOutCaseIds);
