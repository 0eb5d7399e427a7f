using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Statistics;

/// <summary>What the statistics page asks for: a period of Vietnam calendar days, a unit's subtree, a field.</summary>
/// <param name="From">First day (Vietnam time), inclusive.</param>
/// <param name="To">Last day, inclusive.</param>
/// <param name="UnitId">The unit whose subtree is counted; null: the user's own unit.</param>
/// <param name="Category">One field only.</param>
public sealed record StatisticsFilter(DateOnly From, DateOnly To, int? UnitId = null, CaseCategory? Category = null);

/// <summary>How the period is cut for the chart over time.</summary>
public enum PeriodGrain
{
    /// <summary>Days (periods up to 31 days).</summary>
    Day,

    /// <summary>Weeks from Monday (up to about six months).</summary>
    Week,

    /// <summary>Calendar months.</summary>
    Month,
}

/// <summary>One period of the chart over time.</summary>
public sealed record Period(string Label, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Figures of one group of cases (a unit with everything under it, a field, or all).</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Cases">Reports received in the period.</param>
/// <param name="Answered">Of those, with an officer's reply.</param>
/// <param name="MedianFirstReply">Median time from the first message to the first reply (of the answered).</param>
/// <param name="Closed">Closed.</param>
/// <param name="MedianHandling">Median time from the first message to closing (of the closed).</param>
/// <param name="MissedFirstReply">First reply later than its deadline (or still missing past it).</param>
/// <param name="MissedHandling">Closed after the handling deadline, or open past it.</param>
/// <param name="LateNow">Open and late now (the inbox's "late" filter).</param>
public sealed record FigureRow(
    string Name, int Cases, int Answered, TimeSpan? MedianFirstReply, int Closed, TimeSpan? MedianHandling,
    int MissedFirstReply, int MissedHandling, int LateNow);

/// <summary>The statistics page's figures.</summary>
/// <remarks><see cref="FreshAt"/>: every case change before it is counted (null: the first build has
/// not finished); <see cref="FigureRow.LateNow"/> and the misses of open cases are as of <see cref="Now"/>.</remarks>
public sealed record StatisticsReport(
    Unit Root,
    StatisticsFilter Filter,
    PeriodGrain Grain,
    IReadOnlyList<Period> Periods,
    IReadOnlyList<IReadOnlyDictionary<CaseCategory, int>> CountsByPeriod,
    IReadOnlyList<FigureRow> ByUnit,
    IReadOnlyList<(CaseCategory Category, FigureRow Figures)> ByCategory,
    FigureRow Total,
    DateTimeOffset Now,
    DateTimeOffset? FreshAt);

/// <summary>
/// The figures of a unit and everything under it, summed in the database from the daily table
/// <see cref="StatisticsAggregator"/> keeps (<see cref="CaseDayFigures"/>, <see cref="CaseDayDuration"/>):
/// a year of the whole country is a few hundred thousand small rows, never a million cases, and the
/// database sums them per row of the page (each unit mapped to the row it is shown in through its
/// path), so the app receives a few thousand. Medians come from the summed duration histograms
/// (<see cref="DurationEdges"/>: 1 minute to a year, interpolated within a bucket). Only what "now"
/// decides is counted live, over the period's open cases: late now, and the misses of cases with no
/// reply or closing yet (<see cref="DeadlineRules"/>, the inbox's rules).
/// </summary>
public sealed class CaseStatistics(DeskDbContext db, CaseAccess access, TimeProvider time)
{
    /// <summary>The longest period one page covers (three years).</summary>
    public const int MaxDays = 3 * 366;

    /// <summary>Upper edges (seconds) of the duration histogram's buckets; the last bucket is open.</summary>
    public static readonly IReadOnlyList<int> DurationEdges =
    [
        60, 120, 180, 300, 420, 600, 900, 1200, 1800, 2700,
        3600, 5400, 7200, 10800, 14400, 21600, 28800, 43200, 64800, 86400,
        129600, 172800, 259200, 345600, 432000, 604800, 864000, 1209600, 1814400, 2592000,
        3888000, 5184000, 7776000, 10368000, 15552000, 31536000,
    ];

    /// <summary>The report, or null when the filter names a unit outside the user's scope.</summary>
    public async Task<StatisticsReport?> GetAsync(DeskUser user, StatisticsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        var visible = access.VisibleUnits(user).AsNoTracking().OrderBy(u => u.Path);
        var root = filter.UnitId is { } unitId
            ? await visible.FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken)
            : await visible.FirstOrDefaultAsync(u => u.Id == user.UnitId, cancellationToken) ?? await visible.FirstOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        // The units counted: the root's subtree within what the user handles (an officer: their own
        // unit only), exactly the cases CaseAccess.HandledCases gives under the root. Each carries
        // the path of the row it is shown in: the root's own path, or that of the root's child above
        // it (the first segment after the root's path). The database computes it, so every figure
        // below is summed per shown row there: a year of the country is a few thousand rows to the
        // app (34 provinces × fields × buckets), not one per commune.
        var depth = root.Path.Length;
#pragma warning disable CA1866 // IndexOf(string) is what both providers translate (strpos, instr)
        var shown = access.VisibleUnits(user).Where(u => u.Path.StartsWith(root.Path))
            .Select(u => new ShownUnit { Id = u.Id, Row = u.Path.Substring(0, depth + u.Path.Substring(depth).IndexOf("/") + 1) });
#pragma warning restore CA1866
        var figures = db.CaseDayFigures.Where(f => f.Day >= filter.From && f.Day <= filter.To);
        var durations = db.CaseDayDurations.Where(f => f.Day >= filter.From && f.Day <= filter.To);
        var (from, to) = (VietnamTime.StartOfDay(filter.From), VietnamTime.StartOfDay(filter.To.AddDays(1)));
        var open = db.Cases.Where(c => c.CreatedAt >= from && c.CreatedAt < to && c.ClosedAt == null);
        if (filter.Category is { } category)
        {
            figures = figures.Where(f => f.Category == category);
            durations = durations.Where(f => f.Category == category);
            open = open.Where(c => c.Category == category);
        }

        var counts = (await figures.Join(shown, f => f.UnitId, u => u.Id, (f, u) => new { u.Row, Figures = f })
            .GroupBy(x => new { x.Row, x.Figures.Category })
            .Select(g => new
            {
                g.Key.Row, g.Key.Category, Cases = g.Sum(x => x.Figures.Cases), Answered = g.Sum(x => x.Figures.Answered), Closed = g.Sum(x => x.Figures.Closed),
                MissedFirstReply = g.Sum(x => x.Figures.MissedFirstReply), MissedHandling = g.Sum(x => x.Figures.MissedHandling),
            })
            .ToListAsync(cancellationToken)).ToDictionary(x => (x.Row, x.Category));
        var histogram = (await durations.Join(shown, d => d.UnitId, u => u.Id, (d, u) => new { u.Row, Duration = d })
            .GroupBy(x => new { x.Row, x.Duration.Category, x.Duration.Measure, x.Duration.Bucket })
            .Select(g => new { g.Key.Row, g.Key.Category, g.Key.Measure, g.Key.Bucket, Count = g.Sum(x => x.Duration.Count) })
            .ToListAsync(cancellationToken)).Select(x => (x.Row, x.Category, x.Measure, x.Bucket, x.Count)).ToList();
        var byDay = await figures.Where(f => shown.Select(u => u.Id).Contains(f.UnitId)).GroupBy(f => new { f.Day, f.Category })
            .Select(g => new { g.Key.Day, g.Key.Category, Cases = g.Sum(f => f.Cases) }).ToListAsync(cancellationToken);
        // Live: what "now" decides, over the period's open cases (the aggregate holds the settled
        // misses). An open case misses a deadline only once it is late, so one pass over the late
        // ones counts all three.
        var live = (await open.Where(DeadlineRules.IsLate(now)).Select(LiveMisses(now))
            .Join(shown, c => c.UnitId, u => u.Id, (c, u) => new { u.Row, Case = c })
            .GroupBy(x => new { x.Row, x.Case.Category })
            .Select(g => new { g.Key.Row, g.Key.Category, Late = g.Count(), MissedFirstReply = g.Count(x => x.Case.MissedFirstReply), MissedHandling = g.Count(x => x.Case.MissedHandling) })
            .ToListAsync(cancellationToken)).ToDictionary(x => (x.Row, x.Category));
        var freshAt = await db.StatisticsStates.Where(s => s.Id == StatisticsState.SingleId).Select(s => s.FreshAt).FirstOrDefaultAsync(cancellationToken);

        var (grain, periods) = Periods(filter.From, filter.To);
        var countsByPeriod = periods.Select(p => (IReadOnlyDictionary<CaseCategory, int>)byDay
            .Where(x => VietnamTime.StartOfDay(x.Day) >= p.Start && VietnamTime.StartOfDay(x.Day) < p.End)
            .GroupBy(x => x.Category).ToDictionary(g => g.Key, g => g.Sum(x => x.Cases))).ToList();

        // The rows: the root's direct cases, then one per child of the root, visible or not (an
        // officer sees the children of their unit with nothing counted).
        var subtree = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(root.Path)).Select(u => new { u.Path, u.Name }).ToListAsync(cancellationToken);
        var children = subtree.Where(u => u.Path.Length > depth && u.Path.IndexOf('/', depth) == u.Path.Length - 1).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        var groups = children.Select(c => (Path: c.Path, Name: c.Name)).Prepend((Path: root.Path, Name: root.Name + (children.Count > 0 ? " (trực tiếp)" : ""))).ToList();

        FigureRow Figures(string name, Func<(string Row, CaseCategory Category), bool> include)
        {
            var keys = counts.Keys.Where(include).ToList();
            var late = live.Where(kv => include(kv.Key)).Select(kv => kv.Value).ToList();
            return new FigureRow(name,
                keys.Sum(k => counts[k].Cases), keys.Sum(k => counts[k].Answered), Median(histogram, DurationMeasure.FirstReply, include),
                keys.Sum(k => counts[k].Closed), Median(histogram, DurationMeasure.Handling, include),
                keys.Sum(k => counts[k].MissedFirstReply) + late.Sum(l => l.MissedFirstReply), keys.Sum(k => counts[k].MissedHandling) + late.Sum(l => l.MissedHandling), late.Sum(l => l.Late));
        }

        var byUnit = groups.Select(g => Figures(g.Name, k => k.Row == g.Path))
            .Where((row, i) => i > 0 || row.Cases > 0 || children.Count == 0).ToList();
        var byCategory = Enum.GetValues<CaseCategory>().Where(c => filter.Category is null || filter.Category == c)
            .Select(c => (c, Figures(c.Vi(), k => k.Category == c))).ToList();
        return new StatisticsReport(root, filter, grain, periods, countsByPeriod, byUnit, byCategory, Figures("Tổng cộng", _ => true), now, freshAt);
    }

    /// <summary>Cuts the period into days, weeks (from Monday) or months, each starting at a Vietnam midnight.</summary>
    public static (PeriodGrain Grain, List<Period> Periods) Periods(DateOnly from, DateOnly to)
    {
        var days = to.DayNumber - from.DayNumber + 1;
        var grain = days <= 31 ? PeriodGrain.Day : days <= 184 ? PeriodGrain.Week : PeriodGrain.Month;
        var starts = new List<DateOnly> { from };
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (grain == PeriodGrain.Day || (grain == PeriodGrain.Week && d.DayOfWeek == DayOfWeek.Monday) || (grain == PeriodGrain.Month && d.Day == 1))
            {
                starts.Add(d);
            }
        }

        var periods = starts.Select((s, i) => new Period(
            grain switch
            {
                PeriodGrain.Day => s.ToString("dd/MM", CultureInfo.InvariantCulture),
                PeriodGrain.Week => "Tuần " + s.ToString("dd/MM", CultureInfo.InvariantCulture),
                _ => s.ToString("MM/yyyy", CultureInfo.InvariantCulture),
            },
            VietnamTime.StartOfDay(s),
            VietnamTime.StartOfDay(i + 1 < starts.Count ? starts[i + 1] : to.AddDays(1)))).ToList();
        return (grain, periods);
    }

    /// <summary><c>c => new LiveCase { UnitId, Category, MissedFirstReply = c.FirstResponseAt == null &amp;&amp; MissedFirstReply(now), MissedHandling = MissedHandling(now) }</c>:
    /// <see cref="DeadlineRules"/>' own rules inlined, so the database evaluates them per case.</summary>
    private static Expression<Func<CitizenCase, LiveCase>> LiveMisses(DateTimeOffset now)
    {
        var c = Expression.Parameter(typeof(CitizenCase), "c");
        Expression Rule(Expression<Func<CitizenCase, bool>> rule) => new Rebind(rule.Parameters[0], c).Visit(rule.Body);
        var noReply = Expression.Equal(Expression.Property(c, nameof(CitizenCase.FirstResponseAt)), Expression.Constant(null, typeof(DateTimeOffset?)));
        return Expression.Lambda<Func<CitizenCase, LiveCase>>(
            Expression.MemberInit(
                Expression.New(typeof(LiveCase)),
                Expression.Bind(typeof(LiveCase).GetProperty(nameof(LiveCase.UnitId))!, Expression.Property(c, nameof(CitizenCase.UnitId))),
                Expression.Bind(typeof(LiveCase).GetProperty(nameof(LiveCase.Category))!, Expression.Property(c, nameof(CitizenCase.Category))),
                Expression.Bind(typeof(LiveCase).GetProperty(nameof(LiveCase.MissedFirstReply))!, Expression.AndAlso(noReply, Rule(DeadlineRules.MissedFirstReply(now)))),
                Expression.Bind(typeof(LiveCase).GetProperty(nameof(LiveCase.MissedHandling))!, Rule(DeadlineRules.MissedHandling(now)))),
            c);
    }

    /// <summary>The median of the histogram rows <paramref name="include"/> selects, interpolated within its bucket.</summary>
    private static TimeSpan? Median(List<(string Row, CaseCategory Category, DurationMeasure Measure, int Bucket, int Count)> histogram, DurationMeasure measure, Func<(string Row, CaseCategory Category), bool> include)
    {
        var buckets = new long[DurationEdges.Count + 1];
        foreach (var h in histogram.Where(h => h.Measure == measure && include((h.Row, h.Category))))
        {
            buckets[h.Bucket] += h.Count;
        }

        var total = buckets.Sum();
        if (total == 0)
        {
            return null;
        }

        var half = total / 2.0;
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (buckets[i] > 0 && seen + buckets[i] >= half)
            {
                double low = i == 0 ? 0 : DurationEdges[i - 1];
                double high = i < DurationEdges.Count ? DurationEdges[i] : low;
                return TimeSpan.FromSeconds(low + ((half - seen) / buckets[i] * (high - low)));
            }

            seen += buckets[i];
        }

        return null;
    }

    /// <summary>An open, late case and the deadlines it misses now.</summary>
    private sealed class LiveCase
    {
        public int UnitId { get; init; }

        public CaseCategory Category { get; init; }

        public bool MissedFirstReply { get; init; }

        public bool MissedHandling { get; init; }
    }

    /// <summary>Puts another expression where a rule's parameter was.</summary>
    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>A counted unit and the path of the row of the page it is summed into.</summary>
    private sealed class ShownUnit
    {
        public int Id { get; init; }

        public string Row { get; init; } = "";
    }

    /// <summary><c>CASE WHEN value &lt; edge0 THEN 0 WHEN value &lt; edge1 THEN 1 … ELSE n END</c>: a bucket the
    /// database computes, so grouping by it aggregates there.</summary>
    internal static Expression BucketOf<T>(Expression value, IReadOnlyList<T> edges)
    {
        Expression bucket = Expression.Constant(edges.Count);
        for (var i = edges.Count - 1; i >= 0; i--)
        {
            bucket = Expression.Condition(Expression.LessThan(value, Expression.Constant(edges[i], typeof(T))), Expression.Constant(i), bucket);
        }

        return bucket;
    }
}

/// <summary>Audit action codes of statistics and exports.</summary>
public static class StatisticsAuditActions
{
    /// <summary>The filtered case list was exported to Excel.</summary>
    public const string CasesExported = "export.cases";

    /// <summary>The figures were exported to Excel.</summary>
    public const string FiguresExported = "export.figures";

    /// <summary>Vietnamese name of one of these codes, or null.</summary>
    public static string? AuditVi(string action) => action switch
    {
        CasesExported => "Xuất danh sách hồ sơ (Excel)",
        FiguresExported => "Xuất số liệu thống kê (Excel)",
        _ => null,
    };
}
