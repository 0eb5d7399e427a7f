using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZaloOA.Sdk.AspNetCore.Webhooks;

/// <summary>Metrics (meter <c>ZaloOA.AspNetCore</c>) and traces of the webhook endpoint.</summary>
internal sealed class ZaloWebhookDiagnostics
{
    public const string Name = "ZaloOA.AspNetCore";

    public static readonly ActivitySource ActivitySource = new(Name);

    public ZaloWebhookDiagnostics(IMeterFactory meterFactory, ZaloWebhookQueue queue)
    {
        var meter = meterFactory.Create(Name);
        Received = meter.CreateCounter<long>("zalooa.webhook.received", description: "Webhook requests received.");
        Rejected = meter.CreateCounter<long>("zalooa.webhook.rejected", description: "Webhook requests rejected, by reason.");
        Processed = meter.CreateCounter<long>("zalooa.webhook.processed", description: "Webhook events handled successfully, by event.");
        Failed = meter.CreateCounter<long>("zalooa.webhook.failed", description: "Webhook handler failures, by event and whether the event was given up.");
        Duplicates = meter.CreateCounter<long>("zalooa.webhook.duplicates", description: "Redeliveries ignored as duplicates.");
        CompleteFailed = meter.CreateCounter<long>("zalooa.webhook.complete_failed", description: "Handled events the de-duplication store could not mark as handled (a redelivery after the processing lease runs the handlers again).");
        Duration = meter.CreateHistogram<double>("zalooa.webhook.handler.duration", unit: "s", description: "Time handlers took per event.");
        meter.CreateObservableGauge("zalooa.webhook.queue.depth", () => queue.Count, description: "Events waiting in the background queue.");
    }

    public Counter<long> Received { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Processed { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> CompleteFailed { get; }

    public Histogram<double> Duration { get; }
}
