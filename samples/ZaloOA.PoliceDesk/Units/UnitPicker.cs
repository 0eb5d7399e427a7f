using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Units;

/// <summary>What a page means by the unit chosen in its picker.</summary>
public enum UnitPickerMeaning
{
    /// <summary>The unit and every unit below it (the inbox filter, statistics).</summary>
    Subtree,

    /// <summary>The unit itself (a transfer's target, a news item's or a template's unit).</summary>
    Unit,
}

/// <summary>What a page asks of its unit picker.</summary>
/// <param name="Field">The form field the page posts (<c>unitId</c>): the picker submits it, whatever the level chosen.</param>
/// <param name="Label">The visible label.</param>
/// <param name="Meaning">Whether a unit means its subtree.</param>
/// <param name="AllLabel">When set, a first choice with an empty value: "no unit chosen", the page's whole scope.</param>
/// <param name="AutoSubmit">Submits the form when a unit is chosen (pages that show one unit's things).</param>
/// <param name="ElementId">The select's id (defaults to <paramref name="Field"/>).</param>
public sealed record UnitPickerSpec(string Field, string Label, UnitPickerMeaning Meaning, string? AllLabel = null, bool AutoSubmit = false, string? ElementId = null);

/// <summary>One choice of a picker.</summary>
/// <param name="Id">The unit.</param>
/// <param name="Name">Its name (from the Units table).</param>
/// <param name="Depth">Its indentation below the picker's root.</param>
/// <param name="Children">How many units are directly below it (the picker opens those).</param>
public sealed record UnitPickerOption(int Id, string Name, int Depth, int Children);

/// <summary>
/// A unit picker as <c>Pages/Shared/_UnitPicker.cshtml</c> renders it. A small scope (at most
/// <see cref="UnitsOptions.PickerListLimit"/> units) is every unit in one select, as pages always showed
/// it (<see cref="Path"/> empty). A larger one shows one level: <see cref="Path"/>, the units from
/// the picker's root down to the open unit, then <see cref="Options"/>, the open unit's children.
/// Without script, choosing a unit and submitting the form opens it (a two-step GET form); with
/// script, <c>desk.js</c> shows one select per level, the lower ones loaded from
/// <see cref="UnitPickerApi"/>, and writes the chosen unit into this same select, so the page posts
/// the field it always did and its server checks stay the only judge of what may be chosen.
/// </summary>
public sealed record UnitPickerView(UnitPickerSpec Spec, IReadOnlyList<UnitPickerOption> Path, IReadOnlyList<UnitPickerOption> Options, int? Selected, int? Excluded)
{
    /// <summary>The select's id.</summary>
    public string ElementId => Spec.ElementId ?? Spec.Field;

    /// <summary>Picked a level at a time (a large scope).</summary>
    public bool Cascade => Path.Count > 0;

    /// <summary>Whether there is anything to choose (an officer's own unit alone is not a choice).</summary>
    public bool IsChoice => Cascade || Options.Count > 1;
}

/// <summary>Builds the pages' unit pickers from the Units table (names, levels, any depth).</summary>
public sealed class UnitPicker(DeskDbContext db, CaseAccess access, IOptionsMonitor<UnitsOptions> options)
{
    /// <summary>By default a scope with at most this many units is one plain select (Trà Vinh's 23
    /// units look as they always did); a larger one is picked a level at a time
    /// (<see cref="UnitsOptions.PickerListLimit"/>).</summary>
    public const int DefaultListLimit = 60;

    /// <summary>A picker over the units the user can see (<see cref="CaseAccess.VisibleUnits"/>):
    /// filters, statistics, news, groups, templates, staff.</summary>
    public Task<UnitPickerView> VisibleAsync(DeskUser user, UnitPickerSpec spec, int? selected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return BuildAsync(access.VisibleUnits(user), user.UnitPath, spec, selected, null, cancellationToken);
    }

    /// <summary>A picker over the units a case may be transferred to (<see cref="CaseAccess.TransferTargets"/>).</summary>
    public async Task<UnitPickerView> TransferAsync(DeskUser user, CitizenCase @case, UnitPickerSpec spec, int? selected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var horizon = await access.PickerHorizonAsync(user, cancellationToken);
        return await BuildAsync(access.TransferTargets(horizon, @case), horizon, spec, selected, @case.UnitId, cancellationToken);
    }

    /// <param name="scope">The units that may be chosen: <paramref name="rootPath"/>'s subtree, less <paramref name="excluded"/>.</param>
    /// <param name="rootPath">The subtree's root; its children are the first level.</param>
    /// <param name="spec">The page's field and label.</param>
    /// <param name="selected">The unit chosen now (an id from the request: kept only when in <paramref name="scope"/>).</param>
    /// <param name="excluded">A unit of the subtree that may not be chosen (a case's own unit), shown to open its children.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    private async Task<UnitPickerView> BuildAsync(IQueryable<Unit> scope, string rootPath, UnitPickerSpec spec, int? selected, int? excluded, CancellationToken cancellationToken)
    {
        // One query decides the shape and, for a small scope, is the list (the pages ran one before).
        var rootDepth = Segments(rootPath);
        var limit = Math.Max(1, options.CurrentValue.PickerListLimit);
        var first = await WithChildren(scope.OrderBy(u => u.Path)).Take(limit + 1).ToListAsync(cancellationToken);
        if (first.Count <= limit)
        {
            var options = first.Select(u => new UnitPickerOption(u.Id, u.Name, Math.Max(0, Segments(u.Path) - rootDepth), u.Children)).ToList();
            return new UnitPickerView(spec, [], options, options.Any(o => o.Id == selected) ? selected : null, excluded);
        }

        // The chosen unit, if in the subtree; the picker opens it when it has units below, else its
        // parent. The excluded unit is opened (to reach the units below it), never selected.
        var chosen = selected is { } id
            ? await WithChildren(db.Units.Where(u => u.Id == id && u.Path.StartsWith(rootPath))).FirstOrDefaultAsync(cancellationToken)
            : null;
        var openPath = chosen is null ? rootPath
            : chosen.Children > 0 ? chosen.Path
            : chosen.Path[..(chosen.Path.TrimEnd('/').LastIndexOf('/') + 1)];
        if (!openPath.StartsWith(rootPath, StringComparison.Ordinal))
        {
            openPath = rootPath;
        }

        // The root and the units down to the open one (by their paths' prefixes, any depth), and the
        // open one's children: one query on indexed columns.
        var prefixes = new List<string>();
        for (var end = rootPath.Length; end > 0 && end <= openPath.Length; end = openPath.IndexOf('/', end) + 1)
        {
            prefixes.Add(openPath[..end]);
        }

        var units = await WithChildren(db.Units.Where(u => prefixes.Contains(u.Path) || u.Parent!.Path == openPath)).ToListAsync(cancellationToken);
        var path = units.Where(u => prefixes.Contains(u.Path)).OrderBy(u => u.Path.Length)
            .Select((u, i) => new UnitPickerOption(u.Id, u.Name, i, u.Children)).ToList();
        var below = units.Where(u => !prefixes.Contains(u.Path) && (u.Id != excluded || u.Children > 0)).OrderBy(u => u.Path, StringComparer.Ordinal)
            .Select(u => new UnitPickerOption(u.Id, u.Name, path.Count, u.Children)).ToList();
        return new UnitPickerView(spec, path, below, chosen?.Id == excluded ? null : chosen?.Id, excluded);
    }

    private IQueryable<PickedUnit> WithChildren(IQueryable<Unit> units) =>
        units.AsNoTracking().Select(u => new PickedUnit(u.Id, u.Name, u.Path, db.Units.Count(c => c.ParentId == u.Id)));

    private static int Segments(string path) => path.Count(c => c == '/');

    private sealed record PickedUnit(int Id, string Name, string Path, int Children);
}
