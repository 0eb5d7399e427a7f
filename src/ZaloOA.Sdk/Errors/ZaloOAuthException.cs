using System.Net;

namespace ZaloOA.Sdk;

/// <summary>
/// The OAuth server refused a code exchange or a token refresh. Zalo sends these with HTTP 200 as
/// <c>{"error":-14014,"error_name":"Invalid refresh token.", ...}</c>, sometimes without a numeric
/// <c>error</c>; a body with no <c>access_token</c> is always treated as this failure.
/// </summary>
public class ZaloOAuthException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Zalo's numeric <c>error</c>, or null when the body had none.</param>
    /// <param name="errorName">Zalo's <c>error_name</c>.</param>
    /// <param name="errorDescription">Zalo's <c>error_description</c> or <c>error_reason</c>.</param>
    /// <param name="httpStatus">The HTTP status of the response.</param>
    /// <param name="rawBody">The response body with any token values masked.</param>
    /// <param name="message">The exception message; built from the other values when null.</param>
    public ZaloOAuthException(int? error, string? errorName, string? errorDescription, HttpStatusCode httpStatus, string rawBody, string? message = null)
        : base(message ?? BuildMessage(error, errorName, errorDescription))
    {
        Error = error;
        ErrorName = errorName;
        ErrorDescription = errorDescription;
        HttpStatus = httpStatus;
        RawBody = rawBody;
    }

    /// <summary>Zalo's numeric OAuth error (-14002 invalid app id, -14003 invalid redirect uri,
    /// -14004 wrong secret key, -14005 invalid or used code, -14014 invalid refresh token, -14018
    /// invalid grant type), or null when the body carried none.</summary>
    public int? Error { get; }

    /// <summary>Zalo's <c>error_name</c>.</summary>
    public string? ErrorName { get; }

    /// <summary>Zalo's <c>error_description</c> (or <c>error_reason</c>).</summary>
    public string? ErrorDescription { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode HttpStatus { get; }

    /// <summary>The response body as received, with token values masked.</summary>
    public string RawBody { get; }

    /// <summary>True when Zalo says the refresh token is invalid, expired or already used (-14014):
    /// the OA must be authorised again.</summary>
    public bool IsInvalidRefreshToken => Error == -14014;

    /// <summary>True when the authorization code is invalid, expired or already used (-14005).</summary>
    public bool IsInvalidAuthorizationCode => Error == -14005;

    /// <inheritdoc />
    public override bool IsTransient => (int)HttpStatus >= 500 || HttpStatus == HttpStatusCode.TooManyRequests;

    private static string BuildMessage(int? error, string? name, string? description)
    {
        var code = error is null ? "no error code" : $"error {error}";
        return $"Zalo OAuth refused the request ({code}): {name} {description}".TrimEnd();
    }
}
