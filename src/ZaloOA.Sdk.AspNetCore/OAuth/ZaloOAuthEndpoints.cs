using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.OfficialAccount;

namespace ZaloOA.Sdk.AspNetCore.OAuth;

/// <summary>Endpoint metadata marking the consent start and callback, so the start endpoint can
/// find the callback's route (the one source of <c>redirect_uri</c>).</summary>
internal sealed class ZaloOAuthEndpointMarker(bool isCallback)
{
    public bool IsCallback { get; } = isCallback;
}

/// <summary>The consent start and callback handlers.</summary>
/// <remarks>
/// The callback's <c>oa_id</c> is only a claim: an officer who consents for an OA they control can
/// edit it to another OA's id. So the new access token is first used to ask Zalo which OA it belongs
/// to (<c>GET /v2.0/oa/getoa</c>, through the SDK's connection), the application may refuse
/// (<see cref="ZaloOAuthEndpointOptions.OnAuthorizing"/>), and only then are the tokens stored.
/// </remarks>
internal sealed partial class ZaloOAuthEndpoints(
    ZaloOAuthClient oauth,
    IZaloOAClientFactory clients,
    IZaloTokenManager tokens,
    IDataProtectionProvider dataProtection,
    IOptions<ZaloOAuthEndpointOptions> options,
    TimeProvider time,
    ILogger<ZaloOAuthEndpoints> logger)
{
    // v2: the payload gained the person the consent is bound to.
    private readonly IDataProtector _protector = dataProtection.CreateProtector("ZaloOA.AspNetCore.OAuth.v2");
    private string? _callbackPath;

    public Task StartAsync(HttpContext context)
    {
        var o = options.Value;
        var person = string.Empty;
        if (o.BindStateToUser)
        {
            if (PersonOf(context.User) is not { } signedIn)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return context.Response.WriteAsync("Sign in before connecting a Zalo Official Account.", context.RequestAborted);
            }

            // Only a hash of the person's id rides in the (encrypted) cookie.
            person = Hash(signedIn);
        }

        var redirect = o.RedirectUri ?? new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{CallbackPath(context.RequestServices)}");
        var request = oauth.CreateAuthorizationRequest(redirect);
        var expires = time.GetUtcNow() + o.CookieLifetime;
        var payload = string.Join('\n', request.State, request.CodeVerifier ?? string.Empty, expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), person);
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
        string? state = query["state"], code = query["code"], claimedOaId = query["oa_id"];
        var cookie = context.Request.Cookies[o.CookieName];
        context.Response.Cookies.Delete(o.CookieName, new CookieOptions { Path = "/" });
        if (!TryReadCookie(cookie, out var expectedState, out var verifier, out var person) || state is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(state), Encoding.UTF8.GetBytes(expectedState)))
        {
            LogStateRejected(logger);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("The Zalo consent could not be matched to a request started here (missing or wrong state). Start again.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // Checked before the code is spent: a consent started by one person and completed in
        // another person's session (a forwarded link, a shared computer) changes nothing.
        if (o.BindStateToUser && (PersonOf(context.User) is not { } current || !string.Equals(Hash(current), person, StringComparison.Ordinal)))
        {
            LogUserMismatch(logger);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.UserMismatch);
            return;
        }

        if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(claimedOaId))
        {
            Redirect(context, o.ErrorRedirect, "error", query["error"].FirstOrDefault() ?? "access_denied");
            return;
        }

        if (claimedOaId.Length > 32 || !claimedOaId.All(char.IsAsciiDigit))
        {
            LogMalformedOaId(logger);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.OaMismatch);
            return;
        }

        ZaloTokenResponse response;
        ZaloOfficialAccountInfo oa;
        try
        {
            response = await oauth.ExchangeCodeAsync(code, verifier, context.RequestAborted).ConfigureAwait(false);
            // ExchangeCodeAsync never returns an answer without an access token.
            oa = await clients.GetClient(claimedOaId).OfficialAccount.GetAsync(response.AccessToken!, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ZaloOAuthException ex)
        {
            LogExchangeFailed(logger, claimedOaId, ex.Error);
            Redirect(context, o.ErrorRedirect, "error", ex.Error?.ToString(CultureInfo.InvariantCulture) ?? ex.ErrorName ?? "oauth_error");
            return;
        }
        catch (ZaloApiException ex)
        {
            LogOaUnverified(logger, claimedOaId, ex.ErrorCode.Value);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.OaUnverified);
            return;
        }
        catch (ZaloException ex)
        {
            LogCallbackFailed(logger, ex, claimedOaId);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.Unavailable);
            return;
        }

        if (string.IsNullOrEmpty(oa.Id))
        {
            LogOaUnverified(logger, claimedOaId, null);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.OaUnverified);
            return;
        }

        if (!string.Equals(oa.Id, claimedOaId, StringComparison.Ordinal))
        {
            LogOaMismatch(logger, claimedOaId, oa.Id);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.OaMismatch);
            return;
        }

        var oaId = oa.Id;
        if (o.OnAuthorizing is { } onAuthorizing)
        {
            var authorizing = new ZaloOAuthorizingContext(context, oa);
            try
            {
                await onAuthorizing(authorizing).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                LogAuthorizingHookFailed(logger, ex, oaId);
                Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.AuthorizingHookFailed);
                return;
            }

            if (authorizing.RefusedWith is { } refusal)
            {
                LogRefused(logger, oaId, refusal);
                Redirect(context, o.ErrorRedirect, "error", refusal);
                return;
            }
        }

        try
        {
            await tokens.SaveAuthorizationAsync(oaId, response, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ZaloException ex)
        {
            LogCallbackFailed(logger, ex, oaId);
            Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.Unavailable);
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
                Redirect(context, o.ErrorRedirect, "error", ZaloOAuthCallbackErrors.AuthorizedHookFailed);
                return;
            }
        }

        Redirect(context, o.SuccessRedirect, "oa_id", oaId);
    }

    /// <summary>The path of the mapped callback (with its route group's prefix), found once among
    /// the app's endpoints. Throws, naming what to fix, when it is missing, mapped twice, has
    /// route parameters, or disagrees with <see cref="ZaloOAuthEndpointOptions.RedirectUri"/>.</summary>
    public string CallbackPath(IServiceProvider services)
    {
        if (_callbackPath is { } known)
        {
            return known;
        }

        var callbacks = EndpointsMarked(services, callback: true);
        if (callbacks.Count != 1)
        {
            throw new InvalidOperationException(callbacks.Count == 0
                ? "MapZaloOAuthStart is mapped but the callback is not: map it with app.MapZaloOAuthCallback(pattern); the start endpoint sends Zalo that route as redirect_uri."
                : $"MapZaloOAuthCallback is mapped {callbacks.Count} times ({string.Join(", ", callbacks.Select(c => c.RoutePattern.RawText))}); map it once, so Zalo is sent one redirect_uri.");
        }

        var pattern = callbacks[0].RoutePattern;
        if (pattern.Parameters.Count > 0)
        {
            throw new InvalidOperationException($"The Zalo OAuth callback route \"{pattern.RawText}\" has parameters; map it at a fixed path (the redirect_uri registered for the app).");
        }

        var path = "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.OfType<RoutePatternLiteralPart>().Select(p => p.Content))));
        if (options.Value.RedirectUri is { } redirect
            && (!redirect.IsAbsoluteUri || !Uri.UnescapeDataString(redirect.AbsolutePath).TrimEnd('/').EndsWith(path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"ZaloOAuthEndpointOptions.RedirectUri \"{redirect}\" does not lead to the mapped callback \"{path}\": Zalo would send the person to a page that does not exist. Make its path end with \"{path}\", or leave it null to build it from the request.");
        }

        return _callbackPath = path;
    }

    /// <summary>Runs the callback-path checks when the app has started (a start endpoint mapped),
    /// so a mismatch stops the host instead of sending the first person to a 404.</summary>
    internal void CheckMappedEndpoints(IServiceProvider services)
    {
        if (EndpointsMarked(services, callback: false).Count > 0)
        {
            _ = CallbackPath(services);
        }
    }

    private static List<RouteEndpoint> EndpointsMarked(IServiceProvider services, bool callback) =>
        (services.GetService<EndpointDataSource>()?.Endpoints ?? [])
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ZaloOAuthEndpointMarker>() is { } marker && marker.IsCallback == callback)
            .ToList();

    /// <summary>The signed-in person's id (NameIdentifier, else name), or null when nobody is signed in.</summary>
    private static string? PersonOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id : user.Identity.Name is { Length: > 0 } name ? name : null
            : null;

    private static string Hash(string person) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(person)));

    private bool TryReadCookie(string? cookie, out string state, out string? verifier, out string person)
    {
        state = person = string.Empty;
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
        if (parts.Length != 4 || !long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires)
            || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return false;
        }

        state = parts[0];
        verifier = parts[1].Length == 0 ? null : parts[1];
        person = parts[3];
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

    [LoggerMessage(205, LogLevel.Warning, "Zalo OAuth callback refused: it named OA {ClaimedOaId} but Zalo says the new token belongs to OA {ActualOaId} (an edited callback URL?); nothing stored.")]
    private static partial void LogOaMismatch(ILogger logger, string claimedOaId, string actualOaId);

    [LoggerMessage(206, LogLevel.Warning, "Zalo OAuth callback for OA {OaId} refused: Zalo did not confirm which OA the new token belongs to (error {ErrorCode}); nothing stored.")]
    private static partial void LogOaUnverified(ILogger logger, string oaId, int? errorCode);

    [LoggerMessage(207, LogLevel.Warning, "Zalo OAuth callback refused: its oa_id is not an OA id; nothing exchanged or stored.")]
    private static partial void LogMalformedOaId(ILogger logger);

    [LoggerMessage(208, LogLevel.Warning, "Zalo OAuth callback refused: the consent was started by another person, or nobody is signed in now; nothing exchanged or stored.")]
    private static partial void LogUserMismatch(ILogger logger);

    [LoggerMessage(209, LogLevel.Warning, "The application's OnAuthorizing hook refused OA {OaId} ({Error}); nothing stored.")]
    private static partial void LogRefused(ILogger logger, string oaId, string error);

    [LoggerMessage(210, LogLevel.Error, "The application's OnAuthorizing hook failed for OA {OaId}; nothing stored, the person was sent to ErrorRedirect.")]
    private static partial void LogAuthorizingHookFailed(ILogger logger, Exception exception, string oaId);
}

/// <summary>Validates <see cref="ZaloOAuthEndpointOptions"/> (source-generated, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ZaloOAuthEndpointOptionsValidator : IValidateOptions<ZaloOAuthEndpointOptions>;

/// <summary>The consent endpoints' rule on <see cref="ZaloOAOptions"/>: the callback exchanges
/// codes at Zalo's token endpoint, which needs the app secret.</summary>
internal sealed class ZaloOAuthSecretKeyValidator : IValidateOptions<ZaloOAOptions>
{
    // With refresh tokens in Zalo:Accounts the options' own rule already asks for the key: one message.
    public ValidateOptionsResult Validate(string? name, ZaloOAOptions options) =>
        string.IsNullOrEmpty(options.SecretKey) && !options.Accounts.Any(a => !string.IsNullOrEmpty(a.RefreshToken))
            ? ValidateOptionsResult.Fail("Zalo:SecretKey is required: the OAuth endpoints (AddOAuthEndpoints) exchange the consent's code with it. Set it to the app secret from developers.zalo.me (not the OA secret key).")
            : ValidateOptionsResult.Success;
}

/// <summary>Checks the mapped consent endpoints once the app has started (the endpoints are
/// mapped and the pipeline built by then); a failure stops the host with the reason.</summary>
internal sealed class ZaloOAuthEndpointsCheck(ZaloOAuthEndpoints endpoints, IServiceProvider services) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        endpoints.CheckMappedEndpoints(services);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
