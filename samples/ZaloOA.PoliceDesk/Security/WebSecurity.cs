using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk;
using ZaloOA.PoliceDesk.Configuration;

namespace ZaloOA.PoliceDesk.Security;

/// <summary>
/// The desk's HTTP hardening, in one place:
/// <list type="bullet">
/// <item>Security headers on every response (<see cref="UseDeskSecurityHeaders"/>): a
/// Content-Security-Policy allowing scripts, styles and images from this site only (no inline script,
/// no inline event handler, no inline style: pages use <c>wwwroot/js/desk.js</c> and CSS classes),
/// forms posting only to this site and on to Zalo's OAuth consent page (<c>form-action</c>), no
/// framing (<c>frame-ancestors 'none'</c> and <c>X-Frame-Options: DENY</c>), <c>nosniff</c>,
/// <c>Referrer-Policy: same-origin</c>.</item>
/// <item>Forwarded headers (<see cref="AddDeskForwardedHeaders"/>): behind a TLS proxy the client's
/// address, scheme and host come from <c>X-Forwarded-For/Proto/Host</c>, believed only from the
/// proxies in <c>Desk:ForwardedHeaders</c> (and loopback), so cookies are <c>Secure</c>, HSTS is
/// sent, the OAuth <c>redirect_uri</c> uses the public address and sign-in throttling sees the real
/// client.</item>
/// </list>
/// </summary>
public static class WebSecurity
{
    /// <summary>The policy every page is served with, for the given Zalo OAuth address (see
    /// <see cref="ContentSecurityPolicyFor"/>).</summary>
    private const string BasePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The Content-Security-Policy: <see cref="BasePolicy"/> plus <c>form-action</c> limited to
    /// this site and the origin of Zalo's OAuth consent page (<paramref name="oauthBaseUrl"/>, the SDK's
    /// <c>Zalo:OAuthBaseUrl</c>, or the emulator's in emulator mode). Browsers apply
    /// <c>form-action</c> to every redirect that follows a form post, and the "connect a Zalo OA" form
    /// ends on Zalo's consent page; any other destination (an injected form posting citizens' data
    /// elsewhere) is refused.</summary>
    public static string ContentSecurityPolicyFor(Uri oauthBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(oauthBaseUrl);
        return $"{BasePolicy}; form-action 'self' {oauthBaseUrl.GetLeftPart(UriPartial.Authority)}";
    }

    /// <summary>Reads <c>Desk:ForwardedHeaders</c> into <see cref="ForwardedHeadersOptions"/>; a value
    /// that is not an address or a CIDR network stops the start with a message saying which.</summary>
    public static IServiceCollection AddDeskForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = configuration.GetSection(DeskOptions.SectionName).GetSection(nameof(DeskOptions.ForwardedHeaders)).Get<ForwardedHeadersSettings>() ?? new();
        var proxies = settings.KnownProxies.Select(p => IPAddress.TryParse(p.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"Desk:ForwardedHeaders:KnownProxies contains '{p}', which is not an IP address (e.g. 10.0.0.5).")).ToList();
        var networks = settings.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"Desk:ForwardedHeaders:KnownNetworks contains '{n}', which is not a network in CIDR form (e.g. 10.0.0.0/24).")).ToList();
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            // Loopback (a proxy on the same machine) stays trusted, as by default.
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
    }

    /// <summary>Adds the security headers to every response.</summary>
    public static IApplicationBuilder UseDeskSecurityHeaders(this IApplicationBuilder app)
    {
        // Resolved once, on the first request: the emulator opens its port when first resolved,
        // and Zalo's OAuth address does not change while the desk runs.
        string? policy = null;
        return app.Use((context, next) =>
        {
            policy ??= ContentSecurityPolicyFor(context.RequestServices.GetRequiredService<IOptions<ZaloOAOptions>>().Value.OAuthBaseUrl);
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return next(context);
        });
    }

    /// <summary>Machine endpoints (JSON API, media, Zalo's webhook) answer with bare status codes; the
    /// desk-styled 403 and 404 pages are for people.</summary>
    public static bool IsMachineEndpoint(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/media") || path.StartsWithSegments(DeskRoutes.ZaloWebhook);
}
