using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>
/// Queues messages to citizens: every message the desk sends (acknowledgements, menu answers,
/// officers' replies) is a row here first, and <see cref="OutboxWorker"/> sends it. Adding a row
/// never calls Zalo, so a webhook or a page answers at once whether or not Zalo is reachable.
/// </summary>
public sealed class CitizenOutbox(DeskDbContext db, TimeProvider time, OutboxWorkSignal signal, DeliveryFeed feed)
{
    /// <summary>
    /// Adds a row to the context; the caller's <c>SaveChanges</c> commits it together with the
    /// conversation row (<paramref name="caseMessage"/>, already saved so it has an id), then calls
    /// <see cref="Queued"/>.
    /// </summary>
    public OutboxMessage Add(string oaId, string citizenUserId, OutboundContent content, CaseMessage? caseMessage = null, OutboundContent? fallback = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(citizenUserId);
        ArgumentNullException.ThrowIfNull(content);
        var now = time.GetUtcNow();
        var row = new OutboxMessage
        {
            CaseId = caseMessage?.CaseId,
            CaseMessageId = caseMessage?.Id,
            OaId = oaId,
            CitizenUserId = citizenUserId,
            Content = content.ToJson(),
            FallbackContent = fallback?.ToJson(),
            Status = DeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
        db.Outbox.Add(row);
        return row;
    }

    /// <summary>Queues menu answers (outside any case), in order, commits them and wakes the sender.
    /// Nothing is queued for a blocked citizen (automatic answers are held back).</summary>
    public async Task QueueAsync(string oaId, string citizenUserId, IEnumerable<ZaloMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (await IsBlockedAsync(oaId, citizenUserId, cancellationToken))
        {
            return;
        }

        var rows = messages.Select(m => Add(oaId, citizenUserId, OutboundContent.From(m))).ToList();
        await db.SaveChangesAsync(cancellationToken);
        Queued(rows);
    }

    /// <summary>Queues one menu answer with the message to send instead if Zalo refuses its template
    /// with -201 (see <see cref="OutboxMessage.FallbackContent"/>), commits it and wakes the sender.
    /// Nothing is queued for a blocked citizen.</summary>
    public async Task QueueAsync(string oaId, string citizenUserId, ZaloMessage message, ZaloMessage? fallback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await IsBlockedAsync(oaId, citizenUserId, cancellationToken))
        {
            return;
        }

        var row = Add(oaId, citizenUserId, OutboundContent.From(message), fallback: fallback is null ? null : OutboundContent.From(fallback));
        await db.SaveChangesAsync(cancellationToken);
        Queued([row]);
    }

    // Menu answers are the desk's automatic answers; a blocked citizen (spam) gets none.
    private Task<bool> IsBlockedAsync(string oaId, string citizenUserId, CancellationToken cancellationToken) =>
        db.Citizens.AnyAsync(c => c.OaId == oaId && c.UserId == citizenUserId && c.BlockedAt != null, cancellationToken);

    /// <summary>After the commit: wakes the sender and tells subscribers the rows wait to be sent.</summary>
    public void Queued(IEnumerable<OutboxMessage> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            feed.Publish(new DeliveryChange(row.Id, row.CaseId, row.CaseMessageId, row.Status, row.LastError, null));
        }

        signal.Notify();
    }
}
