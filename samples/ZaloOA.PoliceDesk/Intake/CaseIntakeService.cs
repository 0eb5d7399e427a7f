using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.CitizenMenu;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;

namespace ZaloOA.PoliceDesk.Intake;

/// <summary>
/// Records citizens' messages into cases. Called by the webhook for every
/// <c>user_send_*</c> event; safe to call again for a redelivery and from concurrent requests.
/// </summary>
public partial class CaseIntakeService(
    DeskDbContext db,
    DeskAudit audit,
    IOptions<DeskOptions> options,
    TimeProvider time,
    MediaWorkSignal mediaSignal,
    CitizenOutbox outbox,
    CitizenProfiles citizens,
    ILogger<CaseIntakeService> logger)
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>
    /// Stores the message durably (committed before this returns) in the citizen's open case at
    /// the receiving unit, or in a new case with a new number; sets the category by keyword;
    /// queues our own copy of its media and, for a new case, an acknowledgement with the case
    /// number. A message whose <c>msg_id</c> was recorded before changes nothing and returns
    /// <see cref="IntakeOutcome.Duplicate"/>.
    /// </summary>
    public virtual async Task<IntakeResult> RecordInboundAsync(InboundCitizenMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.OaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.CitizenUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MsgId);

        // A new case's number is taken before the transaction, in a statement of its own: taken
        // inside, the row lock on the deployment-wide counter lasted until commit, and every new
        // case of every unit queued behind it (at 50 reports/s two instances piled up connections
        // waiting for it until PostgreSQL refused more). The price: a number taken for a message
        // that then joins a case opened meanwhile is never used (a gap in the numbering).
        string? reservedNumber = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                reservedNumber ??= await ReserveNumberIfNewCaseAsync(message, cancellationToken);
                var (result, acknowledgement) = await TryRecordAsync(message, reservedNumber, cancellationToken);
                if (result.Outcome != IntakeOutcome.Duplicate)
                {
                    if (message.Media.Count > 0)
                    {
                        mediaSignal.Notify();
                    }

                    if (acknowledgement is not null)
                    {
                        outbox.Queued([acknowledgement]);
                    }

                    if (result.Outcome == IntakeOutcome.NewCase)
                    {
                        citizens.ProfileQueued();
                    }

                    LogRecorded(logger, message.MsgId, message.OaId, result.CaseId, result.Outcome);
                }
                else
                {
                    LogDuplicate(logger, message.MsgId, message.OaId);
                }

                return result;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // A concurrent delivery of the same msg_id, or a concurrent first message of the same
                // citizen, won the unique index. Everything of this attempt was rolled back; the next
                // attempt sees the winner's rows and joins them.
                LogConflict(logger, message.MsgId, attempt, ex);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A case number, taken (and committed) now, when the citizen has no open case at the
    /// OA and the message is not a redelivery; else null.</summary>
    private async Task<string?> ReserveNumberIfNewCaseAsync(InboundCitizenMessage m, CancellationToken ct)
    {
        var joinsOrRepeats = await db.Cases.AnyAsync(c => c.OaId == m.OaId && c.CitizenUserId == m.CitizenUserId && c.ClosedAt == null, ct)
            || await db.Messages.AnyAsync(x => x.ZaloMsgId == m.MsgId, ct);
        return joinsOrRepeats ? null : await AllocateNumberAsync(ReceivedAt(m, time.GetUtcNow()), ct);
    }

    private static DateTimeOffset ReceivedAt(InboundCitizenMessage m, DateTimeOffset now) =>
        m.ReceivedAt == default ? now : m.ReceivedAt.ToUniversalTime();

    private async Task<(IntakeResult Result, OutboxMessage? Acknowledgement)> TryRecordAsync(InboundCitizenMessage m, string? reservedNumber, CancellationToken ct)
    {
        // SQLite: BEGIN IMMEDIATE, so concurrent intakes queue on the write lock instead of
        // deadlocking. PostgreSQL: the unique indexes settle races (see the retry above).
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var existing = await db.Messages
            .Where(x => x.ZaloMsgId == m.MsgId)
            .Select(x => new { x.Id, x.CaseId, x.Case.Number })
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            return (new IntakeResult(IntakeOutcome.Duplicate, existing.CaseId, existing.Number, existing.Id), null);
        }

        var now = time.GetUtcNow();
        var receivedAt = ReceivedAt(m, now);
        var category = CaseCategorizer.Categorize(m.Text);

        var @case = await db.Cases
            .Where(c => c.OaId == m.OaId && c.CitizenUserId == m.CitizenUserId && c.ClosedAt == null)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        var outcome = IntakeOutcome.AddedToOpenCase;
        Unit? unit = null;
        Citizen? citizen = null;
        if (@case is null)
        {
            outcome = IntakeOutcome.NewCase;
            unit = await ResolveUnitAsync(m.OaId, ct);
            // First sight of the citizen in a case: their Zalo profile is read later, off this path.
            citizen = await citizens.TrackAsync(m.OaId, m.CitizenUserId, ct);
            @case = new CitizenCase
            {
                // Taken inside only when a case the check before the transaction saw open was closed since.
                Number = reservedNumber ?? await AllocateNumberAsync(receivedAt, ct),
                UnitId = unit.Id,
                OriginUnitId = unit.Id,
                OaId = m.OaId,
                CitizenUserId = m.CitizenUserId,
                Category = category,
                Status = CaseStatus.New,
                CreatedAt = now,
                LastActivityAt = now,
                LastInboundAt = receivedAt,
                Summary = Summarise(m),
            };
            db.Cases.Add(@case);
        }
        else
        {
            @case.LastActivityAt = now;
            @case.Status = Cases.CaseWorkflow.AfterCitizenMessage(@case.Status);
            if (receivedAt > @case.LastInboundAt)
            {
                @case.LastInboundAt = receivedAt;
            }

            if (!@case.CategorySetByStaff && @case.Category == CaseCategory.Other && category != CaseCategory.Other)
            {
                @case.Category = category;
            }

            @case.Summary ??= Summarise(m);
        }

        var message = new CaseMessage
        {
            Case = @case,
            Direction = MessageDirection.Inbound,
            Kind = m.Kind,
            ZaloMsgId = m.MsgId,
            Text = Truncate(m.Text, 4000),
            SearchText = string.IsNullOrWhiteSpace(m.Text) ? null : Truncate(VietnameseText.Fold(m.Text).Trim(), 4000),
            Latitude = m.Location?.Latitude,
            Longitude = m.Location?.Longitude,
            LinkUrl = Truncate(m.LinkUrl, 2000),
            At = receivedAt,
        };
        db.Messages.Add(message);

        // A blocked citizen's message is filed all the same, but gets no automatic answer.
        CaseMessage? ackMessage = outcome == IntakeOutcome.NewCase && citizen!.BlockedAt is null ? AcknowledgementMessage(@case, unit!, now) : null;

        // Media, audit entries and the outbox row need the case's and messages' ids.
        await db.SaveChangesAsync(ct);
        foreach (var media in m.Media.Where(x => !string.IsNullOrWhiteSpace(x.Url)))
        {
            db.Media.Add(new MediaFile
            {
                CaseId = @case.Id,
                MessageId = message.Id,
                Kind = m.Kind,
                SourceUrl = Truncate(media.Url, 2000),
                FileName = Truncate(media.FileName, 260),
                ContentType = Truncate(media.ContentType, 100),
                SizeBytes = media.SizeBytes,
                Status = MediaStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        if (outcome == IntakeOutcome.NewCase)
        {
            audit.Add(null, AuditActions.CaseOpened, @case.UnitId, @case.Id, @case.Number);
        }

        audit.Add(null, AuditActions.MessageReceived, @case.UnitId, @case.Id, m.Kind.Vi());
        var acknowledgement = ackMessage is null ? null
            : outbox.Add(@case.OaId, @case.CitizenUserId, new OutboundContent { Text = ackMessage.Text! }, ackMessage);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (new IntakeResult(outcome, @case.Id, @case.Number, message.Id), acknowledgement);
    }

    private CaseMessage AcknowledgementMessage(CitizenCase @case, Unit unit, DateTimeOffset now)
    {
        var ack = new CaseMessage
        {
            Case = @case,
            Direction = MessageDirection.Outbound,
            Kind = MessageKind.Text,
            Text = CitizenReplies.Acknowledgement(unit, @case.Number),
            At = now,
            IsAutomatic = true,
            Delivery = DeliveryStatus.Pending,
        };
        db.Messages.Add(ack);
        return ack;
    }

    private async Task<Unit> ResolveUnitAsync(string oaId, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.ZaloOaId == oaId, ct);
        if (unit is not null)
        {
            return unit;
        }

        // An OA the desk does not know (misconfiguration): never drop a citizen's message; the
        // province receives it and can transfer it.
        LogUnknownOa(logger, oaId);
        return await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync(ct);
    }

    private async Task<string> AllocateNumberAsync(DateTimeOffset receivedAt, CancellationToken ct)
    {
        var prefix = options.Value.CaseNumberPrefix;
        var year = receivedAt.ToOffset(VietnamOffset).Year;
        var key = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}");

        // An atomic increment that returns the new value in one round trip; on PostgreSQL it
        // row-locks the counter until commit. (UPDATE … RETURNING: PostgreSQL, and SQLite ≥ 3.35.)
        var values = await db.Database.SqlQuery<int>(
            $"UPDATE \"CaseNumberCounters\" SET \"LastValue\" = \"LastValue\" + 1 WHERE \"Key\" = {key} RETURNING \"LastValue\" AS \"Value\"")
            .ToListAsync(ct);
        int value;
        if (values.Count == 0)
        {
            // The year's first case: a concurrent first case loses on the key and retries (above).
            db.CaseNumberCounters.Add(new CaseNumberCounter { Key = key, LastValue = 1 });
            await db.SaveChangesAsync(ct);
            value = 1;
        }
        else
        {
            value = values[0];
        }

        return string.Create(CultureInfo.InvariantCulture, $"{key}-{value:D6}");
    }

    private static string? Summarise(InboundCitizenMessage m) =>
        string.IsNullOrWhiteSpace(m.Text) ? $"[{m.Kind.Vi()}]" : Truncate(m.Text.Trim(), 300);

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded message {MsgId} from OA {OaId} into case {CaseId} ({Outcome}).")]
    private static partial void LogRecorded(ILogger logger, string msgId, string oaId, int caseId, IntakeOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MsgId} from OA {OaId} was recorded before; redelivery ignored.")]
    private static partial void LogDuplicate(ILogger logger, string msgId, string oaId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Intake of {MsgId} lost a race (attempt {Attempt}); retrying.")]
    private static partial void LogConflict(ILogger logger, string msgId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OA {OaId} is not linked to any unit; its message goes to the province.")]
    private static partial void LogUnknownOa(ILogger logger, string oaId);
}
