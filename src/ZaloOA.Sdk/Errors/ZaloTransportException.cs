using System.Net;

namespace ZaloOA.Sdk;

/// <summary>
/// The request did not produce a Zalo answer: the connection failed, the call timed out, or the
/// server answered with an HTTP error and no Zalo envelope (a proxy's 502 page, say).
/// </summary>
public class ZaloTransportException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and what to check.</param>
    /// <param name="httpStatus">The HTTP status when a response arrived, else null.</param>
    /// <param name="isTransient">Whether a later retry may succeed.</param>
    /// <param name="innerException">The underlying network or timeout exception.</param>
    /// <param name="retryAfter">The server's Retry-After hint, when it sent one.</param>
    public ZaloTransportException(string message, HttpStatusCode? httpStatus, bool isTransient, Exception? innerException = null, TimeSpan? retryAfter = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        Transient = isTransient;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status when a response arrived; null for connection failures and timeouts.</summary>
    public HttpStatusCode? HttpStatus { get; }

    /// <summary>The server's <c>Retry-After</c> hint, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    private bool Transient { get; }

    /// <inheritdoc />
    public override bool IsTransient => Transient;
}
