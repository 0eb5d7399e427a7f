using Microsoft.Extensions.Options;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// Hands out permits for token refreshes that are merely due (the access token still works), at
/// most <see cref="ZaloOAOptions.MaxTokenRefreshesPerSecond"/> a second, so that a crowd of OAs
/// falling due together cannot flood Zalo's token endpoint. The token manager asks for one permit
/// before each such refresh; without one it serves the current token and asks again a second
/// later. Expired or rejected tokens are refreshed without a permit, since nothing else could be
/// sent. The default limits this process only; the Redis package's limiter
/// (<c>UseRedis</c>) counts every instance of the app together.
/// </summary>
public interface IZaloTokenRefreshLimiter
{
    /// <summary>
    /// Takes one permit of the current second if any is left. Implementations must not throw for
    /// their own failures (a store they cannot reach): a refresh denied forever would leave every
    /// due OA to run into its expiry, where refreshes are made regardless of the limit.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the answer.</param>
    /// <returns>True when the refresh may start now.</returns>
    ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The default limiter: <see cref="ZaloOAOptions.MaxTokenRefreshesPerSecond"/> permits per second
/// of the <see cref="TimeProvider"/>, counted in this process only (N instances start at most N
/// times as many refreshes).
/// </summary>
public sealed class InProcessZaloTokenRefreshLimiter : IZaloTokenRefreshLimiter
{
    private readonly IOptionsMonitor<ZaloOAOptions> _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _second = long.MinValue;
    private int _used;

    /// <summary>Creates the limiter.</summary>
    /// <param name="options">Read on every call, so a changed limit applies at once.</param>
    /// <param name="timeProvider">The clock whose seconds are the windows.</param>
    public InProcessZaloTokenRefreshLimiter(IOptionsMonitor<ZaloOAOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (second != _second)
            {
                _second = second;
                _used = 0;
            }

            if (_used >= _options.CurrentValue.MaxTokenRefreshesPerSecond)
            {
                return ValueTask.FromResult(false);
            }

            _used++;
            return ValueTask.FromResult(true);
        }
    }
}
