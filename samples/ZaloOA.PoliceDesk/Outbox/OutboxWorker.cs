using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Channel;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>
/// Sends queued messages (the automatic acknowledgement with the case number) through
/// <see cref="ICitizenChannel"/>. Transient failures are retried with back-off; -230 (window
/// closed) is recorded on the case and not retried, since only the citizen can reopen it.
/// </summary>
public sealed partial class OutboxWorker(
    IServiceScopeFactory scopes,
    IOptions<DeskOptions> options,
    OutboxWorkSignal signal,
    TimeProvider time,
    ILogger<OutboxWorker> logger) : PollingWorker(options, signal, time, logger)
{
    /// <summary>How long a claimed acknowledgement is reserved for the instance sending it (longer
    /// than the SDK's whole send, retries included).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time = time;
    private readonly DeskOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    public override async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var channel = scope.ServiceProvider.GetRequiredService<ICitizenChannel>();
        var audit = scope.ServiceProvider.GetRequiredService<DeskAudit>();
        var now = _time.GetUtcNow();
        var due = await db.Outbox
            .Where(o => o.Status == DeliveryStatus.Pending && o.NextAttemptAt <= now)
            .OrderBy(o => o.Id)
            .Take(20)
            .ToListAsync(cancellationToken);

        var processed = 0;
        foreach (var item in due)
        {
            // Several instances poll the same table: take the row for a lease before sending, so
            // only one of them sends it. Only if this instance dies mid-send does another retry it
            // after the lease.
            var claimed = await db.Outbox
                .Where(o => o.Id == item.Id && o.Status == DeliveryStatus.Pending && o.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, now + ClaimLease), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            processed++;
            var message = await db.Messages.FirstAsync(m => m.Id == item.CaseMessageId, cancellationToken);
            var unitId = await db.Cases.Where(c => c.Id == item.CaseId).Select(c => c.UnitId).FirstAsync(cancellationToken);
            item.Attempts++;
            ChannelSendResult result;
            try
            {
                result = await channel.SendTextAsync(item.OaId, item.CitizenUserId, item.Text, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                result = ChannelSendResult.Transient(ex.GetType().Name);
            }

            var at = _time.GetUtcNow();
            switch (result.Status)
            {
                case ChannelSendStatus.Sent:
                    Complete(item, message, DeliveryStatus.Sent, null, at);
                    message.OutboundZaloMessageId = result.ZaloMessageId;
                    audit.Add(null, AuditActions.Acknowledged, unitId, item.CaseId);
                    LogSent(_logger, item.Id, item.CaseId);
                    break;
                case ChannelSendStatus.WindowClosed:
                    Complete(item, message, DeliveryStatus.WindowClosed, "-230", at);
                    audit.Add(null, AuditActions.AcknowledgementWindowClosed, unitId, item.CaseId, "-230");
                    LogWindowClosed(_logger, item.Id, item.CaseId);
                    break;
                case ChannelSendStatus.TransientFailure or ChannelSendStatus.NotConnected when item.Attempts < _options.Workers.MaxAttempts:
                    item.LastError = Describe(result);
                    item.NextAttemptAt = at + Backoff(item.Attempts);
                    LogRetry(_logger, item.Id, item.Attempts, result.Status);
                    break;
                default:
                    Complete(item, message, DeliveryStatus.Failed, Describe(result), at);
                    audit.Add(null, AuditActions.AcknowledgementFailed, unitId, item.CaseId, Describe(result));
                    LogFailed(_logger, item.Id, item.Attempts, result.Status, result.ErrorCode);
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return processed;
    }

    private static void Complete(OutboxMessage item, CaseMessage message, DeliveryStatus status, string? error, DateTimeOffset at)
    {
        item.Status = status;
        item.CompletedAt = at;
        item.LastError = error;
        message.Delivery = status;
        message.DeliveryError = error;
    }

    private static string Describe(ChannelSendResult result) =>
        result.ErrorCode is { } code ? $"{result.Status} ({code})" : result.Status.ToString();

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {OutboxId}: acknowledgement of case {CaseId} sent.")]
    private static partial void LogSent(ILogger logger, int outboxId, int caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: case {CaseId} citizen has not interacted in 7 days (-230); not retried.")]
    private static partial void LogWindowClosed(ILogger logger, int outboxId, int caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {OutboxId}: send failed (attempt {Attempt}, {Status}); will retry.")]
    private static partial void LogRetry(ILogger logger, int outboxId, int attempt, ChannelSendStatus status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox {OutboxId}: gave up after {Attempts} attempts ({Status}, code {ErrorCode}).")]
    private static partial void LogFailed(ILogger logger, int outboxId, int attempts, ChannelSendStatus status, int? errorCode);
}
