namespace ZaloOA.Sdk.Redis;

/// <summary>
/// Another instance held the refresh lock of an OA for longer than
/// <see cref="ZaloRedisOptions.LockWaitTimeout"/>. Nothing was refreshed by this instance; the
/// holder's lease ends by itself, so a later call will get the lock.
/// </summary>
public class ZaloRefreshLockTimeoutException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="oaId">The Official Account whose lock could not be taken.</param>
    /// <param name="waited">How long this instance waited.</param>
    public ZaloRefreshLockTimeoutException(string oaId, TimeSpan waited)
        : base($"Waited {waited.TotalSeconds:0.#} s for the Redis refresh lock of OA {oaId}, which another instance holds; giving up (Zalo:Redis:LockWaitTimeout). No refresh was attempted by this instance.")
    {
        OaId = oaId;
        Waited = waited;
    }

    /// <summary>For mocking.</summary>
    protected ZaloRefreshLockTimeoutException()
        : base("Timed out waiting for the Redis refresh lock.")
    {
        OaId = string.Empty;
    }

    /// <summary>The Official Account whose lock could not be taken.</summary>
    public string OaId { get; }

    /// <summary>How long this instance waited.</summary>
    public TimeSpan Waited { get; }

    /// <summary>True: the lock's lease ends by itself, so a later call can succeed.</summary>
    public override bool IsTransient => true;
}
