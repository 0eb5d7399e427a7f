using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZaloOA.Sdk.AspNetCore.OAuth;
using ZaloOA.Sdk.DependencyInjection;

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Maps the OA consent (OAuth v4) endpoints.</summary>
    public static class ZaloOAuthEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps <c>GET <paramref name="pattern"/></c>: creates the consent request (PKCE verifier and
        /// state kept in a data-protected cookie) and redirects to Zalo's consent page. Protect it
        /// with your authorization policy (<c>.RequireAuthorization(...)</c>).
        /// </summary>
        public static IEndpointConventionBuilder MapZaloOAuthStart(this IEndpointRouteBuilder endpoints, string pattern = "/zalo/oauth/start")
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            RequestDelegate handler = context => Endpoints(context).StartAsync(context);
            return endpoints.MapGet(pattern, handler).WithDisplayName("Zalo OAuth start");
        }

        /// <summary>
        /// Maps <c>GET <paramref name="pattern"/></c>: checks <c>state</c> against the cookie (400 when
        /// missing or wrong), exchanges <c>code</c> with the PKCE verifier, stores the tokens for the
        /// returned <c>oa_id</c>, calls <see cref="ZaloOAuthEndpointOptions.OnAuthorized"/>, and
        /// redirects to the success URL (or the error URL with <c>?error=</c> when Zalo refuses).
        /// </summary>
        public static IEndpointConventionBuilder MapZaloOAuthCallback(this IEndpointRouteBuilder endpoints, string pattern = "/zalo/oauth/callback")
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            RequestDelegate handler = context => Endpoints(context).CallbackAsync(context);
            return endpoints.MapGet(pattern, handler).WithDisplayName("Zalo OAuth callback");
        }

        private static ZaloOAuthEndpoints Endpoints(HttpContext context) =>
            context.RequestServices.GetService<ZaloOAuthEndpoints>()
            ?? throw new InvalidOperationException("The Zalo OAuth endpoints need services.AddZaloOA(...).AddOAuthEndpoints().");
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the OA consent endpoints' services.</summary>
    public static class ZaloOAuthEndpointBuilderExtensions
    {
        /// <summary>Adds the consent endpoints' services (and ASP.NET Core data protection for the
        /// state cookie). Map them with <c>MapZaloOAuthStart</c> and <c>MapZaloOAuthCallback</c>.</summary>
        public static ZaloOABuilder AddOAuthEndpoints(this ZaloOABuilder builder, Action<ZaloOAuthEndpointOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            var options = builder.Services.AddOptions<ZaloOAuthEndpointOptions>();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            builder.Services.AddDataProtection();
            builder.Services.TryAddSingleton<ZaloOAuthEndpoints>();
            return builder;
        }
    }
}
