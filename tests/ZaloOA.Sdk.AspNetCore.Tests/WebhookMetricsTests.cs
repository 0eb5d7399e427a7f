using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>The meter <c>ZaloOA.AspNetCore</c>: each instrument records what the endpoint did.
/// Collectors listen through the app's own <see cref="IMeterFactory"/>, so parallel tests do not mix.</summary>
public class WebhookMetricsTests
{
    private const string Meter = "ZaloOA.AspNetCore";
    private const string Text = """{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"metrics-1"},"timestamp":"1700000000000"}""";

    private static MetricCollector<T> Collect<T>(WebhookApp app, string instrument)
        where T : struct =>
        new(app.App.Services.GetRequiredService<IMeterFactory>(), Meter, instrument);

    [Fact]
    public async Task A_handled_event_counts_one_received_one_processed_and_one_handler_duration()
    {
        await using var app = await WebhookApp.StartAsync();
        using var received = Collect<long>(app, "zalooa.webhook.received");
        using var processed = Collect<long>(app, "zalooa.webhook.processed");
        using var duration = Collect<double>(app, "zalooa.webhook.handler.duration");

        await app.PostAsync(Text);

        Assert.Equal(1, Assert.Single(received.GetMeasurementSnapshot()).Value);
        var p = Assert.Single(processed.GetMeasurementSnapshot());
        Assert.Equal(1, p.Value);
        Assert.Equal("user_send_text", p.Tags["event"]);
        var d = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.True(d.Value >= 0);
        Assert.Equal("user_send_text", d.Tags["event"]);
    }

    [Fact]
    public async Task Rejected_requests_are_counted_by_reason()
    {
        await using var app = await WebhookApp.StartAsync(maxBodyBytes: 1024);
        using var rejected = Collect<long>(app, "zalooa.webhook.rejected");

        await app.PostAsync(Text, signature: null);
        await app.PostAsync(Text, signature: "mac=" + new string('0', 64));
        await app.PostAsync(new string(' ', 2000), signature: null);

        Assert.Equal(
            ["MissingHeader", "Mismatch", "too_large"],
            rejected.GetMeasurementSnapshot().Select(m => (string)m.Tags["reason"]!));
    }

    [Fact]
    public async Task A_redelivery_is_counted_as_a_duplicate()
    {
        await using var app = await WebhookApp.StartAsync();
        using var duplicates = Collect<long>(app, "zalooa.webhook.duplicates");

        await app.PostAsync(Text);
        await app.PostAsync(Text);

        var m = Assert.Single(duplicates.GetMeasurementSnapshot());
        Assert.Equal((1L, "user_send_text"), (m.Value, (string)m.Tags["event"]!));
    }

    [Fact]
    public async Task A_failed_handler_is_counted_with_whether_the_event_was_given_up()
    {
        await using var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background, o => o.MaxAttempts = 2);
        using var failed = Collect<long>(app, "zalooa.webhook.failed");
        app.Recorder.FailNext(1);

        await app.PostAsync(Text);
        await app.Recorder.WaitForAsync(1);

        var m = Assert.Single(failed.GetMeasurementSnapshot());
        Assert.Equal((1L, "user_send_text", false), (m.Value, (string)m.Tags["event"]!, (bool)m.Tags["final"]!));
    }

    [Fact]
    public async Task A_handled_event_the_store_cannot_mark_done_is_counted()
    {
        await using var app = await WebhookApp.StartAsync(zalo: z =>
        {
            z.Services.RemoveAll<IZaloWebhookDeduplicationStore>();
            z.Services.AddSingleton<IZaloWebhookDeduplicationStore, NeverCompletes>();
        });
        using var completeFailed = Collect<long>(app, "zalooa.webhook.complete_failed");

        await app.PostAsync(Text);

        var m = Assert.Single(completeFailed.GetMeasurementSnapshot());
        Assert.Equal((1L, "user_send_text"), (m.Value, (string)m.Tags["event"]!));
    }

    [Fact]
    public async Task The_queue_depth_gauge_reports_events_waiting()
    {
        await using var app = await WebhookApp.StartAsync(ZaloWebhookDispatchMode.Background, o => o.MaxConcurrency = 1);
        using var depth = Collect<int>(app, "zalooa.webhook.queue.depth");
        app.Recorder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await app.PostAsync(Text);
        await app.Recorder.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await app.PostAsync(Text.Replace("metrics-1", "metrics-2", StringComparison.Ordinal));

        depth.RecordObservableInstruments();
        var waiting = depth.LastMeasurement!.Value;
        app.Recorder.Gate.SetResult();
        await app.Recorder.WaitForAsync(2);
        depth.RecordObservableInstruments();

        Assert.Equal((1, 0), (waiting, depth.LastMeasurement!.Value));
    }

    private sealed class NeverCompletes : InMemoryZaloWebhookDeduplicationStore
    {
        public override ValueTask CompleteAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("store unavailable (test)");
    }
}
