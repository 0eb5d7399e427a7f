using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.PoliceDesk.Operations;

/// <summary>One OA's link health.</summary>
/// <param name="UnitName">The unit the OA answers for.</param>
/// <param name="OaId">The OA.</param>
/// <param name="TokenState">The SDK's token state; null in test mode (no SDK).</param>
/// <param name="AccessTokenValidUntil">When the access token expires, if known.</param>
/// <param name="LastWebhookAt">When a webhook for the OA was last handled.</param>
/// <param name="LastSendErrorAt">When the last failed or retried send happened (its row's latest time).</param>
/// <param name="LastSendError">That failure's code or reason.</param>
/// <param name="OutboxPending">Messages waiting to be sent through the OA.</param>
/// <param name="OutboxRetrying">Of those, how many already failed at least once.</param>
public sealed record OaHealth(
    string UnitName,
    string OaId,
    ZaloTokenState? TokenState,
    DateTimeOffset? AccessTokenValidUntil,
    DateTimeOffset? LastWebhookAt,
    DateTimeOffset? LastSendErrorAt,
    string? LastSendError,
    int OutboxPending,
    int OutboxRetrying);

/// <summary>A durable work queue (the outbox, the media downloads).</summary>
/// <param name="Pending">Rows waiting.</param>
/// <param name="Retrying">Waiting rows that failed at least once.</param>
/// <param name="MaxAttempts">The most attempts any waiting row has had.</param>
/// <param name="OldestPendingAt">When the oldest waiting row was created.</param>
/// <param name="FailedLastDay">Of the rows created in the past 24 hours, how many were given up.</param>
public sealed record QueueHealth(int Pending, int Retrying, int MaxAttempts, DateTimeOffset? OldestPendingAt, int FailedLastDay);

/// <summary>What the operations page and the metrics show.</summary>
public sealed record OperationsSnapshot(IReadOnlyList<OaHealth> Accounts, QueueHealth Outbox, QueueHealth Media, DateTimeOffset TakenAt);

/// <summary>
/// Reads the link health of every OA in a scope and the state of the durable queues. Token state
/// comes from the SDK's public <see cref="IZaloTokenManager.GetStatusAsync"/> (no call to Zalo);
/// queues are aggregated in the database (counts over the status indexes, no row loading).
/// </summary>
public sealed class OperationsOverview(DeskDbContext db, CaseAccess access, TimeProvider time, IServiceProvider services)
{
    /// <summary>For an administrator: the OAs of the units they can see. Null user: every OA (metrics).</summary>
    public async Task<OperationsSnapshot> GetAsync(DeskUser? user, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var units = user is null ? db.Units : access.VisibleUnits(user);
        var linked = await units.AsNoTracking().Where(u => u.ZaloOaId != null).OrderBy(u => u.Path)
            .Select(u => new { u.Name, OaId = u.ZaloOaId! }).ToListAsync(cancellationToken);
        var oaIds = linked.Select(l => l.OaId).ToList();

        var webhooks = await db.ZaloLinkActivity.AsNoTracking().Where(a => oaIds.Contains(a.OaId))
            .ToDictionaryAsync(a => a.OaId, a => a.LastWebhookAt, cancellationToken);
        var pending = await db.Outbox.AsNoTracking().Where(o => o.Status == DeliveryStatus.Pending && oaIds.Contains(o.OaId))
            .GroupBy(o => o.OaId)
            .Select(g => new { OaId = g.Key, Pending = g.Count(), Retrying = g.Count(o => o.Attempts > 0) })
            .ToDictionaryAsync(g => g.OaId, cancellationToken);
        // The OA's newest outbox row with an error; the outbox index on OaId finds it without a scan.
        var lastErrors = new Dictionary<string, (DateTimeOffset At, string Error)>(StringComparer.Ordinal);
        foreach (var oaId in oaIds)
        {
            var row = await db.Outbox.AsNoTracking().Where(o => o.OaId == oaId && o.LastError != null).OrderByDescending(o => o.Id)
                .Select(o => new { o.LastError, o.CompletedAt, o.NextAttemptAt }).FirstOrDefaultAsync(cancellationToken);
            if (row is not null)
            {
                lastErrors[oaId] = (row.CompletedAt ?? row.NextAttemptAt, row.LastError!);
            }
        }

        var tokens = services.GetService<IZaloTokenManager>();
        var accounts = new List<OaHealth>(linked.Count);
        foreach (var l in linked)
        {
            ZaloTokenStatus? status = tokens is null ? null : await tokens.GetStatusAsync(l.OaId, cancellationToken);
            var queue = pending.GetValueOrDefault(l.OaId);
            var error = lastErrors.TryGetValue(l.OaId, out var e) ? e : default((DateTimeOffset At, string Error)?);
            accounts.Add(new OaHealth(l.Name, l.OaId, status?.State, status?.AccessTokenExpiresAt, webhooks.TryGetValue(l.OaId, out var w) ? w : null,
                error?.At, error?.Error, queue?.Pending ?? 0, queue?.Retrying ?? 0));
        }

        var dayAgo = now.AddDays(-1);
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.Status == DeliveryStatus.Pending).GroupBy(_ => 1)
            .Select(g => new { Pending = g.Count(), Retrying = g.Count(o => o.Attempts > 0), MaxAttempts = g.Max(o => o.Attempts), Oldest = g.Min(o => (DateTimeOffset?)o.CreatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var outboxFailed = await db.Outbox.CountAsync(o => o.Status == DeliveryStatus.Failed && o.CreatedAt >= dayAgo, cancellationToken);
        var media = await db.Media.AsNoTracking().Where(m => m.Status == MediaStatus.Pending).GroupBy(_ => 1)
            .Select(g => new { Pending = g.Count(), Retrying = g.Count(m => m.Attempts > 0), MaxAttempts = g.Max(m => m.Attempts), Oldest = g.Min(m => (DateTimeOffset?)m.CreatedAt) })
            .FirstOrDefaultAsync(cancellationToken);
        var mediaFailed = await db.Media.CountAsync(m => m.Status == MediaStatus.Failed && m.CreatedAt >= dayAgo, cancellationToken);

        return new OperationsSnapshot(
            accounts,
            new QueueHealth(outbox?.Pending ?? 0, outbox?.Retrying ?? 0, outbox?.MaxAttempts ?? 0, outbox?.Oldest, outboxFailed),
            new QueueHealth(media?.Pending ?? 0, media?.Retrying ?? 0, media?.MaxAttempts ?? 0, media?.Oldest, mediaFailed),
            now);
    }
}
