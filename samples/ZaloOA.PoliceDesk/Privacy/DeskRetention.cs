using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Privacy;

/// <summary>What a retention run did (or would do).</summary>
public sealed record RetentionReport(bool DryRun, DateTimeOffset ClosedBefore, ErasureCounts Counts);

/// <summary>
/// Retention (<c>Desk:Retention</c>): the personal data of cases closed more than
/// <see cref="RetentionOptions.ClosedCaseMonths"/> months ago is erased by <see cref="CaseAnonymizer"/>,
/// <see cref="RetentionOptions.BatchSize"/> cases per transaction so intake and the inbox never wait
/// long. A dry run only counts. Each run (and each batch) is in the audit log, under the unit of the
/// administrator who asked (the scheduled run: under no unit). An administrator's run erases only
/// their subtree's cases. Off by default.
/// </summary>
public sealed partial class DeskRetention(
    DeskDbContext db,
    CaseAnonymizer anonymizer,
    DeskAudit audit,
    IOptions<DeskOptions> options,
    TimeProvider time,
    ILogger<DeskRetention> logger)
{
    /// <summary>Runs retention now; null when it is off (<c>Desk:Retention:ClosedCaseMonths</c> is 0).</summary>
    /// <param name="dryRun">Count only.</param>
    /// <param name="actor">The administrator who asked, or null for the scheduled run.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public async Task<RetentionReport?> RunAsync(bool dryRun, DeskUser? actor, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.Retention;
        if (!settings.IsEnabled)
        {
            return null;
        }

        var cutoff = time.GetUtcNow().AddMonths(-settings.ClosedCaseMonths);
        var closedBefore = $"đóng trước {cutoff.VnTime()}";
        if (dryRun)
        {
            var counts = await anonymizer.CountAsync(Due(cutoff, actor), cancellationToken);
            audit.Add(actor, AuditActions.RetentionRun, actor?.UnitId, detail: $"Chạy thử ({closedBefore}): sẽ xóa {counts}");
            await db.SaveChangesAsync(cancellationToken);
            LogDryRun(logger, counts.Cases, counts.Messages, counts.MediaFiles);
            return new RetentionReport(true, cutoff, counts);
        }

        var total = ErasureCounts.None;
        var batch = Math.Max(1, settings.BatchSize);
        while (true)
        {
            var ids = await Due(cutoff, actor).OrderBy(c => c.ClosedAt).ThenBy(c => c.Id).Select(c => c.Id).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            var started = time.GetTimestamp();
            var counts = await anonymizer.EraseAsync(ids, (_, erased) => audit.Add(actor, AuditActions.RetentionRun, actor?.UnitId, detail: $"Đã xóa ({closedBefore}): {erased}"), cancellationToken);
            total = total.Add(counts);
            var elapsed = (long)time.GetElapsedTime(started).TotalMilliseconds;
            LogBatch(logger, counts.Cases, elapsed);
            db.ChangeTracker.Clear();
        }

        LogRun(logger, total.Cases, total.Messages, total.MediaFiles);
        return new RetentionReport(false, cutoff, total);
    }

    /// <summary>Closed before the cutoff and not yet erased; an administrator's run only in their
    /// subtree (a provincial administrator under a national root: their province), the scheduled run everywhere.</summary>
    private IQueryable<CitizenCase> Due(DateTimeOffset cutoff, DeskUser? actor)
    {
        var due = db.Cases.Where(c => c.AnonymizedAt == null && c.ClosedAt != null && c.ClosedAt < cutoff);
        if (actor is not null)
        {
            var path = actor.UnitPath;
            due = due.Where(c => c.Unit.Path.StartsWith(path));
        }

        return due;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention dry run: {Cases} closed cases ({Messages} messages, {MediaFiles} media files) are due.")]
    private static partial void LogDryRun(ILogger logger, int cases, int messages, int mediaFiles);

    /// <summary>One batch (one transaction): how long the inbox's rows of these cases were locked, at most.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention batch: {Cases} cases erased in {Milliseconds} ms.")]
    private static partial void LogBatch(ILogger logger, int cases, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention erased the personal data of {Cases} closed cases ({Messages} messages, {MediaFiles} media files).")]
    private static partial void LogRun(ILogger logger, int cases, int messages, int mediaFiles);
}

/// <summary>Runs <see cref="DeskRetention"/> every <see cref="RetentionOptions.Interval"/> when retention
/// and the workers are on (as a dry run with <see cref="RetentionOptions.DryRun"/>). Several instances
/// may run it at once: erasing a case twice is harmless.</summary>
internal sealed partial class RetentionWorker(IServiceScopeFactory scopes, IOptions<DeskOptions> options, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Workers.Enabled || !settings.Retention.IsEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeskRetention>().RunAsync(settings.Retention.DryRun, null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(settings.Retention.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; will try again at the next interval.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
