using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.AspNetCore.OAuth;

/// <summary>The consent start and callback handlers.</summary>
internal sealed partial class ZaloOAuthEndpoints(
    ZaloOAuthClient oauth,
    IZaloTokenManager tokens,
    IDataProtectionProvider dataProtection,
    IOptions<ZaloOAuthEndpointOptions> options,
    TimeProvider time,
    ILogger<ZaloOAuthEndpoints> logger)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("ZaloOA.AspNetCore.OAuth.v1");

    public Task StartAsync(HttpContext context)
    {
        var o = options.Value;
        var redirect = o.RedirectUri ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{o.CallbackPath}");
        var request = oauth.CreateAuthorizationRequest(redirect);
        var expires = time.GetUtcNow() + o.CookieLifetime;
        var payload = string.Join('\n', request.State, request.CodeVerifier ?? string.Empty, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        context.Response.Cookies.Append(o.CookieName, _protector.Protect(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: the cookie must come back on Zalo's top-level GET redirect to the callback.
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = expires,
            IsEssential = true,
        });
        context.Response.Redirect(request.Url.AbsoluteUri);
        return Task.CompletedTask;
    }

    public async Task CallbackAsync(HttpContext context)
    {
        var o = options.Value;
        var query = context.Request.Query;
        string? state = query["state"], code = query["code"], oaId = query["oa_id"];
        var cookie = context.Request.Cookies[o.CookieName];
        context.Response.Cookies.Delete(o.CookieName, new CookieOptions { Path = "/" });
        if (!TryReadCookie(cookie, out var expectedState, out var verifier) || state is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expectedState)))
        {
            LogStateRejected(logger);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("The Zalo consent could not be matched to a request started here (missing or wrong state). Start again.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(oaId))
        {
            Redirect(context, o.ErrorRedirect, "error", query["error"].FirstOrDefault() ?? "access_denied");
            return;
        }

        try
        {
            var response = await oauth.ExchangeCodeAsync(code, verifier, context.RequestAborted).ConfigureAwait(false);
            await tokens.SaveAuthorizationAsync(oaId, response, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ZaloOAuthException ex)
        {
            LogExchangeFailed(logger, oaId, ex.Error);
            Redirect(context, o.ErrorRedirect, "error", ex.Error?.ToString(CultureInfo.InvariantCulture) ?? ex.ErrorName ?? "oauth_error");
            return;
        }
        catch (ZaloException ex)
        {
            LogCallbackFailed(logger, ex, oaId);
            Redirect(context, o.ErrorRedirect, "error", "unavailable");
            return;
        }

        LogAuthorized(logger, oaId);
        if (o.OnAuthorized is { } onAuthorized)
        {
            // The tokens are stored by now; a failing hook only means the application could not
            // record the link, so the person goes to ErrorRedirect (as documented) instead of a 500.
            try
            {
                await onAuthorized(new ZaloOAuthorizedContext(context, oaId)).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                LogAuthorizedHookFailed(logger, ex, oaId);
                Redirect(context, o.ErrorRedirect, "error", "authorized_hook_failed");
                return;
            }
        }

        Redirect(context, o.SuccessRedirect, "oa_id", oaId);
    }

    private bool TryReadCookie(string? cookie, out string state, out string? verifier)
    {
        state = string.Empty;
        verifier = null;
        if (string.IsNullOrEmpty(cookie))
        {
            return false;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var parts = payload.Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        state = parts[0];
        verifier = parts[1].Length == 0 ? null : parts[1];
        return true;
    }

    private static void Redirect(HttpContext context, string target, string key, string value)
    {
        var separator = target.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        context.Response.Redirect(target + separator + key + "=" + Uri.EscapeDataString(value));
    }

    [LoggerMessage(200, LogLevel.Warning, "Zalo OAuth callback refused: missing, expired or mismatched state.")]
    private static partial void LogStateRejected(ILogger logger);

    [LoggerMessage(201, LogLevel.Warning, "Zalo refused the authorization code for OA {OaId} (error {ErrorCode}).")]
    private static partial void LogExchangeFailed(ILogger logger, string oaId, int? errorCode);

    [LoggerMessage(202, LogLevel.Error, "Zalo OAuth callback for OA {OaId} failed.")]
    private static partial void LogCallbackFailed(ILogger logger, Exception exception, string oaId);

    [LoggerMessage(203, LogLevel.Information, "Zalo OA {OaId} authorised; tokens stored.")]
    private static partial void LogAuthorized(ILogger logger, string oaId);

    [LoggerMessage(204, LogLevel.Error, "The application's OnAuthorized hook failed for OA {OaId}; the tokens are stored, the person was sent to ErrorRedirect.")]
    private static partial void LogAuthorizedHookFailed(ILogger logger, Exception exception, string oaId);
}
