using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The statistics as the desk computed them before the daily table (issue 18): every figure
/// straight from the cases of the period. Kept verbatim as the oracle the aggregate must equal on
/// the same data (<see cref="StatisticsAggregateTests"/>).
/// </summary>
internal sealed class LiveStatisticsOracle(DeskDbContext db, CaseAccess access, TimeProvider time)
{
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
        var (from, to) = (VietnamTime.StartOfDay(filter.From), VietnamTime.StartOfDay(filter.To.AddDays(1)));
        var cases = access.HandledCases(user).Where(c => c.Unit.Path.StartsWith(root.Path) && c.CreatedAt >= from && c.CreatedAt < to);
        if (filter.Category is { } category)
        {
            cases = cases.Where(c => c.Category == category);
        }

        var counts = (await cases.GroupBy(c => new { c.UnitId, c.Category })
            .Select(g => new { g.Key.UnitId, g.Key.Category, Cases = g.Count(), Answered = g.Count(c => c.FirstReplySeconds != null), Closed = g.Count(c => c.HandlingSeconds != null) })
            .ToListAsync(cancellationToken)).ToDictionary(x => (x.UnitId, x.Category));
        var missedFirst = await CountAsync(cases.Where(DeadlineRules.MissedFirstReply(now)), cancellationToken);
        var missedHandling = await CountAsync(cases.Where(DeadlineRules.MissedHandling(now)), cancellationToken);
        var lateNow = await CountAsync(cases.Where(DeadlineRules.IsLate(now)), cancellationToken);
        var firstReply = await HistogramAsync(cases.Where(c => c.FirstReplySeconds != null), c => c.FirstReplySeconds, cancellationToken);
        var handling = await HistogramAsync(cases.Where(c => c.HandlingSeconds != null), c => c.HandlingSeconds, cancellationToken);

        var (grain, periods) = CaseStatistics.Periods(filter.From, filter.To);
        var byPeriod = await cases.Select(Keyed(c => c.CreatedAt, periods.Skip(1).Select(p => p.Start).ToList()))
            .GroupBy(k => new { k.Bucket, k.Category })
            .Select(g => new { g.Key.Bucket, g.Key.Category, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var countsByPeriod = periods.Select((_, i) => (IReadOnlyDictionary<CaseCategory, int>)byPeriod.Where(x => x.Bucket == i).ToDictionary(x => x.Category, x => x.Count)).ToList();

        // Each case's unit rolls up to the root's child above it (or to the root itself).
        var subtree = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(root.Path)).Select(u => new { u.Id, u.Path, u.Name }).ToListAsync(cancellationToken);
        var children = subtree.Where(u => u.Path.Length > root.Path.Length && u.Path.IndexOf('/', root.Path.Length) == u.Path.Length - 1).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        var groupOf = subtree.ToDictionary(u => u.Id, u => u.Id == root.Id ? root.Path : root.Path + u.Path[root.Path.Length..u.Path.IndexOf('/', root.Path.Length)] + "/");
        var groups = children.Select(c => (Path: c.Path, Name: c.Name)).Prepend((Path: root.Path, Name: root.Name + (children.Count > 0 ? " (trực tiếp)" : ""))).ToList();

        FigureRow Figures(string name, Func<(int UnitId, CaseCategory Category), bool> include)
        {
            var keys = counts.Keys.Where(include).ToList();
            int Sum(Dictionary<(int, CaseCategory), int> source) => source.Where(kv => include(kv.Key)).Sum(kv => kv.Value);
            return new FigureRow(name,
                keys.Sum(k => counts[k].Cases), keys.Sum(k => counts[k].Answered), Median(firstReply, include),
                keys.Sum(k => counts[k].Closed), Median(handling, include),
                Sum(missedFirst), Sum(missedHandling), Sum(lateNow));
        }

        var byUnit = groups.Select(g => Figures(g.Name, k => groupOf.TryGetValue(k.UnitId, out var p) && p == g.Path))
            .Where((row, i) => i > 0 || row.Cases > 0 || children.Count == 0).ToList();
        var byCategory = Enum.GetValues<CaseCategory>().Where(c => filter.Category is null || filter.Category == c)
            .Select(c => (c, Figures(c.Vi(), k => k.Category == c))).ToList();
        return new StatisticsReport(root, filter, grain, periods, countsByPeriod, byUnit, byCategory, Figures("Tổng cộng", _ => true), now, null);
    }

    /// <summary>Asserts that <paramref name="aggregate"/> shows exactly the oracle's figures: every row, field, total and period.</summary>
    public static void AssertSameFigures(StatisticsReport? live, StatisticsReport? aggregate)
    {
        Assert.NotNull(live);
        Assert.NotNull(aggregate);
        Assert.Equal(live.Root.Id, aggregate.Root.Id);
        Assert.Equal(live.ByUnit, aggregate.ByUnit);
        Assert.Equal(live.ByCategory, aggregate.ByCategory);
        Assert.Equal(live.Total, aggregate.Total);
        Assert.Equal(live.Periods, aggregate.Periods);
        Assert.Equal(
            live.CountsByPeriod.Select(p => p.OrderBy(kv => kv.Key).ToList()),
            aggregate.CountsByPeriod.Select(p => p.OrderBy(kv => kv.Key).ToList()));
    }

    private static async Task<Dictionary<(int, CaseCategory), int>> CountAsync(IQueryable<CitizenCase> cases, CancellationToken ct) =>
        (await cases.GroupBy(c => new { c.UnitId, c.Category }).Select(g => new { g.Key.UnitId, g.Key.Category, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => (x.UnitId, x.Category), x => x.Count);

    private static async Task<List<(int UnitId, CaseCategory Category, int Bucket, int Count)>> HistogramAsync(
        IQueryable<CitizenCase> cases, Expression<Func<CitizenCase, int?>> seconds, CancellationToken ct) =>
        [.. (await cases.Select(Keyed(seconds, CaseStatistics.DurationEdges.Select(e => (int?)e).ToList()))
            .GroupBy(k => new { k.UnitId, k.Category, k.Bucket })
            .Select(g => new { g.Key.UnitId, g.Key.Category, g.Key.Bucket, Count = g.Count() })
            .ToListAsync(ct)).Select(x => (x.UnitId, x.Category, x.Bucket, x.Count))];

    /// <summary>The median of the histogram rows <paramref name="include"/> selects, interpolated within its bucket.</summary>
    private static TimeSpan? Median(List<(int UnitId, CaseCategory Category, int Bucket, int Count)> histogram, Func<(int UnitId, CaseCategory Category), bool> include)
    {
        var buckets = new long[CaseStatistics.DurationEdges.Count + 1];
        foreach (var h in histogram.Where(h => include((h.UnitId, h.Category))))
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
                double low = i == 0 ? 0 : CaseStatistics.DurationEdges[i - 1];
                double high = i < CaseStatistics.DurationEdges.Count ? CaseStatistics.DurationEdges[i] : low;
                return TimeSpan.FromSeconds(low + ((half - seen) / buckets[i] * (high - low)));
            }

            seen += buckets[i];
        }

        return null;
    }

    /// <summary><c>c => new KeyedBucket { UnitId, Category, Bucket = CASE WHEN value &lt; edge0 THEN 0 WHEN … ELSE n END }</c>:
    /// the bucket is computed by the database, so grouping by it aggregates there.</summary>
    private static Expression<Func<CitizenCase, KeyedBucket>> Keyed<T>(Expression<Func<CitizenCase, T>> value, IReadOnlyList<T> edges)
    {
        var c = value.Parameters[0];
        Expression bucket = Expression.Constant(edges.Count);
        for (var i = edges.Count - 1; i >= 0; i--)
        {
            bucket = Expression.Condition(Expression.LessThan(value.Body, Expression.Constant(edges[i], typeof(T))), Expression.Constant(i), bucket);
        }

        return Expression.Lambda<Func<CitizenCase, KeyedBucket>>(
            Expression.MemberInit(
                Expression.New(typeof(KeyedBucket)),
                Expression.Bind(typeof(KeyedBucket).GetProperty(nameof(KeyedBucket.UnitId))!, Expression.Property(c, nameof(CitizenCase.UnitId))),
                Expression.Bind(typeof(KeyedBucket).GetProperty(nameof(KeyedBucket.Category))!, Expression.Property(c, nameof(CitizenCase.Category))),
                Expression.Bind(typeof(KeyedBucket).GetProperty(nameof(KeyedBucket.Bucket))!, bucket)),
            c);
    }

    private sealed class KeyedBucket
    {
        public int UnitId { get; init; }

        public CaseCategory Category { get; init; }

        public int Bucket { get; init; }
    }
}

