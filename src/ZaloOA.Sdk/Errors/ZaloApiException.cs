using System.Net;

namespace ZaloOA.Sdk;

/// <summary>
/// Zalo answered with an error envelope (<c>{"error": -230, "message": "..."}</c>). Zalo sends most
/// of these with HTTP 200, so this is thrown whatever the HTTP status was.
/// </summary>
public class ZaloApiException : ZaloException
{
    /// <summary>Creates the exception from a parsed error envelope.</summary>
    /// <param name="errorCode">Zalo's numeric <c>error</c> field.</param>
    /// <param name="zaloMessage">Zalo's <c>message</c> field, as sent.</param>
    /// <param name="httpStatus">The HTTP status the error arrived with (usually 200).</param>
    /// <param name="rawBody">The response body exactly as received.</param>
    /// <param name="operation">The SDK operation that failed, for example <c>messages.send</c>.</param>
    public ZaloApiException(ZaloErrorCode errorCode, string? zaloMessage, HttpStatusCode httpStatus, string rawBody, string? operation = null)
        : base(BuildMessage(errorCode, zaloMessage, operation))
    {
        ErrorCode = errorCode;
        ZaloMessage = zaloMessage;
        HttpStatus = httpStatus;
        RawBody = rawBody;
        Operation = operation;
    }

    /// <summary>Zalo's error code; compare with the named values on <see cref="ZaloErrorCode"/>.</summary>
    public ZaloErrorCode ErrorCode { get; }

    /// <summary>Zalo's own message text, as sent (may be English or Vietnamese).</summary>
    public string? ZaloMessage { get; }

    /// <summary>The HTTP status code of the response (Zalo sends most errors with 200).</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The response body exactly as received, for logs and support tickets.</summary>
    public string RawBody { get; }

    /// <summary>The SDK operation that failed, such as <c>messages.send</c>, when known.</summary>
    public string? Operation { get; }

    /// <summary>True when the code is a transient one (<see cref="ZaloErrorCode.IsTransient"/>) or
    /// the envelope came with HTTP 5xx or 429: a server in trouble may answer differently later
    /// whatever code it put in the body.</summary>
    public override bool IsTransient =>
        ErrorCode.IsTransient || (int)HttpStatus >= 500 || HttpStatus == HttpStatusCode.TooManyRequests;

    private static string BuildMessage(ZaloErrorCode code, string? zaloMessage, string? operation)
    {
        var what = operation is null ? "Zalo" : $"Zalo ({operation})";
        var said = zaloMessage?.Trim().TrimEnd('.');
        var meaning = code.Description;
        // Zalo's text first, then what the SDK knows of the code, unless that already says it
        // (-230's description restates Zalo's "User has not interacted with the OA in the past 7
        // days"): each sentence once. ZaloMessage keeps Zalo's text as sent.
        return (string.IsNullOrEmpty(said), meaning) switch
        {
            (true, null) => $"{what} returned error {code.Value}.",
            (true, _) => $"{what} returned error {code.Value}: {meaning}",
            (false, null) => $"{what} returned error {code.Value}: {said}.",
            _ when meaning.Contains(said!, StringComparison.OrdinalIgnoreCase) => $"{what} returned error {code.Value}: {meaning}",
            _ => $"{what} returned error {code.Value}: {said}. {meaning}",
        };
    }
}
