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
