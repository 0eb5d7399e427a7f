using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Tests.Authentication;

public class SingleFlightTests
{
    [Fact]
    public async Task Callers_arriving_while_a_run_is_in_flight_share_its_task_and_start_nothing()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var first = flights.Run("oa", gate, g => { Interlocked.Increment(ref runs); return g.Task; }, out var firstStarted);
        var second = flights.Run("oa", gate, g => { Interlocked.Increment(ref runs); return g.Task; }, out var secondStarted);
        gate.SetResult("token");

        Assert.Same(first, second);
        Assert.True(firstStarted);
        Assert.False(secondStarted);
        Assert.Equal("token", await second);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_thousand_callers_of_one_run_all_get_its_result_from_one_run()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var waiters = Enumerable.Range(0, 1000).Select(i => flights.Run("oa", gate, g => { Interlocked.Increment(ref runs); return g.Task; }, out _)).ToArray();
        gate.SetResult("token");
        var results = await Task.WhenAll(waiters);

        Assert.Equal(1, runs);
        Assert.All(results, r => Assert.Equal("token", r));
    }

    [Fact]
    public async Task A_failure_reaches_every_caller_of_the_run()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiters = Enumerable.Range(0, 50).Select(i => flights.Run("oa", gate, g => g.Task, out _)).ToArray();
        gate.SetException(new InvalidOperationException("store down"));

        foreach (var waiter in waiters)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => waiter);
            Assert.Equal("store down", ex.Message);
        }
    }

    [Fact]
    public async Task A_waiter_that_blocks_in_its_continuation_does_not_hold_the_run_or_the_next_one()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = flights.Run("oa", gate, g => g.Task, out _);
        var blocker = first.ContinueWith(_ => { blocked.SetResult(); release.Wait(TestContext.Current.CancellationToken); }, TestContext.Current.CancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        gate.SetResult("old");
        await blocked.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // The run left the flight before any waiter resumed, so the next caller starts a new one.
        var next = flights.Run("oa", 0, _ => Task.FromResult("new"), out var started);

        Assert.True(started);
        Assert.Equal("new", await next.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        release.Set();
        await blocker;
    }

    [Fact]
    public async Task A_failed_run_is_not_cached_the_next_caller_starts_afresh()
    {
        var flights = new SingleFlight<string>();

        var failed = flights.Run("oa", 0, _ => Task.FromException<string>(new InvalidOperationException("store down")), out _);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        var next = flights.Run("oa", 0, _ => Task.FromResult("token"), out var started);

        Assert.True(started);
        Assert.Equal("token", await next);
        Assert.False(flights.IsRunning("oa"));
    }

    [Fact]
    public async Task Keys_run_independently()
    {
        var flights = new SingleFlight<string>();
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        var a = flights.Run("oa-a", gate, g => g.Task, out _);
        var b = flights.Run("oa-b", 0, _ => Task.FromResult("b"), out var bStarted);

        Assert.True(bStarted);
        Assert.Equal("b", await b);
        Assert.True(flights.IsRunning("oa-a"));
        gate.SetResult("a");
        Assert.Equal("a", await a);
    }
}
