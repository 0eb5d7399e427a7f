using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Echoes;

/// <summary>What became of an echo, receipt or reaction.</summary>
public enum ZaloEventOutcome
{
    /// <summary>Recorded on a case's conversation.</summary>
    Recorded,

    /// <summary>The desk's own message, or a redelivery of an event already recorded: nothing changed.</summary>
    Known,

    /// <summary>About a conversation or message the desk does not know: kept as an <see cref="UnmatchedZaloEvent"/>.</summary>
    Unmatched,

    /// <summary>Without an OA, a user or a message id: nothing to record.</summary>
    Unusable,
}

/// <summary>
/// What Zalo reports back about the conversations (issue 19), recorded so the case shows the whole
/// conversation wherever it happened:
/// <list type="bullet">
/// <item>An echo (<c>oa_send_*</c>) of a message an officer sent from Zalo's own tools becomes an
/// outbound message on the citizen's open case (or the most recent), marked
/// <see cref="CaseMessage.FromZaloTools"/>, its media queued for the media worker like a citizen's;
/// it counts as the first reply. The echo of the desk's own send is recognised by the message id
/// stored on the outbox row and the conversation row; when it outruns the outbox worker's record
/// of that id, it is matched to the conversation's one send in flight (rows of a conversation go
/// out one at a time) and stamps the id there.</item>
/// <item>Receipts (<c>user_received_message</c>, <c>user_seen_message</c> with one or several ids)
/// mark the desk's messages received or seen; reactions are kept on the message reacted to.</item>
/// <item>Anything about a conversation or message the desk does not know is kept as an
/// <see cref="UnmatchedZaloEvent"/> (and applied if the message turns up later).</item>
/// </list>
/// Every method is idempotent: Zalo delivers at least once.
/// </summary>
public sealed partial class ZaloEchoes(DeskDbContext db, DeskAudit audit, TimeProvider time, MediaWorkSignal mediaSignal, ILogger<ZaloEchoes> logger)
{
    /// <summary>The audit action of a message recorded from an echo.</summary>
    public const string RepliedFromZaloTools = "reply.from_zalo_tools";

    /// <summary>The audit log's actor name for it.</summary>
    public const string ZaloToolsActor = "Công cụ của Zalo";

    private const int MaxAttempts = 3;

    // A receipt lists at most this many ids that are looked at (Zalo sends a screenful).
    private const int MaxIdsPerEvent = 100;

    /// <summary>Vietnamese name of this feature's audit action, or null.</summary>
    public static string? AuditVi(string action) => action == RepliedFromZaloTools ? "Trả lời từ công cụ của Zalo (OA Manager)" : null;

    /// <summary>Records an <c>oa_send_*</c> echo (see the class summary).</summary>
    public Task<ZaloEventOutcome> RecordEchoAsync(OaSendMessageEvent echo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(echo);
        if (string.IsNullOrWhiteSpace(echo.OaId) || string.IsNullOrWhiteSpace(echo.UserId) || string.IsNullOrWhiteSpace(echo.MessageId))
        {
            return Task.FromResult(ZaloEventOutcome.Unusable);
        }

        return RetryAsync(echo.MessageId, ct => TryRecordEchoAsync(echo, ct), cancellationToken);
    }

    /// <summary>Records <c>user_received_message</c> / <c>user_seen_message</c> on the desk's messages.</summary>
    public Task<ZaloEventOutcome> RecordReceiptAsync(MessageStatusEvent receipt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var ids = receipt.MessageIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Take(MaxIdsPerEvent).ToList();
        if (string.IsNullOrWhiteSpace(receipt.OaId) || string.IsNullOrWhiteSpace(receipt.UserId) || ids.Count == 0)
        {
            return Task.FromResult(ZaloEventOutcome.Unusable);
        }

        var mark = new Mark(receipt.EventName.Value, receipt.OaId, receipt.UserId, At(receipt), null);
        return RetryAsync(ids[0], ct => TryMarkAsync(mark, ids, ct), cancellationToken);
    }

    /// <summary>Records <c>user_reacted_message</c> / <c>oa_reacted_message</c> on the message reacted to.</summary>
    public Task<ZaloEventOutcome> RecordReactionAsync(MessageReactionEvent reaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reaction);
        if (string.IsNullOrWhiteSpace(reaction.OaId) || string.IsNullOrWhiteSpace(reaction.UserId) || string.IsNullOrWhiteSpace(reaction.MessageId))
        {
            return Task.FromResult(ZaloEventOutcome.Unusable);
        }

        var mark = new Mark(reaction.EventName.Value, reaction.OaId, reaction.UserId, At(reaction), Clip(reaction.Message?.ReactIcon, 32));
        return RetryAsync(reaction.MessageId, ct => TryMarkAsync(mark, [reaction.MessageId], ct), cancellationToken);
    }

    private async Task<ZaloEventOutcome> RetryAsync(string messageId, Func<CancellationToken, Task<ZaloEventOutcome>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                var outcome = await attempt(cancellationToken);
                LogOutcome(logger, messageId, outcome);
                return outcome;
            }
            catch (DbUpdateException ex) when (i < MaxAttempts)
            {
                // A concurrent delivery of the same event won a unique index, or the outbox worker
                // recorded the send between our read and write: the next attempt sees their rows.
                LogConflict(logger, messageId, i, ex);
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ZaloEventOutcome> TryRecordEchoAsync(OaSendMessageEvent echo, CancellationToken ct)
    {
        var id = echo.MessageId!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Messages.AnyAsync(m => m.OutboundZaloMessageId == id, ct) || await db.Outbox.AnyAsync(o => o.ZaloMessageId == id, ct))
        {
            return ZaloEventOutcome.Known;
        }

        if (echo.AdminId is null && await InFlightSendAsync(echo, ct) is { } own)
        {
            // The desk's own send, echoed before the worker recorded Zalo's answer.
            own.ZaloMessageId = id;
            if (own.CaseMessageId is { } ownMessageId)
            {
                var message = await db.Messages.SingleAsync(m => m.Id == ownMessageId, ct);
                message.OutboundZaloMessageId = id;
                await ApplyWaitingMarksAsync(message, echo.OaId, echo.UserId, ct);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return ZaloEventOutcome.Known;
        }

        var @case = await db.Cases
            .Where(c => c.OaId == echo.OaId && c.CitizenUserId == echo.UserId)
            .OrderBy(c => c.ClosedAt == null ? 0 : 1).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        var (kind, text, mediaUrl) = Content(echo);
        if (@case is null)
        {
            var kept = await KeepUnmatchedAsync(new Mark(echo.EventName.Value, echo.OaId, echo.UserId, At(echo), Clip(text ?? $"[{kind.Vi()}]", 500)), id, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return kept ? ZaloEventOutcome.Unmatched : ZaloEventOutcome.Known;
        }

        var now = time.GetUtcNow();
        var at = At(echo);
        var echoed = new CaseMessage
        {
            CaseId = @case.Id,
            Direction = MessageDirection.Outbound,
            Kind = kind,
            Text = Clip(text, 4000),
            SearchText = string.IsNullOrWhiteSpace(text) ? null : Clip(VietnameseText.Fold(text).Trim(), 4000),
            At = at,
            Delivery = DeliveryStatus.Sent,
            OutboundZaloMessageId = id,
            FromZaloTools = true,
        };
        db.Messages.Add(echoed);
        if (@case.ClosedAt is null)
        {
            // An answer the citizen got, as the outbox worker counts the desk's own.
            @case.FirstResponseAt ??= at;
            if (@case.Status is CaseStatus.New or CaseStatus.Transferred)
            {
                @case.Status = CaseStatus.InProgress;
            }
        }

        @case.LastActivityAt = now;
        await ApplyWaitingMarksAsync(echoed, @case.OaId, @case.CitizenUserId, ct);
        await db.SaveChangesAsync(ct);
        if (mediaUrl is not null)
        {
            db.Media.Add(new MediaFile
            {
                CaseId = @case.Id,
                MessageId = echoed.Id,
                Kind = kind,
                SourceUrl = Clip(mediaUrl, 2000)!,
                FileName = Clip(echo.FirstPayload?.Name, 260),
                SizeBytes = echo.FirstPayload?.SizeBytes,
                Status = MediaStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        audit.Add(null, ZaloToolsActor, RepliedFromZaloTools, @case.UnitId, @case.Id, echo.AdminId is null ? $"{echo.EventName.Value} (API)" : $"{echo.EventName.Value} (OA Manager)");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (mediaUrl is not null)
        {
            mediaSignal.Notify();
        }

        return ZaloEventOutcome.Recorded;
    }

    // The conversation's send the outbox worker holds right now (at most one: a conversation's rows
    // go out in order), if the echo can be it: same text when both have one.
    private async Task<OutboxMessage?> InFlightSendAsync(OaSendMessageEvent echo, CancellationToken ct)
    {
        var row = await db.Outbox
            .Where(o => o.OaId == echo.OaId && o.CitizenUserId == echo.UserId && o.Status == DeliveryStatus.Pending && o.ClaimToken != null && o.ZaloMessageId == null)
            .OrderBy(o => o.Id)
            .FirstOrDefaultAsync(ct);
        if (row is null || string.IsNullOrWhiteSpace(echo.Text))
        {
            return row;
        }

        var texts = new[] { row.Content, row.FallbackContent }.Where(c => c is not null).Select(c => SafeText(c!));
        return texts.Any(t => string.IsNullOrWhiteSpace(t) || string.Equals(t.Trim(), echo.Text.Trim(), StringComparison.Ordinal)) ? row : null;
    }

    private static string? SafeText(string content)
    {
        try
        {
            return OutboundContent.Parse(content).Text;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<ZaloEventOutcome> TryMarkAsync(Mark mark, IReadOnlyList<string> ids, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Only messages of the conversation the signed event names: an id alone proves nothing.
        var conversation = db.Messages.Where(m => m.Case.OaId == mark.OaId && m.Case.CitizenUserId == mark.UserId);
        var messages = mark.EventName == "oa_reacted_message"
            ? await conversation.Where(m => m.ZaloMsgId != null && ids.Contains(m.ZaloMsgId)).ToListAsync(ct)
            : await conversation.Where(m => m.OutboundZaloMessageId != null && ids.Contains(m.OutboundZaloMessageId)).ToListAsync(ct);
        var changed = messages.Count(m => Apply(m, mark));
        var found = messages.Select(m => m.ZaloMsgId).Concat(messages.Select(m => m.OutboundZaloMessageId)).ToHashSet(StringComparer.Ordinal);
        var missing = ids.Where(id => !found.Contains(id)).ToList();
        // The conversation's menu answers (outside any case) are the desk's own: known, nothing to show.
        var menuAnswers = missing.Count == 0 ? [] : await db.Outbox
            .Where(o => o.CaseId == null && o.OaId == mark.OaId && o.CitizenUserId == mark.UserId && o.ZaloMessageId != null && missing.Contains(o.ZaloMessageId))
            .Select(o => o.ZaloMessageId!).ToListAsync(ct);
        var kept = 0;
        foreach (var id in missing.Except(menuAnswers, StringComparer.Ordinal))
        {
            kept += await KeepUnmatchedAsync(mark, id, ct) ? 1 : 0;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed > 0 ? ZaloEventOutcome.Recorded : kept > 0 ? ZaloEventOutcome.Unmatched : ZaloEventOutcome.Known;
    }

    /// <summary>
    /// Applies the receipts and reactions kept because they arrived before <paramref name="message"/>
    /// had its Zalo id (the citizen's phone can read a reply before the outbox worker records Zalo's
    /// answer), only those signed for the message's own conversation. The caller saves.
    /// </summary>
    public async Task ApplyWaitingMarksAsync(CaseMessage message, string oaId, string citizenUserId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.OutboundZaloMessageId;
        var waiting = await db.UnmatchedZaloEvents
            .Where(u => u.ZaloMsgId == id && u.OaId == oaId && u.CitizenUserId == citizenUserId && u.EventName != "oa_reacted_message" && !u.EventName.StartsWith("oa_send_"))
            .ToListAsync(ct);
        foreach (var row in waiting)
        {
            Apply(message, new Mark(row.EventName, row.OaId, row.CitizenUserId, row.At, row.Detail));
            db.UnmatchedZaloEvents.Remove(row);
        }
    }

    // True when the mark changed the message.
    private static bool Apply(CaseMessage message, Mark mark)
    {
        var before = (message.ReceivedByCitizenAt, message.SeenByCitizenAt, message.CitizenReaction, message.OaReaction);
        switch (mark.EventName)
        {
            case "user_received_message":
                message.ReceivedByCitizenAt ??= mark.At;
                break;
            case "user_seen_message":
                // Read implies delivered.
                message.ReceivedByCitizenAt ??= mark.At;
                message.SeenByCitizenAt ??= mark.At;
                break;
            case "user_reacted_message":
                message.CitizenReaction = string.IsNullOrWhiteSpace(mark.Detail) ? null : mark.Detail;
                break;
            case "oa_reacted_message":
                message.OaReaction = string.IsNullOrWhiteSpace(mark.Detail) ? null : mark.Detail;
                break;
        }

        return before != (message.ReceivedByCitizenAt, message.SeenByCitizenAt, message.CitizenReaction, message.OaReaction);
    }

    // False when the same event about the same message is already kept (a redelivery).
    private async Task<bool> KeepUnmatchedAsync(Mark mark, string messageId, CancellationToken ct)
    {
        if (await db.UnmatchedZaloEvents.AnyAsync(u => u.ZaloMsgId == messageId && u.EventName == mark.EventName, ct))
        {
            return false;
        }

        db.UnmatchedZaloEvents.Add(new UnmatchedZaloEvent
        {
            EventName = Clip(mark.EventName, 64)!,
            OaId = Clip(mark.OaId, 64)!,
            CitizenUserId = Clip(mark.UserId, 64)!,
            ZaloMsgId = Clip(messageId, 128)!,
            Detail = Clip(mark.Detail, 500),
            At = mark.At,
            ReceivedAt = time.GetUtcNow(),
        });
        LogUnmatched(logger, mark.EventName, mark.OaId);
        return true;
    }

    // The message as the case shows it: kind, text, and the media URL to copy.
    private static (MessageKind Kind, string? Text, string? MediaUrl) Content(OaSendMessageEvent echo)
    {
        var attachment = echo.Attachments.Count > 0 ? echo.Attachments[0] : null;
        var payload = attachment?.Payload;
        var text = string.IsNullOrWhiteSpace(echo.Text) ? null : echo.Text;
        var url = string.IsNullOrWhiteSpace(payload?.Url) ? null : payload.Url;
        return attachment?.Type switch
        {
            "image" or "gif" => (MessageKind.Image, text, url),
            "sticker" => (MessageKind.Sticker, text, url),
            "file" => (MessageKind.File, text ?? payload?.Name, url),
            "audio" => (MessageKind.Audio, text, url),
            "video" => (MessageKind.Video, text, url),
            "link" => (MessageKind.Link, text ?? payload?.Title, null),
            null => (MessageKind.Text, text, null),
            // A list or template: its title, or what it is.
            _ => (MessageKind.Text, text ?? payload?.Title ?? "[Tin nhắn dạng danh sách/mẫu]", null),
        };
    }

    private DateTimeOffset At(ZaloWebhookEvent e) => e.Timestamp == default ? time.GetUtcNow() : e.Timestamp.ToUniversalTime();

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private sealed record Mark(string EventName, string OaId, string UserId, DateTimeOffset At, string? Detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zalo event about message {MessageId}: {Outcome}.")]
    private static partial void LogOutcome(ILogger logger, string messageId, ZaloEventOutcome outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Recording the Zalo event about {MessageId} lost a race (attempt {Attempt}); retrying.")]
    private static partial void LogConflict(ILogger logger, string messageId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {EventName} event of OA {OaId} matches no case or message; kept for the Operations page.")]
    private static partial void LogUnmatched(ILogger logger, string eventName, string oaId);
}
