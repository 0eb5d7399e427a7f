using Microsoft.Extensions.Time.Testing;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The wake-up the intake gives the outbox and media workers.</summary>
public sealed class WorkSignalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signal_after_a_timed_out_wait_wakes_the_next_wait_at_once()
    {
        var signal = new OutboxWorkSignal();
        var time = new FakeTimeProvider();
        var first = signal.WaitAsync(TimeSpan.FromSeconds(5), time, Ct);
        time.Advance(TimeSpan.FromSeconds(5));
        await first.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        signal.Notify();

        // The fake clock stands still: only the signal can end this wait.
        await signal.WaitAsync(TimeSpan.FromSeconds(5), time, Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Wait_ends_at_its_timeout_without_a_signal()
    {
        var signal = new MediaWorkSignal();
        var time = new FakeTimeProvider();
        var wait = signal.WaitAsync(TimeSpan.FromSeconds(5), time, Ct);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await wait.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }
}
