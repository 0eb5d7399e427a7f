using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Deadlines;

/// <summary>
/// Keeps every case's clock columns true whoever saves the case (intake, a reply, a transfer, a
/// status change, a future workflow): on save, a new case gets its first-message time and its
/// deadlines; a change of field or unit re-stamps the deadlines (the province's targets may
/// differ), always counted from the first message, so a transfer does not restart the clock; the
/// first officer reply and the closing record their durations in seconds, which statistics
/// aggregate in the database; the next deadline (<see cref="CitizenCase.NextDueAt"/>) follows every
/// change of reply, status or deadline, for the inbox's "deadline first" order. Targets in force when the case is stamped apply: editing a target
/// changes the deadlines of cases stamped afterwards.
/// </summary>
public sealed class CaseClock(IOptionsMonitor<DeadlineOptions> options) : SaveChangesInterceptor
{
    /// <inheritdoc />
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is DeskDbContext db)
        {
            StampAsync(db, Pending(db), sync: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is DeskDbContext db)
        {
            await StampAsync(db, Pending(db), sync: false, cancellationToken);
        }

        return result;
    }

    /// <summary>The next batch of cases saved before the clock existed, oldest first. Read through
    /// <c>IX_Cases_Unstamped</c>, which holds only those: on a stamped database the look-up reads
    /// an empty index, however many cases there are.</summary>
    public static IQueryable<CitizenCase> Unstamped(DeskDbContext db, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Cases.Where(c => c.FirstMessageAt == null).OrderBy(c => c.Id).Take(batchSize);
    }

    /// <summary>Stamps cases saved before the clock existed (start-up, in batches); returns how many.</summary>
    public async Task<int> BackfillAsync(DeskDbContext db, int batchSize = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = 0;
        while (true)
        {
            var batch = await Unstamped(db, batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return total;
            }

            // Stamped explicitly: the entries are Unchanged, so the save hook would skip them.
            await StampAsync(db, [.. batch.Select(c => db.Entry(c))], sync: false, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
    }

    private static List<EntityEntry<CitizenCase>> Pending(DeskDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        return [.. db.ChangeTracker.Entries<CitizenCase>().Where(e => e.State is EntityState.Added or EntityState.Modified)];
    }

    private async Task StampAsync(DeskDbContext db, List<EntityEntry<CitizenCase>> entries, bool sync, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            var c = entry.Entity;
            var isNew = entry.State == EntityState.Added || c.FirstMessageAt is null;
            if (isNew)
            {
                // The first message's own time when Zalo gave one earlier than its arrival.
                var first = c.LastInboundAt != default && c.LastInboundAt < c.CreatedAt ? c.LastInboundAt : c.CreatedAt;
                entry.Property(x => x.FirstMessageAt).CurrentValue = first;
            }

            if (isNew || entry.Property(x => x.Category).IsModified || entry.Property(x => x.UnitId).IsModified)
            {
                var (firstReply, handling) = await TargetsAsync(db, c, sync, ct);
                entry.Property(x => x.FirstReplyDueAt).CurrentValue = c.FirstMessageAt + firstReply;
                entry.Property(x => x.HandlingDueAt).CurrentValue = c.FirstMessageAt + handling;
            }

            var nextDue = DeadlineRules.NextDue(new CaseDeadlines(c.FirstReplyDueAt, c.HandlingDueAt, c.FirstResponseAt, c.ClosedAt));
            if (c.NextDueAt != nextDue)
            {
                entry.Property(x => x.NextDueAt).CurrentValue = nextDue;
            }

            var firstReplySeconds = Seconds(c.FirstMessageAt, c.FirstResponseAt);
            if (c.FirstReplySeconds != firstReplySeconds)
            {
                entry.Property(x => x.FirstReplySeconds).CurrentValue = firstReplySeconds;
            }

            var handlingSeconds = Seconds(c.FirstMessageAt, c.ClosedAt);
            if (c.HandlingSeconds != handlingSeconds)
            {
                entry.Property(x => x.HandlingSeconds).CurrentValue = handlingSeconds;
            }
        }
    }

    private static int? Seconds(DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } f && to is { } t ? (int)Math.Clamp((t - f).TotalSeconds, 0, int.MaxValue) : null;

    /// <summary>The targets of the case unit's province for the field: the province's row, else configuration.</summary>
    private async Task<(TimeSpan FirstReply, TimeSpan Handling)> TargetsAsync(DeskDbContext db, CitizenCase c, bool sync, CancellationToken ct)
    {
        var (unitId, category) = (c.UnitId, c.Category);
        // The case's unit when the saver has it loaded (intake does): one query fewer per new case.
        string? path;
        if (c.Unit is { } loaded && loaded.Id == unitId)
        {
            path = loaded.Path;
        }
        else
        {
            var unitPath = db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Path);
            path = sync ? unitPath.FirstOrDefault() : await unitPath.FirstOrDefaultAsync(ct);
        }

        var province = DeadlineTargets.ProvincePath(path);
        var query = db.DeadlineTargets.AsNoTracking()
            .Where(t => t.Category == category && db.Units.Any(u => u.Id == t.ProvinceUnitId && u.Path == province))
            .Select(t => new { t.FirstReplyMinutes, t.HandlingMinutes });
        var row = sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(ct);
        return row is null
            ? options.CurrentValue.DefaultFor(category)
            : (TimeSpan.FromMinutes(row.FirstReplyMinutes), TimeSpan.FromMinutes(row.HandlingMinutes));
    }
}
