using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>What the endpoint does when the de-duplication store fails around a handler that
/// succeeded: the handler is never re-run for a store failure, and delivery stays at-least-once.</summary>
public class WebhookDeduplicationFailureTests
{
    private const string Text = """{"app_id":"1234567890123456789","sender":{"id":"2468458835296197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"dedup-1"},"timestamp":"1700000000000"}""";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Marking_done_that_fails_twice_is_retried_and_the_handler_runs_once()
    {
        var store = new FailingStore { CompleteFailures = 2 };
        await using var app = await StartAsync(store, ZaloWebhookDispatchMode.Background);

        var response = await app.PostAsync(Text);
        await app.Recorder.WaitForAsync(1);
        await store.WaitForCompletedAsync();
        var redelivery = await app.PostAsync(Text);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, redelivery.StatusCode));
        Assert.Equal((3, 1, 0), (store.CompleteCalls, app.Recorder.Attempts, store.AbandonCalls));
    }

    [Fact]
    public async Task Marking_done_that_keeps_failing_does_not_rerun_the_handler_or_release_the_claim()
    {
        var store = new FailingStore { CompleteFailures = int.MaxValue };
        await using var app = await StartAsync(store, ZaloWebhookDispatchMode.Inline);

        var response = await app.PostAsync(Text);
        var redelivery = await app.PostAsync(Text);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, redelivery.StatusCode));
        Assert.Equal(ZaloWebhookDeduplicator.CompleteAttempts, store.CompleteCalls);
        Assert.Equal((1, 0), (app.Recorder.Attempts, store.AbandonCalls));
    }

    [Fact]
    public async Task When_marking_done_failed_a_redelivery_after_the_processing_lease_runs_the_handler_again()
    {
        var store = new FailingStore { CompleteFailures = int.MaxValue };
        await using var app = await StartAsync(store, ZaloWebhookDispatchMode.Inline);
        await app.PostAsync(Text);

        store.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var late = await app.PostAsync(Text);

        // At-least-once, as documented: the handler must be idempotent.
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(2, app.Recorder.Attempts);
    }

    [Fact]
    public async Task A_release_that_fails_does_not_stop_the_background_worker()
    {
        var store = new FailingStore { AbandonFails = true };
        await using var app = await StartAsync(store, ZaloWebhookDispatchMode.Background, o => { o.MaxAttempts = 1; o.MaxConcurrency = 1; });
        app.Recorder.FailNext(1);

        await app.PostAsync(Text);
        await app.PostAsync(Text.Replace("dedup-1", "dedup-2", StringComparison.Ordinal));
        await app.Recorder.WaitForAsync(1);

        Assert.Equal("dedup-2", Assert.Single(app.Recorder.Handled).MessageId);
        Assert.Equal(1, store.AbandonCalls);
    }

    private static Task<WebhookApp> StartAsync(FailingStore store, ZaloWebhookDispatchMode mode, Action<ZaloWebhookReceiverOptions>? receiver = null) =>
        WebhookApp.StartAsync(
            mode,
            receiver,
            z =>
            {
                z.Services.Configure<ZaloWebhookOptions>(o => o.ProcessingLease = Lease);
                z.Services.RemoveAll<IZaloWebhookDeduplicationStore>();
                z.Services.AddSingleton<IZaloWebhookDeduplicationStore>(store);
            });

    /// <summary>The in-memory store on a fake clock, whose Complete/Abandon can be made to throw.</summary>
    private sealed class FailingStore : IZaloWebhookDeduplicationStore
    {
        private readonly InMemoryZaloWebhookDeduplicationStore _inner;
        private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _completeCalls;
        private int _abandonCalls;

        public FailingStore()
        {
            _inner = new InMemoryZaloWebhookDeduplicationStore(Time);
        }

        public FakeTimeProvider Time { get; } = new();

        public int CompleteFailures { get; init; }

        public bool AbandonFails { get; init; }

        public int CompleteCalls => Volatile.Read(ref _completeCalls);

        public int AbandonCalls => Volatile.Read(ref _abandonCalls);

        public ValueTask<bool> TryBeginAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default) =>
            _inner.TryBeginAsync(key, lease, cancellationToken);

        public async ValueTask CompleteAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _completeCalls) <= CompleteFailures)
            {
                throw new InvalidOperationException("store unavailable (test)");
            }

            await _inner.CompleteAsync(key, retention, cancellationToken);
            _completed.TrySetResult();
        }

        public ValueTask AbandonAsync(string key, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _abandonCalls);
            return AbandonFails ? throw new InvalidOperationException("store unavailable (test)") : _inner.AbandonAsync(key, cancellationToken);
        }

        /// <summary>Hang guard only, not a timing assertion.</summary>
        public Task WaitForCompletedAsync() => _completed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }
}
