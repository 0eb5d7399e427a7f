namespace ZaloOA.Sdk.Redis;

/// <summary>
/// Redis could not be reached (connection refused or lost, or no answer in time) while taking a
/// refresh lock or reading or writing the token store. The SDK fails closed: without the lock no
/// refresh is attempted, so no single-use refresh token is spent, and an instance that already
/// holds a valid access token in memory keeps using it. Retry once Redis is back.
/// </summary>
public class ZaloRedisUnavailableException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="oaId">The Official Account concerned, or null for an operation on all of them.</param>
    /// <param name="message">What could not be done.</param>
    /// <param name="innerException">The StackExchange.Redis exception.</param>
    public ZaloRedisUnavailableException(string? oaId, string message, Exception? innerException)
        : base(message, innerException)
    {
        OaId = oaId;
    }

    /// <summary>For mocking.</summary>
    protected ZaloRedisUnavailableException()
        : base("Redis is unavailable.")
    {
    }

    /// <summary>The Official Account concerned, or null for an operation on all of them.</summary>
    public string? OaId { get; }

    /// <summary>True: the same call may succeed once Redis is reachable again.</summary>
    public override bool IsTransient => true;
}
