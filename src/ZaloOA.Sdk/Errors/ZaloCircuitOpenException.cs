namespace ZaloOA.Sdk;

/// <summary>
/// The call was not sent: the circuit breaker of this Official Account is open because its recent
/// calls kept failing with transient errors (see <see cref="ZaloCircuitBreakerOptions"/>). Calls
/// of other OAs are not affected. Always transient: retry after <see cref="ZaloTransportException.RetryAfter"/>.
/// </summary>
public class ZaloCircuitOpenException : ZaloTransportException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="oaId">The Official Account whose circuit is open.</param>
    /// <param name="operation">The SDK operation that was refused, for example <c>messages.send</c>.</param>
    /// <param name="retryAfter">How long until the circuit lets a trial call through, when known.</param>
    /// <param name="innerException">The circuit breaker's own exception.</param>
    public ZaloCircuitOpenException(string oaId, string operation, TimeSpan? retryAfter, Exception? innerException = null)
        : base(BuildMessage(oaId, operation, retryAfter), null, isTransient: true, innerException, retryAfter)
    {
        OaId = oaId;
        Operation = operation;
    }

    /// <summary>The Official Account whose circuit is open.</summary>
    public string OaId { get; }

    /// <summary>The SDK operation that was refused, for example <c>messages.send</c>.</summary>
    public string Operation { get; }

    private static string BuildMessage(string oaId, string operation, TimeSpan? retryAfter)
    {
        var when = retryAfter is { } wait
            ? $"it lets a trial call through in {Math.Max(0, wait.TotalSeconds):0.#} s"
            : "it lets a trial call through after Zalo:CircuitBreaker:BreakDuration";
        return $"Zalo call {operation} was not sent: the circuit breaker for OA {oaId} is open because its recent calls kept failing (HTTP 5xx, timeouts or dropped connections); {when}. Other OAs are not affected.";
    }
}
