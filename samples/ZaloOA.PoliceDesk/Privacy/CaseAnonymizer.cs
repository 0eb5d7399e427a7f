using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Privacy;

/// <summary>What erasing cases removed (or, in a dry run, would remove).</summary>
public sealed record ErasureCounts(int Cases, int Messages, int MediaFiles, int Notes)
{
    /// <summary>Nothing.</summary>
    public static readonly ErasureCounts None = new(0, 0, 0, 0);

    /// <summary>The sum of two counts.</summary>
    public ErasureCounts Add(ErasureCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Cases + other.Cases, Messages + other.Messages, MediaFiles + other.MediaFiles, Notes + other.Notes);
    }

    /// <summary>In words, for the audit log and the page.</summary>
    public override string ToString() => $"{Cases} hồ sơ, {Messages} tin nhắn, {MediaFiles} tệp, {Notes} ghi chú";
}

/// <summary>
/// Erases the citizen's personal data from cases, the one path for retention and for a citizen's
/// request: stored media files are deleted first, then, in one transaction, every message's text,
/// link and location, the media rows' sources and names, the internal notes, the unsent outbox
/// texts, the case's summary and Zalo user id, and the citizen's profile (<c>Citizens/Citizen</c>) once
/// their last case is erased. What remains (case number, unit, category, status,
/// dates, who handled it) keeps the statistics and the audit trail. Running it again is harmless.
/// </summary>
public sealed class CaseAnonymizer(DeskDbContext db, MediaStorage storage, TimeProvider time)
{
    /// <summary>The Vietnamese note the erased messages leave in the outbox's error column.</summary>
    public const string ErasedNote = "Đã xóa dữ liệu cá nhân.";

    /// <summary>What erasing <paramref name="cases"/> would remove, changing nothing (the dry run).</summary>
    public async Task<ErasureCounts> CountAsync(IQueryable<CitizenCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var ids = cases.Select(c => c.Id);
        return new ErasureCounts(
            await cases.CountAsync(cancellationToken),
            await db.Messages.CountAsync(m => ids.Contains(m.CaseId), cancellationToken),
            await db.Media.CountAsync(m => ids.Contains(m.CaseId) && m.Status != MediaStatus.Purged, cancellationToken),
            await db.Notes.CountAsync(n => ids.Contains(n.CaseId), cancellationToken));
    }

    /// <summary>Erases the cases' personal data. <paramref name="record"/> adds the audit entries
    /// (it sees the cases after the change), committed in the same transaction. An open case is closed.</summary>
    public async Task<ErasureCounts> EraseAsync(IReadOnlyCollection<int> caseIds, Action<IReadOnlyList<CitizenCase>, ErasureCounts> record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        ArgumentNullException.ThrowIfNull(record);
        if (caseIds.Count == 0)
        {
            return ErasureCounts.None;
        }

        // Files first: if the database step fails, the cases are still due and the next run finishes them.
        var files = await db.Media.AsNoTracking()
            .Where(m => caseIds.Contains(m.CaseId) && m.StoredPath != null)
            .Select(m => new { m.CaseId, m.StoredPath })
            .ToListAsync(cancellationToken);
        foreach (var group in files.GroupBy(f => f.CaseId))
        {
            storage.DeleteCaseFiles(group.Key, group.Select(f => f.StoredPath!));
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var messages = await db.Messages.Where(m => caseIds.Contains(m.CaseId)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Text, (string?)null)
            .SetProperty(m => m.SearchText, (string?)null)
            .SetProperty(m => m.LinkUrl, (string?)null)
            .SetProperty(m => m.Latitude, (double?)null)
            .SetProperty(m => m.Longitude, (double?)null), cancellationToken);
        var media = await db.Media.Where(m => caseIds.Contains(m.CaseId) && m.Status != MediaStatus.Purged).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SourceUrl, (string?)null)
            .SetProperty(m => m.FileName, (string?)null)
            .SetProperty(m => m.StoredPath, (string?)null)
            .SetProperty(m => m.Status, MediaStatus.Purged), cancellationToken);
        var notes = await db.Notes.Where(n => caseIds.Contains(n.CaseId)).ExecuteDeleteAsync(cancellationToken);
        // Officers' free text about the case (a transfer's reason) may name the citizen; the hand-overs themselves stay.
        await db.Transfers.Where(t => caseIds.Contains(t.CaseId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Reason, (string?)null), cancellationToken);
        var cases = await db.Cases.Where(c => caseIds.Contains(c.Id)).ToListAsync(cancellationToken);
        // The outbox: the cases' messages, and the menu answers (outside any case) to the same citizens.
        foreach (var citizen in cases.Select(c => (c.OaId, c.CitizenUserId)).Distinct())
        {
            var rows = db.Outbox.Where(o => (o.CaseId != null && caseIds.Contains(o.CaseId.Value))
                || (o.CaseId == null && o.OaId == citizen.OaId && o.CitizenUserId == citizen.CitizenUserId));
            await rows.Where(o => o.Status == DeliveryStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, DeliveryStatus.Failed)
                .SetProperty(o => o.LastError, ErasedNote), cancellationToken);
            await rows.ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Content, "")
                .SetProperty(o => o.FallbackContent, (string?)null)
                .SetProperty(o => o.CitizenUserId, ""), cancellationToken);
        }

        // The citizen's profile (Zalo name and avatar, shared phone, name and address) goes with
        // their last case that still holds personal data.
        foreach (var citizen in cases.Select(c => (c.OaId, c.CitizenUserId)).Distinct())
        {
            var keeps = await db.Cases.AnyAsync(c => c.OaId == citizen.OaId && c.CitizenUserId == citizen.CitizenUserId && c.AnonymizedAt == null && !caseIds.Contains(c.Id), cancellationToken);
            if (!keeps)
            {
                await db.Citizens.Where(z => z.OaId == citizen.OaId && z.UserId == citizen.CitizenUserId).ExecuteDeleteAsync(cancellationToken);
            }
        }

        foreach (var @case in cases)
        {
            if (@case.ClosedAt is null)
            {
                @case.Status = CaseStatus.Resolved;
                @case.ClosedAt = now;
            }

            @case.CitizenUserId = "erased-" + @case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            @case.Summary = null;
            @case.SearchText = null;
            @case.StatusReason = null;
            @case.AnonymizedAt = now;
        }

        var counts = new ErasureCounts(cases.Count, messages, media, notes);
        record(cases, counts);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }
}
