using System.Net;

namespace ZaloOA.Sdk;

/// <summary>
/// Zalo (or something in between) answered with a body the SDK cannot read as a Zalo envelope:
/// malformed or truncated JSON, an HTML page, or an envelope without the expected <c>data</c>.
/// </summary>
public class ZaloResponseFormatException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong with the body.</param>
    /// <param name="httpStatus">The HTTP status of the response.</param>
    /// <param name="rawBody">The body as received (cut to 4 KB).</param>
    /// <param name="innerException">The JSON parser's exception, when there was one.</param>
    public ZaloResponseFormatException(string message, HttpStatusCode httpStatus, string rawBody, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        RawBody = rawBody;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The body as received, cut to its first 4 KB.</summary>
    public string RawBody { get; }

    /// <summary>
    /// A garbled body on a 5xx is usually a passing proxy fault; a garbled body on 200 is not.
    /// </summary>
    public override bool IsTransient => (int)HttpStatus >= 500;
}
