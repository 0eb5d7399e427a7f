using Microsoft.Extensions.Time.Testing;

namespace ZaloOA.Tests.Common;

/// <summary>Drives code that waits on a <see cref="FakeTimeProvider"/> (polling loops, backoff).</summary>
public static class FakeClock
{
    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> repeatedly until
    /// <paramref name="task"/> completes, yielding briefly between steps so the awaited HTTP calls
    /// and timers run. No real waiting happens on the code under test's timers. The clock also
    /// moves while an HTTP call is in flight, and the SDK's resilience timeouts read the same
    /// clock: give the host long attempt/total timeouts so a loopback call cannot time out.
    /// </summary>
    public static async Task<T> RunUntilCompleteAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step, int maxSteps = 100_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Yield();
            await Task.WhenAny(task, Task.Delay(1));
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }

        return await task;
    }
}
