using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Units.Import;

/// <summary>
/// The unit hierarchy as data: imports a file's rows (update by code, create the rest) and exports
/// the units as rows. An import validates every row against the file and the database first and
/// writes nothing when any row is bad; the writes (levels, units, the paths of units below a moved
/// one, the audit entry) are one <c>SaveChanges</c>, so one transaction. Administrators import and
/// export within their own unit's subtree; configuration (a null actor) anywhere.
/// </summary>
public sealed class UnitHierarchy(DeskDbContext db, DeskAudit audit)
{
    /// <summary>Actor name of imports made at start-up from configuration.</summary>
    public const string ConfigurationActor = "Cấu hình";

    /// <summary>Validates <paramref name="rows"/> and, when all are good and <paramref name="apply"/> is
    /// true, writes them.</summary>
    /// <param name="rows">The file's rows.</param>
    /// <param name="actor">The administrator importing; null for configuration (no scope limit).</param>
    /// <param name="apply">False checks only.</param>
    /// <param name="cancellationToken">Cancels the import.</param>
    public async Task<UnitImportReport> ImportAsync(IReadOnlyList<UnitRow> rows, DeskUser? actor, bool apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var existing = await db.Units.AsNoTracking()
            .Select(u => new ExistingUnit(u.Code, u.Parent == null ? null : u.Parent.Code, u.Path))
            .ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var knownLevels = await db.UnitLevels.AsNoTracking().ToDictionaryAsync(l => l.Code, l => l.Name, StringComparer.Ordinal, cancellationToken);

        var plan = Validate(rows.Select(Normalise).ToList(), existing, knownLevels, actor);
        if (plan.Errors.Count > 0)
        {
            return UnitImportReport.Failed(plan.Errors, rows.Count);
        }

        return await WriteAsync(plan, actor, apply, cancellationToken);
    }

    /// <summary>The units <paramref name="actor"/> may see (all for a null actor) as rows, parents first.</summary>
    public async Task<List<UnitRow>> ExportAsync(IQueryable<Unit> units, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(units);
        return await units.AsNoTracking().OrderBy(u => u.Path)
            .Select(u => new UnitRow
            {
                Code = u.Code,
                Name = u.Name,
                Level = u.Level.Code,
                LevelName = u.Level.Name,
                Parent = u.Parent == null ? null : u.Parent.Code,
                Hotlines = u.Hotlines == "" ? null : u.Hotlines,
                Address = u.Address,
            })
            .ToListAsync(cancellationToken);
    }

    private static UnitRow Normalise(UnitRow r) => r with
    {
        Code = (r.Code ?? "").Trim(),
        Name = (r.Name ?? "").Trim(),
        Level = (r.Level ?? "").Trim(),
        LevelName = Blank(r.LevelName),
        Parent = Blank(r.Parent),
        // One spelling of a hotline list, so a re-import of an exported file changes nothing.
        Hotlines = Blank(string.Join("; ", (r.Hotlines ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))),
        Address = Blank(r.Address),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ImportPlan Validate(List<UnitRow> rows, Dictionary<string, ExistingUnit> existing, Dictionary<string, string> knownLevels, DeskUser? actor)
    {
        var errors = new List<UnitImportError>();
        void Error(UnitRow r, UnitImportProblem problem, string message) => errors.Add(new UnitImportError(r.Line, r.Code.Length > 0 ? r.Code : null, problem, message));

        // Levels the file defines (code → name), and the first row of each code.
        var levelNames = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        var byCode = new Dictionary<string, UnitRow>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.Code.Length == 0)
            {
                Error(r, UnitImportProblem.MissingField, "Thiếu mã đơn vị (cột code).");
            }
            else if (r.Code.Length > Unit.MaxCodeLength)
            {
                Error(r, UnitImportProblem.TooLong, $"Mã đơn vị dài quá {Unit.MaxCodeLength} ký tự.");
            }
            else if (!r.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                Error(r, UnitImportProblem.BadCode, "Mã đơn vị chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch dưới và gạch ngang (ví dụ CAX-LONGDUC).");
            }
            else if (!byCode.TryAdd(r.Code, r))
            {
                Error(r, UnitImportProblem.DuplicateCode, $"Mã {r.Code} đã có ở dòng {byCode[r.Code].Line}.");
            }

            if (r.Name.Length == 0)
            {
                Error(r, UnitImportProblem.MissingField, "Thiếu tên đơn vị (cột name).");
            }
            else if (r.Name.Length > Unit.MaxNameLength)
            {
                Error(r, UnitImportProblem.TooLong, $"Tên đơn vị dài quá {Unit.MaxNameLength} ký tự.");
            }

            if (r.Level.Length == 0)
            {
                Error(r, UnitImportProblem.MissingLevel, "Thiếu cấp (cột level), ví dụ tinh hoặc xa.");
            }
            else if (r.Level.Length > UnitLevel.MaxCodeLength)
            {
                Error(r, UnitImportProblem.TooLong, $"Mã cấp dài quá {UnitLevel.MaxCodeLength} ký tự.");
            }

            if (r.LevelName is { } levelName && r.Level.Length > 0)
            {
                if (levelName.Length > UnitLevel.MaxNameLength)
                {
                    Error(r, UnitImportProblem.TooLong, $"Tên cấp dài quá {UnitLevel.MaxNameLength} ký tự.");
                }
                else if (!levelNames.TryAdd(r.Level, (levelName, r.Line)) && levelNames[r.Level].Name != levelName)
                {
                    Error(r, UnitImportProblem.LevelConflict, $"Cấp {r.Level} đã được đặt tên \"{levelNames[r.Level].Name}\" ở dòng {levelNames[r.Level].Line}.");
                }
            }

            if (r.Hotlines is { Length: > Unit.MaxHotlinesLength })
            {
                Error(r, UnitImportProblem.TooLong, $"Danh sách đường dây nóng dài quá {Unit.MaxHotlinesLength} ký tự.");
            }
            else if (r.Hotlines is { } hotlines && hotlines.Split("; ").FirstOrDefault(h => !IsPhoneNumber(h)) is { } bad)
            {
                Error(r, UnitImportProblem.BadHotline, $"\"{bad}\" không phải số điện thoại (3–15 chữ số; được dùng dấu cách, chấm, gạch ngang, + và ngoặc). Các số cách nhau bằng dấu ;.");
            }

            if (r.Address is { Length: > Unit.MaxAddressLength })
            {
                Error(r, UnitImportProblem.TooLong, $"Địa chỉ dài quá {Unit.MaxAddressLength} ký tự.");
            }
        }

        foreach (var r in rows.Where(r => r.Level.Length is > 0 and <= UnitLevel.MaxCodeLength && !knownLevels.ContainsKey(r.Level) && !levelNames.ContainsKey(r.Level)))
        {
            Error(r, UnitImportProblem.MissingLevel, $"Cấp {r.Level} chưa có: ghi tên cấp ở cột level_name để tạo cấp mới.");
        }

        // The hierarchy after the import: the database's parents overlaid with the file's.
        var parentOf = existing.Values.ToDictionary(u => u.Code, u => u.ParentCode, StringComparer.Ordinal);
        foreach (var r in byCode.Values)
        {
            parentOf[r.Code] = r.Parent;
        }

        foreach (var r in byCode.Values.Where(r => r.Parent is { } p && !parentOf.ContainsKey(p)))
        {
            Error(r, UnitImportProblem.UnknownParent, $"Đơn vị cấp trên {r.Parent} không có trong tệp và trong hệ thống.");
        }

        var walks = new Dictionary<string, (string? Path, Walk Walk)>(StringComparer.Ordinal);
        foreach (var code in parentOf.Keys)
        {
            Resolve(code, parentOf, walks);
        }

        foreach (var r in byCode.Values)
        {
            switch (walks[r.Code])
            {
                case (_, Walk.Loop):
                    Error(r, UnitImportProblem.Cycle, $"Vòng lặp cấp trên: đi theo đơn vị cấp trên từ {r.Code} không bao giờ tới đơn vị gốc (cấp tỉnh).");
                    break;
                case ({ Length: > Unit.MaxPathLength }, _):
                    Error(r, UnitImportProblem.TooLong, $"Cây đơn vị quá sâu: đường dẫn của {r.Code} dài quá {Unit.MaxPathLength} ký tự.");
                    break;
            }
        }

        var paths = walks.ToDictionary(kv => kv.Key, kv => kv.Value.Path, StringComparer.Ordinal);
        if (actor is not null)
        {
            // Levels are shared by every province: an administrator may add one, not rename one.
            foreach (var (code, (name, line)) in levelNames.Where(l => knownLevels.TryGetValue(l.Key, out var current) && current != l.Value.Name))
            {
                errors.Add(new UnitImportError(line, null, UnitImportProblem.OutOfScope,
                    $"Cấp {code} đang tên \"{knownLevels[code]}\" và dùng chung cho mọi tỉnh; chỉ cấu hình hệ thống (Desk:Units:ImportFile) được đổi tên cấp. Hãy giữ tên cũ hoặc để trống cột level_name."));
            }

            foreach (var r in byCode.Values)
            {
                var outside = (existing.TryGetValue(r.Code, out var before) && !before.Path.StartsWith(actor.UnitPath, StringComparison.Ordinal))
                    || (paths.GetValueOrDefault(r.Code) is { } after && !after.StartsWith(actor.UnitPath, StringComparison.Ordinal));
                if (outside)
                {
                    Error(r, UnitImportProblem.OutOfScope, "Đơn vị nằm ngoài phạm vi quản lý của bạn (chỉ sửa và tạo đơn vị thuộc đơn vị của mình; không đổi cấp trên của chính đơn vị mình).");
                }
            }
        }

        return new ImportPlan([.. errors.OrderBy(e => e.Line)], rows, byCode, levelNames.ToDictionary(kv => kv.Key, kv => kv.Value.Name, StringComparer.Ordinal), paths);
    }

    private enum Walk
    {
        Ok,
        Loop,
        UnknownAncestor,
    }

    /// <summary>The materialised path of <paramref name="code"/> after the import, or why there is
    /// none (its parents loop, or an ancestor's parent is unknown, which that row reports).</summary>
    private static void Resolve(string code, Dictionary<string, string?> parentOf, Dictionary<string, (string? Path, Walk Walk)> walks)
    {
        var chain = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = code;
        var prefix = "/";
        var outcome = Walk.Ok;
        while (current is not null)
        {
            if (walks.TryGetValue(current, out var known))
            {
                (prefix, outcome) = (known.Path ?? "", known.Walk);
                break;
            }

            if (!parentOf.TryGetValue(current, out var parent))
            {
                outcome = Walk.UnknownAncestor;
                break;
            }

            if (!seen.Add(current))
            {
                outcome = Walk.Loop;
                break;
            }

            chain.Add(current);
            current = parent;
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            prefix = outcome == Walk.Ok ? prefix + chain[i] + "/" : prefix;
            walks[chain[i]] = outcome == Walk.Ok ? (prefix, Walk.Ok) : (null, outcome);
        }
    }

    private async Task<UnitImportReport> WriteAsync(ImportPlan plan, DeskUser? actor, bool apply, CancellationToken ct)
    {
        var levels = await db.UnitLevels.ToDictionaryAsync(l => l.Code, StringComparer.Ordinal, ct);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        foreach (var (code, name) in plan.LevelNames)
        {
            if (!levels.TryGetValue(code, out var level))
            {
                // A new level sits at the depth of its highest unit in the file.
                var depth = plan.ByCode.Values.Where(r => r.Level == code).Min(r => plan.Paths[r.Code]!.Count(c => c == '/') - 2);
                level = new UnitLevel { Code = code, Name = name, Depth = depth };
                levels.Add(code, level);
                db.UnitLevels.Add(level);
            }
            else if (level.Name != name)
            {
                level.Name = name;
            }
        }

        int created = 0, updated = 0, unchanged = 0, moved = 0;
        // Parents before children, so every parent entity exists when a child points at it.
        foreach (var r in plan.ByCode.Values.OrderBy(r => plan.Paths[r.Code]!.Length))
        {
            var level = levels[r.Level];
            var parent = r.Parent is null ? null : units[r.Parent];
            if (!units.TryGetValue(r.Code, out var unit))
            {
                unit = new Unit { Code = r.Code };
                units.Add(r.Code, unit);
                db.Units.Add(unit);
                created++;
            }
            else if (unit.Name == r.Name && unit.LevelId == level.Id && unit.ParentId == parent?.Id && unit.Hotlines == (r.Hotlines ?? "") && unit.Address == r.Address)
            {
                unchanged++;
                continue;
            }
            else
            {
                updated++;
            }

            unit.Name = r.Name;
            unit.Level = level;
            unit.Parent = parent;
            unit.Hotlines = r.Hotlines ?? "";
            unit.Address = r.Address;
        }

        // Units below a moved unit (in the file or not) follow it.
        foreach (var unit in units.Values.Where(u => u.Path != plan.Paths[u.Code]))
        {
            if (unit.Id != 0 && !plan.ByCode.ContainsKey(unit.Code))
            {
                moved++;
            }

            unit.Path = plan.Paths[unit.Code]!;
        }

        var report = new UnitImportReport([], plan.Rows.Count, created, updated, unchanged, moved, apply);
        if (!apply)
        {
            db.ChangeTracker.Clear();
            return report;
        }

        var anchor = actor?.UnitId ?? units.Values.Where(u => u.Path.Count(c => c == '/') == 2).Select(u => (int?)u.Id).FirstOrDefault();
        audit.Add(actor?.Id, actor is null ? ConfigurationActor : actor.DisplayName, UnitAuditActions.Imported, anchor is 0 ? null : anchor, detail: report.Summary);
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>A hotline: 3 to 15 digits (113, 0294 3862 113, +84 294 3862 113) with spaces, dots, dashes, + and brackets.</summary>
    internal static bool IsPhoneNumber(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        return digits is >= 3 and <= 15
            && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-' or '(' or ')' or '+')
            && value.LastIndexOf('+') <= 0;
    }

    private sealed record ExistingUnit(string Code, string? ParentCode, string Path);

    private sealed record ImportPlan(
        List<UnitImportError> Errors,
        List<UnitRow> Rows,
        Dictionary<string, UnitRow> ByCode,
        Dictionary<string, string> LevelNames,
        Dictionary<string, string?> Paths);
}

/// <summary>Audit action codes of the unit hierarchy.</summary>
public static class UnitAuditActions
{
    /// <summary>A hierarchy file was imported.</summary>
    public const string Imported = "unit.imported";

    /// <summary>The hierarchy was exported.</summary>
    public const string Exported = "unit.exported";

    /// <summary>Vietnamese name of one of these codes, or null.</summary>
    public static string? AuditVi(string action) => action switch
    {
        Imported => "Nhập danh sách đơn vị",
        Exported => "Xuất danh sách đơn vị",
        _ => null,
    };

}
