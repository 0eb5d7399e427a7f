using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk;
using ZaloOA.Sdk.AspNetCore.OAuth;
using ZaloOA.Sdk.DependencyInjection;

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Maps the OA consent (OAuth v4) endpoints.</summary>
    public static class ZaloOAuthEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps <c>GET <paramref name="pattern"/></c>: creates the consent request (PKCE verifier and
        /// state kept in a data-protected cookie) and redirects to Zalo's consent page, with the
        /// route of <see cref="MapZaloOAuthCallback"/> as <c>redirect_uri</c>. Decide who may start
        /// a consent with your authorization policy on the returned builder
        /// (<c>.RequireAuthorization(...)</c>); decide who may connect which OA in
        /// <see cref="ZaloOAuthEndpointOptions.OnAuthorizing"/>.
        /// </summary>
        public static IEndpointConventionBuilder MapZaloOAuthStart(this IEndpointRouteBuilder endpoints, string pattern = "/zalo/oauth/start")
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            RequestDelegate handler = context => Endpoints(context).StartAsync(context);
            return endpoints.MapGet(pattern, handler)
                .WithDisplayName("Zalo OAuth start")
                .WithMetadata(new ZaloOAuthEndpointMarker(isCallback: false));
        }

        /// <summary>
        /// Maps <c>GET <paramref name="pattern"/></c>, the one place the callback's path is set (the
        /// start endpoint sends this route, route group prefix included, as <c>redirect_uri</c>).
        /// Checks <c>state</c> against the cookie (400 when missing or wrong), exchanges <c>code</c>
        /// with the PKCE verifier, asks Zalo which OA the new token belongs to and refuses a
        /// callback whose <c>oa_id</c> differs, calls <see cref="ZaloOAuthEndpointOptions.OnAuthorizing"/>,
        /// stores the tokens, calls <see cref="ZaloOAuthEndpointOptions.OnAuthorized"/>, and
        /// redirects to the success URL (or the error URL with <c>?error=</c>; see
        /// <see cref="ZaloOAuthCallbackErrors"/>). Map it once, at a path without parameters.
        /// </summary>
        public static IEndpointConventionBuilder MapZaloOAuthCallback(this IEndpointRouteBuilder endpoints, string pattern = "/zalo/oauth/callback")
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            RequestDelegate handler = context => Endpoints(context).CallbackAsync(context);
            return endpoints.MapGet(pattern, handler)
                .WithDisplayName("Zalo OAuth callback")
                .WithMetadata(new ZaloOAuthEndpointMarker(isCallback: true));
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
        /// state cookie). Map them with <c>MapZaloOAuthStart</c> and <c>MapZaloOAuthCallback</c>.
        /// The options are validated at start-up, and <c>Zalo:SecretKey</c> becomes required (the
        /// callback exchanges codes with it).</summary>
        public static ZaloOABuilder AddOAuthEndpoints(this ZaloOABuilder builder, Action<ZaloOAuthEndpointOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            var options = builder.Services.AddOptions<ZaloOAuthEndpointOptions>().ValidateOnStart();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloOAuthEndpointOptions>, ZaloOAuthEndpointOptionsValidator>());
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloOAOptions>, ZaloOAuthSecretKeyValidator>());

            builder.Services.AddDataProtection();
            builder.Services.TryAddSingleton<ZaloOAuthEndpoints>();
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ZaloOAuthEndpointsCheck>());
            return builder;
        }
    }
}
