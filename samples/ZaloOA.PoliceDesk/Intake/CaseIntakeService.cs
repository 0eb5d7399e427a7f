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
                var probe = await ProbeAsync(message, cancellationToken);
                if (probe.RecordedMessageId is { } recordedId)
                {
                    LogDuplicate(logger, message.MsgId, message.OaId);
                    var recorded = await db.Messages.Where(x => x.Id == recordedId).Select(x => new { x.CaseId, x.Case.Number }).SingleAsync(cancellationToken);
                    return new IntakeResult(IntakeOutcome.Duplicate, recorded.CaseId, recorded.Number, recordedId);
                }

                if (probe.OpenCase is null)
                {
                    reservedNumber ??= await AllocateNumberAsync(ReceivedAt(message, time.GetUtcNow()), cancellationToken);
                }

                var (result, acknowledgement) = await RecordAsync(message, probe, reservedNumber, cancellationToken);
                if (message.Media.Count > 0)
                {
                    mediaSignal.Notify();
                }

                if (acknowledgement is not null)
                {
                    outbox.Queued([acknowledgement]);
                }

                if (result.Outcome == IntakeOutcome.NewCase && probe.CitizenId is null)
                {
                    citizens.ProfileQueued();
                }

                LogRecorded(logger, message.MsgId, message.OaId, result.CaseId, result.Outcome);
                return result;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // A concurrent delivery of the same msg_id, or a concurrent first message of the same
                // citizen, won the unique index. Everything of this attempt was rolled back; the next
                // attempt's look-up sees the winner's rows and joins them.
                LogConflict(logger, message.MsgId, attempt, ex);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>What intake needs to know before it writes, in one query (issue 18: every round trip
    /// counts at 200 reports/s): the receiving OA's unit (tracked, for a new case and its
    /// acknowledgement; the province root when no unit has the OA), the citizen's open case there
    /// (tracked, to be updated), whether the desk knows the citizen and has blocked them, and
    /// whether this msg_id was recorded before. Read outside any transaction: the unique indexes on
    /// msg_id and on the open case per citizen settle races (the retry above), as they did when this
    /// was read inside one.</summary>
    private async Task<IntakeProbe> ProbeAsync(InboundCitizenMessage m, CancellationToken ct)
    {
        var probe = await Probe(db.Units.Where(u => u.ZaloOaId == m.OaId), m).FirstOrDefaultAsync(ct);
        return probe ?? await Probe(db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).Take(1), m).FirstAsync(ct) with { UnknownOa = true };
    }

    // The open case joins as an uncorrelated subquery (LEFT JOIN … ON TRUE), which both providers
    // translate; a FirstOrDefault() in the projection would need APPLY, which SQLite lacks.
    private IQueryable<IntakeProbe> Probe(IQueryable<Unit> units, InboundCitizenMessage m) =>
        from u in units
        from c in db.Cases
            .Where(c => c.OaId == m.OaId && c.CitizenUserId == m.CitizenUserId && c.ClosedAt == null)
            .OrderByDescending(c => c.Id)
            .Take(1)
            .DefaultIfEmpty()
        select new IntakeProbe
        {
            Unit = u,
            OpenCase = c,
            CitizenId = db.Citizens.Where(z => z.OaId == m.OaId && z.UserId == m.CitizenUserId).Select(z => (int?)z.Id).FirstOrDefault(),
            CitizenBlockedAt = db.Citizens.Where(z => z.OaId == m.OaId && z.UserId == m.CitizenUserId).Select(z => z.BlockedAt).FirstOrDefault(),
            RecordedMessageId = db.Messages.Where(x => x.ZaloMsgId == m.MsgId).Select(x => (int?)x.Id).FirstOrDefault(),
        };

    private static DateTimeOffset ReceivedAt(InboundCitizenMessage m, DateTimeOffset now) =>
        m.ReceivedAt == default ? now : m.ReceivedAt.ToUniversalTime();

    private async Task<(IntakeResult Result, OutboxMessage? Acknowledgement)> RecordAsync(InboundCitizenMessage m, IntakeProbe probe, string? reservedNumber, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var receivedAt = ReceivedAt(m, now);
        var category = CaseCategorizer.Categorize(m.Text);
        var @case = probe.OpenCase;
        var isNew = @case is null;
        if (@case is null)
        {
            if (probe.UnknownOa)
            {
                // An OA the desk does not know (misconfiguration): never drop a citizen's message; the
                // province receives it and can transfer it.
                LogUnknownOa(logger, m.OaId);
            }

            if (probe.CitizenId is null)
            {
                // First sight of the citizen: their Zalo profile is read later, off this path.
                citizens.Add(m.OaId, m.CitizenUserId);
            }

            @case = new CitizenCase
            {
                Number = reservedNumber!,
                // The unit is tracked (the look-up loaded it): adding the case fixes up its
                // navigation, which the deadline clock reads instead of querying the unit again.
                UnitId = probe.Unit.Id,
                OriginUnitId = probe.Unit.Id,
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

        if (!isNew)
        {
            // The case has its id: the message, its media and its audit entry go in one save, one
            // batch (SaveChanges' own transaction keeps them together).
            AddMediaAndAudit(m, @case, message, now, opened: false);
            await db.SaveChangesAsync(ct);
            return (new IntakeResult(IntakeOutcome.AddedToOpenCase, @case.Id, @case.Number, message.Id), null);
        }

        // A new case: its id comes back from the first save, and the audit entries and the
        // acknowledgement's outbox row need it (and the acknowledgement's own id); one transaction
        // keeps the two saves together. SQLite: BEGIN IMMEDIATE, so concurrent intakes queue on
        // the write lock instead of deadlocking. A blocked citizen's message is filed all the same,
        // but gets no automatic answer.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ackMessage = probe.CitizenBlockedAt is null ? AcknowledgementMessage(@case, probe.Unit, now) : null;
        await db.SaveChangesAsync(ct);
        AddMediaAndAudit(m, @case, message, now, opened: true);
        var acknowledgement = ackMessage is null ? null
            : outbox.Add(@case.OaId, @case.CitizenUserId, new OutboundContent { Text = ackMessage.Text! }, ackMessage);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (new IntakeResult(IntakeOutcome.NewCase, @case.Id, @case.Number, message.Id), acknowledgement);
    }

    private void AddMediaAndAudit(InboundCitizenMessage m, CitizenCase @case, CaseMessage message, DateTimeOffset now, bool opened)
    {
        foreach (var media in m.Media.Where(x => !string.IsNullOrWhiteSpace(x.Url)))
        {
            db.Media.Add(new MediaFile
            {
                CaseId = @case.Id,
                Message = message,
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

        if (opened)
        {
            audit.Add(null, AuditActions.CaseOpened, @case.UnitId, @case.Id, @case.Number);
        }

        audit.Add(null, AuditActions.MessageReceived, @case.UnitId, @case.Id, m.Kind.Vi());
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

    /// <summary>The result of <see cref="ProbeAsync"/>.</summary>
    private sealed record IntakeProbe
    {
        public required Unit Unit { get; init; }

        public bool UnknownOa { get; init; }

        public CitizenCase? OpenCase { get; init; }

        public int? CitizenId { get; init; }

        public DateTimeOffset? CitizenBlockedAt { get; init; }

        public int? RecordedMessageId { get; init; }
    }
}
