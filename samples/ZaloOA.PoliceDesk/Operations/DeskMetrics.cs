using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.PoliceDesk.Operations;

/// <summary>
/// The desk's OpenTelemetry-compatible metrics (meter <c>ZaloOA.PoliceDesk</c>, beside the SDK's
/// <c>ZaloOA.Sdk</c> and <c>ZaloOA.AspNetCore</c>): the queues and each OA's link health as
/// observable gauges. The gauges read the last <see cref="OperationsSnapshot"/>, which
/// <see cref="OperationsMetricsWorker"/> refreshes, so a collector's scrape never queries the database.
/// Every instance reports the same database-wide values; aggregate with max, not sum.
/// </summary>
public sealed class DeskMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ZaloOA.PoliceDesk";

    private volatile OperationsSnapshot? _snapshot;

    /// <summary>Creates the meter and its instruments.</summary>
    public DeskMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        Queue(meter, "outbox", s => s.Outbox, time);
        Queue(meter, "media", s => s.Media, time);
        meter.CreateObservableGauge("policedesk.zalo.token.expires_in", () => PerOa(a => a.AccessTokenValidUntil is { } until ? (until - time.GetUtcNow()).TotalSeconds : null),
            unit: "s", description: "Seconds until the OA's access token expires (negative: expired).");
        meter.CreateObservableGauge("policedesk.zalo.token.reauthorization_required", () => PerOa(a => a.TokenState is null ? null : a.TokenState == ZaloTokenState.ReauthorizationRequired ? 1 : 0),
            description: "1 when Zalo refused the OA's refresh token and a person must connect the OA again.");
        meter.CreateObservableGauge("policedesk.zalo.webhook.age", () => PerOa(a => a.LastWebhookAt is { } at ? (time.GetUtcNow() - at).TotalSeconds : null),
            unit: "s", description: "Seconds since a webhook for the OA was last handled.");
        meter.CreateObservableGauge("policedesk.outbox.oa.pending", () => PerOa(a => a.OutboxPending),
            description: "Messages waiting to be sent through the OA.");
    }

    /// <summary>Replaces the snapshot the gauges report.</summary>
    public void Update(OperationsSnapshot snapshot) => _snapshot = snapshot;

    private void Queue(Meter meter, string name, Func<OperationsSnapshot, QueueHealth> queue, TimeProvider time)
    {
        IEnumerable<Measurement<double>> Read(Func<QueueHealth, double?> value) =>
            _snapshot is { } s && value(queue(s)) is { } v ? [new Measurement<double>(v)] : [];

        meter.CreateObservableGauge($"policedesk.{name}.pending", () => Read(q => q.Pending), description: $"Rows waiting in the {name} queue.");
        meter.CreateObservableGauge($"policedesk.{name}.retrying", () => Read(q => q.Retrying), description: $"Waiting {name} rows that failed at least once.");
        meter.CreateObservableGauge($"policedesk.{name}.max_attempts", () => Read(q => q.MaxAttempts), description: $"Most attempts of a waiting {name} row.");
        meter.CreateObservableGauge($"policedesk.{name}.oldest_pending_age", () => Read(q => q.OldestPendingAt is { } at ? (time.GetUtcNow() - at).TotalSeconds : 0),
            unit: "s", description: $"Age of the oldest waiting {name} row.");
        meter.CreateObservableGauge($"policedesk.{name}.failed_last_day", () => Read(q => q.FailedLastDay), description: $"{name} rows created in the past 24 hours and given up.");
    }

    private IEnumerable<Measurement<double>> PerOa(Func<OaHealth, double?> value) =>
        _snapshot is { } s
            ? s.Accounts.Select(a => (a.OaId, Value: value(a))).Where(x => x.Value is not null)
                .Select(x => new Measurement<double>(x.Value!.Value, new KeyValuePair<string, object?>("oa_id", x.OaId)))
            : [];
}

/// <summary>Refreshes <see cref="DeskMetrics"/> every <see cref="OperationsOptions.MetricsInterval"/>
/// (with the other background workers; tests drive <see cref="RefreshAsync"/>).</summary>
public sealed partial class OperationsMetricsWorker(
    IServiceScopeFactory scopes,
    DeskMetrics metrics,
    IOptions<DeskOptions> desk,
    IOptions<OperationsOptions> options,
    TimeProvider time,
    ILogger<OperationsMetricsWorker> logger) : BackgroundService
{
    /// <summary>Reads a fresh snapshot into the gauges.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        metrics.Update(await scope.ServiceProvider.GetRequiredService<OperationsOverview>().GetAsync(null, cancellationToken));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!desk.Value.Workers.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.Value.MetricsInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations metrics could not be refreshed ({Error}); the gauges keep the last values.")]
    private static partial void LogRefreshFailed(ILogger logger, string error);
}

/// <summary>Section <c>Desk:Operations</c>.</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Desk:Operations";

    /// <summary>How often the metrics snapshot is refreshed. Default 30 seconds.</summary>
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(30);
}
