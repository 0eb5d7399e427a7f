using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Statistics;

/// <summary>
/// Keeps <see cref="CaseDayFigures"/> and <see cref="CaseDayDuration"/> true: each pass takes the
/// builder's lease on <see cref="StatisticsState"/> (so one instance builds at a time, however many
/// run), reads the queued <see cref="StatisticsDayChange"/> rows, rebuilds those whole days from the
/// cases (one GROUP BY per figure over <c>IX_Cases_Period</c>, a day's old rows replaced in one short
/// transaction) and moves <see cref="StatisticsState.FreshAt"/> to the pass's start once nothing
/// older is queued. Rebuilding a whole day, not adjusting counters, means a transfer, a reopened
/// case or a changed field can never leave a figure off by one.
/// </summary>
public sealed class StatisticsAggregator(DeskDbContext db, TimeProvider time)
{
    /// <summary>How long a pass holds the builder's lease; a pass that dies frees it after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The most days one pass rebuilds (the rest in the next pass, at once).</summary>
    public const int DaysPerPass = 31;

    // Per process: a lease names the instance holding it.
    private static readonly Guid Instance = Guid.NewGuid();

    /// <summary>One pass; returns the days rebuilt (0: nothing queued, or another instance holds the lease).</summary>
    public async Task<int> UpdateAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = time.GetUtcNow();
        var claimed = await db.StatisticsStates
            .Where(s => s.Id == StatisticsState.SingleId && (s.LeaseUntil == null || s.LeaseUntil < startedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, Instance).SetProperty(x => x.LeaseUntil, startedAt + Lease), cancellationToken);
        if (claimed == 0)
        {
            return 0;
        }

        try
        {
            await InitializeAsync(cancellationToken);
            var days = await db.StatisticsDayChanges.Select(m => m.Day).Distinct().OrderBy(d => d).Take(DaysPerPass + 1).ToListAsync(cancellationToken);
            var rebuild = days.Take(DaysPerPass).ToList();
            var marks = await db.StatisticsDayChanges.Where(m => rebuild.Contains(m.Day)).Select(m => m.Id).ToListAsync(cancellationToken);
            foreach (var run in Runs(rebuild))
            {
                await RebuildAsync(run.First, run.Last, cancellationToken);
            }

            await db.StatisticsDayChanges.Where(m => marks.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            if (days.Count <= DaysPerPass)
            {
                // Every change committed before the pass started was queued before we read the queue.
                await db.StatisticsStates.Where(s => s.Id == StatisticsState.SingleId)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.FreshAt, startedAt), cancellationToken);
            }

            return rebuild.Count;
        }
        finally
        {
            await db.StatisticsStates.Where(s => s.Id == StatisticsState.SingleId && s.LeaseOwner == Instance)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseOwner, (Guid?)null).SetProperty(x => x.LeaseUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
    }

    /// <summary>Passes until nothing is queued (the data generator, tests); returns the days rebuilt.</summary>
    public async Task<int> UpdateAllAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int days;
        while ((days = await UpdateAsync(cancellationToken)) > 0)
        {
            total += days;
        }

        return total;
    }

    /// <summary>Queues every day that has cases, once: the cases saved before the table existed
    /// (an upgrade, or rows written past the desk such as the data generator's).</summary>
    private async Task InitializeAsync(CancellationToken ct)
    {
        if (await db.StatisticsStates.AnyAsync(s => s.Id == StatisticsState.SingleId && s.Initialized, ct))
        {
            return;
        }

        var first = await db.Cases.MinAsync(c => (DateTimeOffset?)c.CreatedAt, ct);
        var last = await db.Cases.MaxAsync(c => (DateTimeOffset?)c.CreatedAt, ct);
        if (first is { } f && last is { } l)
        {
            for (var day = VietnamTime.DateOf(f); day <= VietnamTime.DateOf(l); day = day.AddDays(1))
            {
                db.StatisticsDayChanges.Add(new StatisticsDayChange { Day = day });
            }
        }

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await db.StatisticsStates.Where(s => s.Id == StatisticsState.SingleId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Initialized, true), ct);
    }

    /// <summary>Consecutive days, at most <see cref="DaysPerPass"/> each (one query set per run).</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(List<DateOnly> days)
    {
        for (var i = 0; i < days.Count;)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j].AddDays(1))
            {
                j++;
            }

            yield return (days[i], days[j]);
            i = j + 1;
        }
    }

    private async Task RebuildAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        var (from, to) = (VietnamTime.StartOfDay(first), VietnamTime.StartOfDay(last.AddDays(1)));
        var dayStarts = Enumerable.Range(1, last.DayNumber - first.DayNumber).Select(i => VietnamTime.StartOfDay(first.AddDays(i))).ToList();
        var cases = db.Cases.Where(c => c.CreatedAt >= from && c.CreatedAt < to);
        // Settled misses only: with a reply or a closing stamped the rule no longer reads "now" (any
        // instant will do); an open case's miss depends on now and is counted live by CaseStatistics.
        var received = await CountAsync(cases, dayStarts, null, ct);
        var missedFirst = await CountAsync(cases.Where(c => c.FirstResponseAt != null || c.ClosedAt != null).Where(DeadlineRules.MissedFirstReply(to)), dayStarts, null, ct);
        var missedHandling = await CountAsync(cases.Where(c => c.ClosedAt != null).Where(DeadlineRules.MissedHandling(to)), dayStarts, null, ct);
        var firstReply = await CountAsync(cases.Where(c => c.FirstReplySeconds != null), dayStarts, c => c.FirstReplySeconds, ct);
        var handling = await CountAsync(cases.Where(c => c.HandlingSeconds != null), dayStarts, c => c.HandlingSeconds, ct);

        static int Sum(List<Keyed> rows, Keyed key) => rows.Where(r => r.Day == key.Day && r.UnitId == key.UnitId && r.Category == key.Category).Sum(r => r.Count);
        var figures = received.Select(k => new CaseDayFigures
        {
            Day = first.AddDays(k.Day), UnitId = k.UnitId, Category = k.Category, Cases = k.Count,
            Answered = Sum(firstReply, k), Closed = Sum(handling, k), MissedFirstReply = Sum(missedFirst, k), MissedHandling = Sum(missedHandling, k),
        }).ToList();
        var durations = firstReply.Select(k => (k, DurationMeasure.FirstReply)).Concat(handling.Select(k => (k, DurationMeasure.Handling)))
            .Select(x => new CaseDayDuration { Day = first.AddDays(x.k.Day), UnitId = x.k.UnitId, Category = x.k.Category, Measure = x.Item2, Bucket = x.k.Bucket, Count = x.k.Count })
            .ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.CaseDayFigures.Where(f => f.Day >= first && f.Day <= last).ExecuteDeleteAsync(ct);
        await db.CaseDayDurations.Where(f => f.Day >= first && f.Day <= last).ExecuteDeleteAsync(ct);
        db.CaseDayFigures.AddRange(figures);
        db.CaseDayDurations.AddRange(durations);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Cases grouped by day (index from the first day), unit, field and duration bucket, counted by the database.</summary>
    private static async Task<List<Keyed>> CountAsync(IQueryable<CitizenCase> cases, List<DateTimeOffset> dayStarts, Expression<Func<CitizenCase, int?>>? seconds, CancellationToken ct) =>
        await cases.Select(Key(dayStarts, seconds))
            .GroupBy(k => new { k.Day, k.UnitId, k.Category, k.Bucket })
            .Select(g => new Keyed { Day = g.Key.Day, UnitId = g.Key.UnitId, Category = g.Key.Category, Bucket = g.Key.Bucket, Count = g.Count() })
            .ToListAsync(ct);

    /// <summary><c>c => new Keyed { Day = CASE WHEN CreatedAt &lt; day1 THEN 0 … END, UnitId, Category, Bucket = CASE … END }</c>.</summary>
    private static Expression<Func<CitizenCase, Keyed>> Key(List<DateTimeOffset> dayStarts, Expression<Func<CitizenCase, int?>>? seconds)
    {
        var c = seconds?.Parameters[0] ?? Expression.Parameter(typeof(CitizenCase), "c");
        Expression bucket = seconds is null ? Expression.Constant(0) : CaseStatistics.BucketOf(seconds.Body, CaseStatistics.DurationEdges.Select(e => (int?)e).ToList());
        return Expression.Lambda<Func<CitizenCase, Keyed>>(
            Expression.MemberInit(
                Expression.New(typeof(Keyed)),
                Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Day))!, CaseStatistics.BucketOf(Expression.Property(c, nameof(CitizenCase.CreatedAt)), dayStarts)),
                Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.UnitId))!, Expression.Property(c, nameof(CitizenCase.UnitId))),
                Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Category))!, Expression.Property(c, nameof(CitizenCase.Category))),
                Expression.Bind(typeof(Keyed).GetProperty(nameof(Keyed.Bucket))!, bucket)),
            c);
    }

    private sealed class Keyed
    {
        public int Day { get; init; }

        public int UnitId { get; init; }

        public CaseCategory Category { get; init; }

        public int Bucket { get; init; }

        public int Count { get; init; }
    }
}

/// <summary>
/// Queues the Vietnam day of every case whose figures a save changes (a new or deleted case, a
/// reply, a closing or reopening, a transfer, a changed field or deadline), in the same transaction
/// as the change, whoever saves it. Bulk updates (<c>ExecuteUpdate</c>) bypass it; none touches
/// these columns.
/// </summary>
public sealed class StatisticsChangeMarker : SaveChangesInterceptor
{
    private static readonly string[] Counted =
    [
        nameof(CitizenCase.CreatedAt), nameof(CitizenCase.UnitId), nameof(CitizenCase.Category),
        nameof(CitizenCase.FirstResponseAt), nameof(CitizenCase.ClosedAt), nameof(CitizenCase.FirstReplyDueAt),
        nameof(CitizenCase.HandlingDueAt), nameof(CitizenCase.FirstReplySeconds), nameof(CitizenCase.HandlingSeconds),
    ];

    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Mark(eventData?.Context);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Mark(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    private static void Mark(DbContext? context)
    {
        if (context is not DeskDbContext db)
        {
            return;
        }

        var days = new HashSet<DateOnly>();
        foreach (var entry in db.ChangeTracker.Entries<CitizenCase>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && Counted.Any(p => entry.Property(p).IsModified)))
            {
                days.Add(VietnamTime.DateOf(entry.Entity.CreatedAt));
                if (entry.State == EntityState.Modified)
                {
                    days.Add(VietnamTime.DateOf(entry.Property(c => c.CreatedAt).OriginalValue));
                }
            }
        }

        foreach (var day in days)
        {
            db.StatisticsDayChanges.Add(new StatisticsDayChange { Day = day });
        }
    }
}

/// <summary>Never notified: the statistics worker polls (<c>Desk:Workers:PollInterval</c>).</summary>
public sealed class StatisticsWorkSignal : WorkSignal;

/// <summary>Runs <see cref="StatisticsAggregator"/> on every instance with workers on; the lease
/// lets one build at a time. One pass per poll interval: while reports keep arriving today is
/// always queued again, and passing again at once rebuilt today back to back for as long as
/// the reports came (under 50 reports/s that loop took a large share of the machine). Only a
/// backlog (a full pass: the first build after an upgrade) goes on without waiting.</summary>
public sealed class StatisticsWorker(IServiceScopeFactory scopes, IOptions<DeskOptions> options, StatisticsWorkSignal signal, TimeProvider time, ILogger<StatisticsWorker> logger)
    : PollingWorker(options, signal, time, logger)
{
    /// <inheritdoc />
    public override async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rebuilt = await scope.ServiceProvider.GetRequiredService<StatisticsAggregator>().UpdateAsync(cancellationToken);
        return rebuilt >= StatisticsAggregator.DaysPerPass ? rebuilt : 0;
    }
}
