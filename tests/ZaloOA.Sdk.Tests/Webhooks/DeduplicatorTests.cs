using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Webhooks;

/// <summary>
/// <see cref="ZaloWebhookDeduplicator"/>: the de-duplication guarantees of the webhook endpoint,
/// for a queue consumer without a web server (a plain service provider, no ASP.NET Core).
/// </summary>
public class DeduplicatorTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private static readonly byte[] Body = Fixtures.Bytes("Webhooks", "user_send_text");

    [Fact]
    public async Task A_queue_consumer_verifies_parses_and_handles_an_event_once_across_redeliveries()
    {
        var log = new List<string>();
        await using var host = Host(new TestStore(), b => b.AddWebhookHandler<UserSendTextEvent, TextHandler>(), log);
        var verifier = host.Services.GetRequiredService<ZaloWebhookVerifier>();
        var dispatcher = host.Services.GetRequiredService<ZaloWebhookDispatcher>();
        var deduplicator = host.Services.GetRequiredService<ZaloWebhookDeduplicator>();
        var outcomes = new List<ZaloWebhookProcessingOutcome>();

        // Zalo delivers the same signed body twice (at-least-once); each copy comes off the queue.
        var body = WebhookSigner.StampedAt(Body, host.Time.GetUtcNow());
        for (var delivery = 0; delivery < 2; delivery++)
        {
            var result = verifier.VerifyAndParse(body.ToArray(), WebhookSigner.Sign(body), out var e);
            Assert.Equal(ZaloWebhookVerificationStatus.Valid, result.Status);
            Assert.NotNull(e);
            outcomes.Add(await deduplicator.ProcessAsync(e, dispatcher.DispatchAsync, TestContext.Current.CancellationToken));
        }

        Assert.Equal([ZaloWebhookProcessingOutcome.Handled, ZaloWebhookProcessingOutcome.Duplicate], outcomes);
        Assert.Equal(["text:Xin chào"], log);
    }

    [Fact]
    public async Task The_claim_and_the_mark_use_the_configured_lease_and_window()
    {
        var store = new TestStore();
        await using var host = Host(store, configure: o => (o.ProcessingLease, o.DeduplicationWindow, o.TimestampTolerance) = (TimeSpan.FromMinutes(3), TimeSpan.FromHours(2), TimeSpan.FromHours(2)));

        await Deduplicator(host).ProcessAsync(Parse(), static (_, _) => Task.CompletedTask, TestContext.Current.CancellationToken);

        Assert.Equal(
            ["begin user_send_text:m-text 00:03:00", "complete user_send_text:m-text 02:00:00"],
            store.Calls);
    }

    [Fact]
    public async Task A_failing_handler_releases_the_claim_and_its_exception_propagates_so_a_redelivery_runs_it()
    {
        var store = new TestStore();
        await using var host = Host(store);
        var deduplicator = Deduplicator(host);
        var attempts = 0;
        Task Handler(ZaloWebhookEvent e, CancellationToken ct) =>
            ++attempts == 1 ? throw new InvalidOperationException("handler failure for the test") : Task.CompletedTask;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => deduplicator.ProcessAsync(Parse(), Handler, TestContext.Current.CancellationToken));
        var redelivery = await deduplicator.ProcessAsync(Parse(), Handler, TestContext.Current.CancellationToken);

        Assert.Equal("handler failure for the test", ex.Message);
        Assert.Equal((ZaloWebhookProcessingOutcome.Handled, 2), (redelivery, attempts));
        Assert.Equal(["begin user_send_text:m-text 00:10:00", "abandon user_send_text:m-text", "begin user_send_text:m-text 00:10:00", "complete user_send_text:m-text 1.00:00:00"], store.Calls);
    }

    [Fact]
    public async Task A_cancelled_handler_releases_the_claim()
    {
        var store = new TestStore();
        await using var host = Host(store);
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Deduplicator(host).ProcessAsync(Parse(), async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }, cts.Token));

        Assert.Equal(["begin user_send_text:m-text 00:10:00", "abandon user_send_text:m-text"], store.Calls);
    }

    [Fact]
    public async Task Marking_done_that_fails_twice_is_tried_a_third_time_and_the_handler_runs_once()
    {
        var store = new TestStore { CompleteFailures = 2 };
        await using var host = Host(store);
        var runs = 0;

        var outcome = await Deduplicator(host).ProcessAsync(Parse(), (_, _) => { runs++; return Task.CompletedTask; }, TestContext.Current.CancellationToken);

        Assert.Equal((ZaloWebhookProcessingOutcome.Handled, 1, 3), (outcome, runs, store.Calls.Count(c => c.StartsWith("complete", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Marking_done_that_keeps_failing_keeps_the_claim_until_the_lease_ends_without_rerunning_the_handler()
    {
        var store = new TestStore { CompleteFailures = int.MaxValue };
        await using var host = Host(store);
        var deduplicator = Deduplicator(host);
        var runs = 0;
        Task Handler(ZaloWebhookEvent e, CancellationToken ct)
        {
            runs++;
            return Task.CompletedTask;
        }

        var first = await deduplicator.ProcessAsync(Parse(), Handler, TestContext.Current.CancellationToken);
        var within = await deduplicator.ProcessAsync(Parse(), Handler, TestContext.Current.CancellationToken);
        store.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var after = await deduplicator.ProcessAsync(Parse(), Handler, TestContext.Current.CancellationToken);

        Assert.Equal(
            (ZaloWebhookProcessingOutcome.HandledButNotMarked, ZaloWebhookProcessingOutcome.Duplicate, ZaloWebhookProcessingOutcome.HandledButNotMarked),
            (first, within, after));
        Assert.Equal(2, runs);
        Assert.DoesNotContain(store.Calls, c => c.StartsWith("abandon", StringComparison.Ordinal));
        Assert.Equal(2 * ZaloWebhookDeduplicator.CompleteAttempts, store.Calls.Count(c => c.StartsWith("complete", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_release_the_store_refuses_does_not_hide_the_handlers_exception()
    {
        var store = new TestStore { AbandonFails = true };
        await using var host = Host(store);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Deduplicator(host).ProcessAsync(Parse(), (_, _) => throw new InvalidOperationException("handler failure for the test"), TestContext.Current.CancellationToken));

        Assert.Equal("handler failure for the test", ex.Message);
        Assert.False(await Deduplicator(host).AbandonAsync(Parse(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task When_the_store_cannot_claim_nothing_runs_and_the_stores_exception_propagates()
    {
        var store = new TestStore { BeginFails = true };
        await using var host = Host(store);
        var runs = 0;

        await Assert.ThrowsAsync<TimeoutException>(() =>
            Deduplicator(host).ProcessAsync(Parse(), (_, _) => { runs++; return Task.CompletedTask; }, TestContext.Current.CancellationToken));

        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task Start_up_validation_refuses_a_window_shorter_than_the_lease()
    {
        await using var host = Host(new TestStore(), configure: o => (o.ProcessingLease, o.DeduplicationWindow, o.TimestampTolerance) = (TimeSpan.FromHours(1), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30)));

        var ex = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptionsMonitor<ZaloWebhookOptions>>().CurrentValue);
        Assert.Equal(
            ["Zalo:Webhooks:DeduplicationWindow (00:30:00) must be at least Zalo:Webhooks:ProcessingLease (01:00:00): a handled event must be remembered at least as long as one being handled."],
            ex.Failures);
    }

    private static ZaloWebhookEvent Parse() => ZaloWebhookParser.Parse(Body);

    private static ZaloWebhookDeduplicator Deduplicator(ZaloTestHost host) => host.Services.GetRequiredService<ZaloWebhookDeduplicator>();

    private static ZaloTestHost Host(TestStore store, Action<ZaloOABuilder>? builder = null, List<string>? log = null, Action<ZaloWebhookOptions>? configure = null) =>
        new(configureServices: s =>
        {
            s.AddSingleton(log ?? []);
            var b = new ZaloOABuilder(s).AddWebhooks(configure);
            s.RemoveAll<IZaloWebhookDeduplicationStore>();
            s.AddSingleton<IZaloWebhookDeduplicationStore>(store);
            builder?.Invoke(b);
        });

    private sealed class TextHandler(List<string> log) : IZaloWebhookHandler<UserSendTextEvent>
    {
        public Task HandleAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken)
        {
            log.Add("text:" + webhookEvent.Text);
            return Task.CompletedTask;
        }
    }

    /// <summary>The in-memory store on its own fake clock, recording calls; each call can be made to fail.</summary>
    private sealed class TestStore : IZaloWebhookDeduplicationStore
    {
        private readonly InMemoryZaloWebhookDeduplicationStore _inner;
        private int _completeCalls;

        public TestStore()
        {
            _inner = new InMemoryZaloWebhookDeduplicationStore(Time);
        }

        public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new();

        public List<string> Calls { get; } = [];

        public bool BeginFails { get; init; }

        public int CompleteFailures { get; init; }

        public bool AbandonFails { get; init; }

        public ValueTask<bool> TryBeginAsync(string key, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            Calls.Add($"begin {key} {lease}");
            return BeginFails ? throw new TimeoutException("store unavailable (test)") : _inner.TryBeginAsync(key, lease, cancellationToken);
        }

        public ValueTask CompleteAsync(string key, TimeSpan retention, CancellationToken cancellationToken = default)
        {
            Calls.Add($"complete {key} {retention}");
            return ++_completeCalls <= CompleteFailures ? throw new InvalidOperationException("store unavailable (test)") : _inner.CompleteAsync(key, retention, cancellationToken);
        }

        public ValueTask AbandonAsync(string key, CancellationToken cancellationToken = default)
        {
            Calls.Add($"abandon {key}");
            return AbandonFails ? throw new InvalidOperationException("store unavailable (test)") : _inner.AbandonAsync(key, cancellationToken);
        }
    }
}
