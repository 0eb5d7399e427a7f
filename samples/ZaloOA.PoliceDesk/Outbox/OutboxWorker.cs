using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>
/// Sends the outbox: claims each due row for a lease, sends it through <see cref="CitizenSender"/>
/// and records the outcome on the row, on its conversation row and in the case's audit log, then
/// raises <see cref="DeliveryFeed.Changed"/>. Transient failures and an unconnected OA are retried
/// with back-off up to <c>Desk:Workers:MaxAttempts</c>; -230 and Zalo's refusals are final. Rows
/// of one conversation go out in order: a row waits while an earlier one is still pending.
/// </summary>
/// <remarks>
/// Several instances poll the same table. A claim is an atomic update that only one of them wins;
/// the send is cancelled before its lease ends, and only the holder of the current claim may
/// record an outcome, so a row whose claim lapsed (a stalled or dead instance) is sent again by
/// one instance only, and a stalled send never overwrites the one that replaced it.
/// </remarks>
public sealed partial class OutboxWorker(
    IServiceScopeFactory scopes,
    CitizenSender sender,
    DeliveryFeed feed,
    IOptions<DeskOptions> options,
    OutboxWorkSignal signal,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : PollingWorker(options, signal, time, logger)
{
    /// <summary>How long a claimed row is reserved for the instance sending it (far longer than
    /// the SDK's whole send, upload included).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    // The send gives up this long before the lease ends, so it is over before anyone may reclaim.
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = time;
    private readonly DeskOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    /// <inheritdoc />
    public override async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        List<int> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var now = _time.GetUtcNow();
            due = await db.Outbox
                .Where(o => o.Status == DeliveryStatus.Pending && o.NextAttemptAt <= now)
                .OrderBy(o => o.Id)
                .Select(o => o.Id)
                .Take(20)
                .ToListAsync(cancellationToken);
        }

        var processed = 0;
        foreach (var id in due)
        {
            if (await SendOneAsync(id, cancellationToken))
            {
                processed++;
            }
        }

        return processed;
    }

    private async Task<bool> SendOneAsync(int id, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        OutboxMessage item;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var now = _time.GetUtcNow();
            var claimed = await db.Outbox
                .Where(o => o.Id == id && o.Status == DeliveryStatus.Pending && o.NextAttemptAt <= now)
                // In order: not while an earlier row of the same conversation is pending (queued,
                // claimed elsewhere or waiting to retry).
                .Where(o => !db.Outbox.Any(e => e.OaId == o.OaId && e.CitizenUserId == o.CitizenUserId && e.Status == DeliveryStatus.Pending && e.Id < o.Id))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(o => o.NextAttemptAt, now + ClaimLease)
                        .SetProperty(o => o.ClaimToken, token)
                        .SetProperty(o => o.Attempts, o => o.Attempts + 1),
                    cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            item = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id, cancellationToken);
        }

        using var lease = new CancellationTokenSource(ClaimLease - LeaseMargin, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Token);
        SendOutcome outcome;
        try
        {
            outcome = await SendAsync(item, linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && lease.IsCancellationRequested)
        {
            // Whether Zalo took it is unknown; the claim lapses and one instance sends it again.
            LogLeaseExpired(_logger, id);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or an unexpected failure: recorded as transient, so the row is retried and, if
            // it keeps failing, given up after the maximum attempts instead of being claimed forever.
            var failure = ex.GetType().Name;
            LogUnexpected(_logger, id, failure);
            outcome = new SendOutcome(SendStatus.Transient, Reason: "Lỗi không mong đợi khi gửi; hệ thống sẽ tự gửi lại.");
        }

        await RecordAsync(id, token, outcome, cancellationToken);
        return true;
    }

    private async Task<SendOutcome> SendAsync(OutboxMessage item, CancellationToken cancellationToken)
    {
        OutboundContent content;
        try
        {
            content = OutboundContent.Parse(item.Content);
        }
        catch (JsonException)
        {
            return new SendOutcome(SendStatus.Rejected, Reason: "Nội dung tin nhắn đã lưu bị hỏng; hãy soạn và gửi lại.");
        }

        var outcome = await sender.SendAsync(item.OaId, item.CitizenUserId, content, cancellationToken);
        if (outcome is { Status: SendStatus.Rejected, ErrorCode: -201 } && item.FallbackContent is { } fallback)
        {
            LogFallback(_logger, item.Id);
            outcome = await sender.SendAsync(item.OaId, item.CitizenUserId, OutboundContent.Parse(fallback), cancellationToken);
        }

        return outcome;
    }

    private async Task RecordAsync(int id, Guid token, SendOutcome outcome, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<DeskAudit>();
        var item = await db.Outbox.SingleOrDefaultAsync(o => o.Id == id && o.ClaimToken == token, cancellationToken);
        if (item is null)
        {
            LogClaimLost(_logger, id);
            return;
        }

        var at = _time.GetUtcNow();
        var message = item.CaseMessageId is { } messageId ? await db.Messages.SingleAsync(m => m.Id == messageId, cancellationToken) : null;
        var @case = item.CaseId is { } caseId ? await db.Cases.SingleAsync(c => c.Id == caseId, cancellationToken) : null;
        var reason = outcome.Reason is null ? null : Clip(outcome.Reason, 500);
        item.ClaimToken = null;
        item.LastError = reason;
        DeliveryStatus status;
        if (outcome.Status == SendStatus.Sent)
        {
            status = DeliveryStatus.Sent;
            item.ZaloMessageId = outcome.ZaloMessageId;
            if (message is not null)
            {
                message.OutboundZaloMessageId = outcome.ZaloMessageId;
                if (outcome.ZaloMessageId is not null)
                {
                    // A receipt for this message may have come before its id did.
                    await scope.ServiceProvider.GetRequiredService<Echoes.ZaloEchoes>()
                        .ApplyWaitingMarksAsync(message, item.OaId, item.CitizenUserId, cancellationToken);
                }

                if (@case is not null && !message.IsAutomatic)
                {
                    // The first answer a citizen actually got.
                    @case.FirstResponseAt ??= at;
                    @case.Status = Cases.CaseWorkflow.AfterPickedUp(@case.Status);
                }
            }

            LogSent(_logger, id, item.CaseId, item.Attempts);
        }
        else if (outcome.IsRetryable && item.Attempts < _options.Workers.MaxAttempts)
        {
            status = DeliveryStatus.Pending;
            item.NextAttemptAt = at + Backoff(item.Attempts);
            LogRetry(_logger, id, item.Attempts, outcome.Status, outcome.ErrorCode);
        }
        else
        {
            status = outcome.Status == SendStatus.WindowClosed ? DeliveryStatus.WindowClosed : DeliveryStatus.Failed;
            if (outcome.IsRetryable)
            {
                item.LastError = reason = Clip($"Đã thử {item.Attempts} lần không thành công. {reason}", 500);
            }

            LogGaveUp(_logger, id, item.Attempts, outcome.Status, outcome.ErrorCode);
        }

        item.Status = status;
        item.CompletedAt = status == DeliveryStatus.Pending ? null : at;
        if (message is not null)
        {
            message.Delivery = status;
            message.DeliveryError = reason;
        }

        if (@case is not null && message is not null && Audited(status, message.IsAutomatic) is { } action)
        {
            audit.Add(null, action, @case.UnitId, @case.Id, outcome.ErrorCode is { } code ? $"{outcome.Status} ({code})" : outcome.Status.ToString());
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Reclaimed between the read and the write: the new holder records its own outcome.
            LogClaimLost(_logger, id);
            return;
        }

        feed.Publish(new DeliveryChange(item.Id, item.CaseId, item.CaseMessageId, status, item.LastError, item.ZaloMessageId));
    }

    private static string? Audited(DeliveryStatus status, bool automatic) => (status, automatic) switch
    {
        (DeliveryStatus.Sent, true) => AuditActions.Acknowledged,
        (DeliveryStatus.Sent, false) => AuditActions.Replied,
        (DeliveryStatus.WindowClosed, true) => AuditActions.AcknowledgementWindowClosed,
        (DeliveryStatus.WindowClosed, false) => AuditActions.ReplyWindowClosed,
        (DeliveryStatus.Failed, true) => AuditActions.AcknowledgementFailed,
        (DeliveryStatus.Failed, false) => AuditActions.ReplyFailed,
        _ => null,
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {OutboxId} (case {CaseId}) sent on attempt {Attempt}.")]
    private static partial void LogSent(ILogger logger, int outboxId, int? caseId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: attempt {Attempt} failed ({Status}, code {ErrorCode}); will retry.")]
    private static partial void LogRetry(ILogger logger, int outboxId, int attempt, SendStatus status, int? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {OutboxId}: not sent after {Attempts} attempt(s) ({Status}, code {ErrorCode}).")]
    private static partial void LogGaveUp(ILogger logger, int outboxId, int attempts, SendStatus status, int? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: the send outlived its claim and was abandoned; the row is due again when the lease ends.")]
    private static partial void LogLeaseExpired(ILogger logger, int outboxId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: the claim was taken over; this instance's outcome is not recorded.")]
    private static partial void LogClaimLost(ILogger logger, int outboxId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {OutboxId}: the send failed unexpectedly ({Failure}); will retry.")]
    private static partial void LogUnexpected(ILogger logger, int outboxId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {OutboxId}: Zalo refused the template (-201); sending the fallback.")]
    private static partial void LogFallback(ILogger logger, int outboxId);
}
