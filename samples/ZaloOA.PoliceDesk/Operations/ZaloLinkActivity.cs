using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Operations;

/// <summary>The last webhook the desk received for an OA, for the operations view. Shared by every
/// instance through the database.</summary>
public sealed class ZaloLinkActivity
{
    /// <summary>The Official Account.</summary>
    public string OaId { get; set; } = "";

    /// <summary>When a webhook for the OA was last handled (to within <see cref="ZaloLinkActivityRecorder.Resolution"/>).</summary>
    public DateTimeOffset LastWebhookAt { get; set; }
}

/// <summary>
/// Notes every webhook event's OA in <see cref="ZaloLinkActivity"/>. Writes at most once per
/// <see cref="Resolution"/> per OA and instance, so a busy OA costs one small write a minute, and
/// never fails the webhook: this is monitoring, the citizen's message matters more. Texts the
/// citizen menu answers do not reach the handlers, so they are not counted.
/// </summary>
public sealed partial class ZaloLinkActivityRecorder(DeskDbContext db, ZaloLinkActivityThrottle throttle, TimeProvider time, ILogger<ZaloLinkActivityRecorder> logger)
    : IZaloWebhookHandler<ZaloWebhookEvent>
{
    /// <summary>How stale "last webhook received" may be.</summary>
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public async Task HandleAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var now = time.GetUtcNow();
        if (webhookEvent.OaId is not { Length: > 0 and <= 64 } oaId || !throttle.ShouldRecord(oaId, now))
        {
            return;
        }

        try
        {
            var updated = await db.ZaloLinkActivity.Where(a => a.OaId == oaId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastWebhookAt, now), cancellationToken);
            if (updated == 0)
            {
                db.ZaloLinkActivity.Add(new ZaloLinkActivity { OaId = oaId, LastWebhookAt = now });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (DbUpdateException ex)
        {
            // Another instance inserted the row first; its time is as good as ours.
            db.ChangeTracker.Clear();
            LogNotRecorded(logger, oaId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook activity of OA {OaId} not recorded.")]
    private static partial void LogNotRecorded(ILogger logger, string oaId, Exception exception);
}

/// <summary>Per instance, when each OA's activity was last written.</summary>
public sealed class ZaloLinkActivityThrottle
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _written = new(StringComparer.Ordinal);

    /// <summary>True (and remembers <paramref name="now"/>) when the OA's row is due a write.</summary>
    public bool ShouldRecord(string oaId, DateTimeOffset now)
    {
        var due = true;
        _written.AddOrUpdate(oaId, now, (_, last) =>
        {
            due = now - last >= ZaloLinkActivityRecorder.Resolution || now < last;
            return due ? now : last;
        });
        return due;
    }
}
