using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Live;

/// <summary>
/// Appends a <see cref="DeskChange"/> for every case whose row or messages a save adds or modifies,
/// whoever saves (intake, an echo, a receipt, the outbox, a page handler, a future feature), in the
/// same transaction as the change; then wakes this instance's <see cref="DeskChangeFeed"/> once the
/// change is committed. Bulk updates (<c>ExecuteUpdate</c>) bypass it and are not live.
/// </summary>
public sealed class DeskChangeRecorder(DeskChangeFeed feed, TimeProvider time) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <inheritdoc />
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData);
        return result;
    }

    /// <inheritdoc />
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeIfCommitted(eventData);
        return result;
    }

    /// <inheritdoc />
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeIfCommitted(eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => feed.Wake();

    /// <inheritdoc />
    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        feed.Wake();
        return Task.CompletedTask;
    }

    private void Record(DbContextEventData eventData)
    {
        if (eventData.Context is not DeskDbContext db)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        // Per case: a new case is known by its entity (no id yet), an existing one by its id.
        var changes = new Dictionary<object, DeskChange>();
        var now = time.GetUtcNow();
        void Touch(CitizenCase? entity, int caseId, bool report)
        {
            var isNew = entity is not null && db.Entry(entity).State == EntityState.Added;
            object key = isNew ? entity! : caseId;
            if (!isNew && caseId <= 0)
            {
                return;
            }

            if (!changes.TryGetValue(key, out var change))
            {
                change = isNew ? new DeskChange { Case = entity, At = now } : new DeskChange { CaseId = caseId, At = now };
                changes.Add(key, change);
            }

            if (report)
            {
                change.Kind = DeskChangeKinds.Report;
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<CitizenCase>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            Touch(entry.Entity, entry.Entity.Id, entry.State == EntityState.Added);
        }

        foreach (var entry in db.ChangeTracker.Entries<CaseMessage>().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            var message = entry.Entity;
            var report = entry.State == EntityState.Added && message.Direction == MessageDirection.Inbound;
            Touch(message.Case, message.CaseId, report);
        }

        db.DeskChanges.AddRange(changes.Values);
    }

    private void WakeIfCommitted(SaveChangesCompletedEventData eventData)
    {
        // Inside an explicit transaction the rows are not visible yet: TransactionCommitted wakes.
        if (eventData.Context is DeskDbContext db && db.Database.CurrentTransaction is null && db.ChangeTracker.Entries<DeskChange>().Any())
        {
            feed.Wake();
        }
    }
}
