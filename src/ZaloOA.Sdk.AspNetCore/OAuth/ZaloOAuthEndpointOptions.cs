using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.OfficialAccount;

namespace ZaloOA.Sdk.AspNetCore.OAuth;

/// <summary>Settings of the OA consent endpoints (<c>MapZaloOAuthStart</c>, <c>MapZaloOAuthCallback</c>),
/// set in code with <c>AddOAuthEndpoints(o => ...)</c> and validated at start-up.</summary>
/// <remarks>
/// The callback's path is where <c>MapZaloOAuthCallback</c> maps it (route groups included): the
/// start endpoint builds <c>redirect_uri</c> from that route, so the two cannot disagree.
/// </remarks>
public sealed class ZaloOAuthEndpointOptions : IValidatableObject
{
    /// <summary>The callback URL registered for the app, when it cannot be built from the request
    /// (a proxy in front of the app): an absolute http(s) URL whose path ends with the route
    /// <c>MapZaloOAuthCallback</c> mapped, or the host does not start. When null it is built from
    /// the request's scheme, host and path base plus that route.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Where the person is sent after success; <c>?oa_id=&lt;id&gt;</c> is appended. Default <c>/</c>.</summary>
    [ZaloRequired(ErrorMessage = "{0} (AddOAuthEndpoints) is required: a path of your app such as /oa/connected.")]
    public string SuccessRedirect { get; set; } = "/";

    /// <summary>Where the person is sent after a failure; <c>?error=&lt;code&gt;</c> is appended
    /// (Zalo's error code or one of <see cref="ZaloOAuthCallbackErrors"/>). Default <c>/</c>.</summary>
    [ZaloRequired(ErrorMessage = "{0} (AddOAuthEndpoints) is required: a path of your app such as /oa/connected.")]
    public string ErrorRedirect { get; set; } = "/";

    /// <summary>The name of the data-protected cookie holding state and PKCE verifier.</summary>
    [ZaloRequired(ErrorMessage = "{0} (AddOAuthEndpoints) is required (default .ZaloOA.OAuth).")]
    public string CookieName { get; set; } = ".ZaloOA.OAuth";

    /// <summary>How long a started consent stays valid (Zalo's code lives 10 minutes), from 1
    /// minute to 1 hour. Default 15 minutes.</summary>
    [ZaloTimeRange("00:01:00", "01:00:00", ErrorMessage = "{0} (AddOAuthEndpoints) is {1}; it must be between 00:01:00 and 01:00:00 (default 00:15:00).")]
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Binds a consent to the person who started it: the start endpoint refuses (401) when nobody
    /// is signed in and records who is; the callback refuses, storing nothing, when another
    /// person or nobody is signed in (<see cref="ZaloOAuthCallbackErrors.UserMismatch"/>). The
    /// person is the <c>NameIdentifier</c> claim (or the name when there is none). Default false.
    /// </summary>
    public bool BindStateToUser { get; set; }

    /// <summary>
    /// Called after Zalo confirmed which OA was authorised and BEFORE its tokens are stored: decide
    /// here who may connect which OA (the signed-in person, the OA's current owner in your data).
    /// Call <see cref="ZaloOAuthorizingContext.Refuse"/> to store nothing and send the person to
    /// <see cref="ErrorRedirect"/>; throwing does the same with
    /// <see cref="ZaloOAuthCallbackErrors.AuthorizingHookFailed"/>.
    /// </summary>
    public Func<ZaloOAuthorizingContext, Task>? OnAuthorizing { get; set; }

    /// <summary>
    /// Called after the OA's tokens were stored, before the redirect: link the OA to your own
    /// entity (the signed-in user, a unit) here. Throwing sends the person to <see cref="ErrorRedirect"/>
    /// with <c>error=authorized_hook_failed</c>; the tokens stay stored, so running the flow again is safe.
    /// </summary>
    public Func<ZaloOAuthorizedContext, Task>? OnAuthorized { get; set; }

    /// <summary>The rules the attributes cannot express; run by the start-up validation, not
    /// meant to be called. (That <see cref="RedirectUri"/> leads to the mapped callback is checked
    /// once the endpoints are mapped.)</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (RedirectUri is { } redirect && (!redirect.IsAbsoluteUri || (redirect.Scheme != Uri.UriSchemeHttps && redirect.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult($"ZaloOAuthEndpointOptions.RedirectUri (AddOAuthEndpoints) \"{redirect}\" must be an absolute http(s) URL, the callback URL registered for the app (https://your-domain/zalo/oauth/callback), or null to build it from the request.");
        }
    }
}

/// <summary>A consent about to be stored: the OA Zalo confirmed, and the callback request.</summary>
public sealed class ZaloOAuthorizingContext
{
    /// <summary>Creates the context (the callback endpoint does; tests of hooks may too).</summary>
    /// <param name="httpContext">The callback request (user, services, cancellation).</param>
    /// <param name="officialAccount">The OA the new access token belongs to, as Zalo answered.</param>
    public ZaloOAuthorizingContext(HttpContext httpContext, ZaloOfficialAccountInfo officialAccount)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(officialAccount);
        ArgumentException.ThrowIfNullOrEmpty(officialAccount.Id);
        HttpContext = httpContext;
        OfficialAccount = officialAccount;
    }

    /// <summary>The callback request (user, services, cancellation).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The OA's id, confirmed by Zalo (<c>GET /v2.0/oa/getoa</c> with the new token).</summary>
    public string OaId => OfficialAccount.Id!;

    /// <summary>The OA's profile as Zalo answered (name, avatar, ...).</summary>
    public ZaloOfficialAccountInfo OfficialAccount { get; }

    /// <summary>The error sent to <see cref="ZaloOAuthEndpointOptions.ErrorRedirect"/> when refused; null while allowed.</summary>
    public string? RefusedWith { get; private set; }

    /// <summary>Refuses the consent: nothing is stored and the person is sent to
    /// <see cref="ZaloOAuthEndpointOptions.ErrorRedirect"/> with <c>?error=<paramref name="error"/></c>.</summary>
    /// <param name="error">A short code your error page understands. Default <see cref="ZaloOAuthCallbackErrors.NotAllowed"/>.</param>
    public void Refuse(string error = ZaloOAuthCallbackErrors.NotAllowed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        RefusedWith = error;
    }
}

/// <summary>A completed consent: the OA id and the request of the callback.</summary>
/// <param name="HttpContext">The callback request (user, services, cancellation).</param>
/// <param name="OaId">The Official Account that was authorised (confirmed by Zalo).</param>
public sealed record ZaloOAuthorizedContext(HttpContext HttpContext, string OaId);

/// <summary>The <c>error</c> values the callback sends to <see cref="ZaloOAuthEndpointOptions.ErrorRedirect"/>
/// besides Zalo's own (<c>access_denied</c>, or Zalo's numeric OAuth error code such as <c>-14005</c>).
/// In every case nothing was stored unless the value says so.</summary>
public static class ZaloOAuthCallbackErrors
{
    /// <summary>Zalo could not be reached (or did not answer properly) to exchange the code or confirm the OA.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The callback's <c>oa_id</c> is not the OA the new token belongs to: an edited
    /// callback URL (an attempt to take over another OA). Logged as a warning.</summary>
    public const string OaMismatch = "oa_mismatch";

    /// <summary>Zalo did not confirm which OA the new token belongs to (it refused the token on
    /// <c>getoa</c> or answered without an id).</summary>
    public const string OaUnverified = "oa_unverified";

    /// <summary>With <see cref="ZaloOAuthEndpointOptions.BindStateToUser"/>: the callback came
    /// while another person, or nobody, was signed in.</summary>
    public const string UserMismatch = "user_mismatch";

    /// <summary>The <see cref="ZaloOAuthEndpointOptions.OnAuthorizing"/> hook refused without naming an error.</summary>
    public const string NotAllowed = "not_allowed";

    /// <summary>The <see cref="ZaloOAuthEndpointOptions.OnAuthorizing"/> hook threw.</summary>
    public const string AuthorizingHookFailed = "authorizing_hook_failed";

    /// <summary>The <see cref="ZaloOAuthEndpointOptions.OnAuthorized"/> hook threw; the tokens ARE stored.</summary>
    public const string AuthorizedHookFailed = "authorized_hook_failed";
}
