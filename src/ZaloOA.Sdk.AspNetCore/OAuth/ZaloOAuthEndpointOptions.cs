using Microsoft.AspNetCore.Http;

namespace ZaloOA.Sdk.AspNetCore.OAuth;

/// <summary>Settings of the OA consent endpoints (<c>MapZaloOAuthStart</c>, <c>MapZaloOAuthCallback</c>).</summary>
public sealed class ZaloOAuthEndpointOptions
{
    /// <summary>The callback URL registered for the app. When null it is built from the request's
    /// scheme and host plus <see cref="CallbackPath"/>.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The callback route, used to build the redirect URI. Default <c>/zalo/oauth/callback</c>.</summary>
    public string CallbackPath { get; set; } = "/zalo/oauth/callback";

    /// <summary>Where the person is sent after success; <c>?oa_id=&lt;id&gt;</c> is appended. Default <c>/</c>.</summary>
    public string SuccessRedirect { get; set; } = "/";

    /// <summary>Where the person is sent after a Zalo error; <c>?error=&lt;code&gt;</c> is appended. Default <c>/</c>.</summary>
    public string ErrorRedirect { get; set; } = "/";

    /// <summary>The name of the data-protected cookie holding state and PKCE verifier.</summary>
    public string CookieName { get; set; } = ".ZaloOA.OAuth";

    /// <summary>How long a started consent stays valid (Zalo's code lives 10 minutes). Default 15 minutes.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Called after the OA's tokens were stored, before the redirect: link the OA to your own
    /// entity (the signed-in user, a unit) here. Throwing sends the person to <see cref="ErrorRedirect"/>
    /// with <c>error=authorized_hook_failed</c>; the tokens stay stored, so running the flow again is safe.
    /// </summary>
    public Func<ZaloOAuthorizedContext, Task>? OnAuthorized { get; set; }
}

/// <summary>A completed consent: the OA id and the request of the callback.</summary>
/// <param name="HttpContext">The callback request (user, services, cancellation).</param>
/// <param name="OaId">The Official Account that was authorised.</param>
public sealed record ZaloOAuthorizedContext(HttpContext HttpContext, string OaId);
