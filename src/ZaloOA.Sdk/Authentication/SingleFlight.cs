using System.Collections.Concurrent;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// At most one run of some work per key at a time: callers that arrive while it runs get the same
/// task. The key is released just before the task completes, so nobody joins a finished run and a
/// failure is never cached: the next caller starts a new run.
/// </summary>
/// <typeparam name="T">What the work produces.</typeparam>
internal sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Task<T>> _running = new(StringComparer.Ordinal);

    /// <summary>Whether a run for <paramref name="key"/> is in progress.</summary>
    public bool IsRunning(string key) => _running.ContainsKey(key);

    /// <summary>
    /// The running task for <paramref name="key"/>, or a new run of <paramref name="work"/>.
    /// <paramref name="started"/> tells whether this call started it. The work runs on the thread
    /// pool and is never cancelled by a caller: callers give up by their own wait.
    /// </summary>
    public Task<T> Run<TState>(string key, TState state, Func<TState, Task<T>> work, out bool started)
    {
        if (_running.TryGetValue(key, out var running))
        {
            started = false;
            return running;
        }

        var mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _running.GetOrAdd(key, mine.Task);
        started = task == mine.Task;
        if (started)
        {
            // Exactly one caller starts the work: GetOrAdd with a factory could start several.
            _ = RunAsync(key, state, work, mine);
        }

        return task;
    }

    private async Task RunAsync<TState>(string key, TState state, Func<TState, Task<T>> work, TaskCompletionSource<T> completion)
    {
        // Leave the starting caller's synchronous context at once; the work runs on the pool.
        await Task.Yield();
        try
        {
            var result = await work(state).ConfigureAwait(false);
            _running.TryRemove(new KeyValuePair<string, Task<T>>(key, completion.Task));
            completion.TrySetResult(result);
        }
        catch (Exception ex)
        {
            _running.TryRemove(new KeyValuePair<string, Task<T>>(key, completion.Task));
            completion.TrySetException(ex);
        }
    }
}
