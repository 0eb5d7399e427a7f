using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.DependencyInjection;

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Maps the Zalo webhook endpoint.</summary>
    public static class ZaloWebhookEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps <c>POST <paramref name="pattern"/></c>: reads the raw body (413 above the limit),
        /// verifies <c>X-ZEvent-Signature</c> (401, nothing dispatched), parses (400 when malformed),
        /// ignores redeliveries, and answers 200 while handlers run in the background (or inline).
        /// Requires <c>services.AddZaloOA(...).AddWebhookReceiver()</c>.
        /// </summary>
        /// <param name="endpoints">The app.</param>
        /// <param name="pattern">The route, e.g. <c>/zalo/webhook</c> (the URL set in developers.zalo.me).</param>
        /// <param name="maxBodyBytes">This endpoint's body limit; <see cref="ZaloWebhookReceiverOptions.MaxBodyBytes"/> when null.</param>
        public static IEndpointConventionBuilder MapZaloWebhook(this IEndpointRouteBuilder endpoints, string pattern = "/zalo/webhook", long? maxBodyBytes = null)
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            ArgumentException.ThrowIfNullOrEmpty(pattern);
            if (endpoints.ServiceProvider.GetService<ZaloWebhookReceiver>() is null)
            {
                throw new InvalidOperationException("MapZaloWebhook needs the webhook services: call services.AddZaloOA(...).AddWebhookReceiver() first.");
            }

            RequestDelegate handler = context => context.RequestServices.GetRequiredService<ZaloWebhookReceiver>().HandleAsync(context, maxBodyBytes);
            return endpoints.MapPost(pattern, handler)
                .WithDisplayName("Zalo webhook")
                .DisableAntiforgery();
        }
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the ASP.NET Core webhook endpoint's services.</summary>
    public static class ZaloWebhookReceiverBuilderExtensions
    {
        /// <summary>
        /// Adds webhooks (<c>AddWebhooks</c>, when not added yet) plus the endpoint's queue, background
        /// worker, metrics and options, validated at start-up. Then map it with <c>app.MapZaloWebhook()</c>.
        /// </summary>
        public static ZaloOABuilder AddWebhookReceiver(this ZaloOABuilder builder, Action<ZaloWebhookReceiverOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(builder);
            var services = builder.Services;
            if (!services.Any(d => d.ServiceType == typeof(ZaloOA.Sdk.Webhooks.ZaloWebhookVerifier)))
            {
                builder.AddWebhooks();
            }

            var options = services.AddOptions<ZaloWebhookReceiverOptions>().ValidateOnStart();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloWebhookReceiverOptions>, ZaloWebhookReceiverOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloOA.Sdk.Webhooks.ZaloWebhookOptions>, ZaloWebhookEndpointWindowValidator>());
            services.AddMetrics();
            services.TryAddSingleton<ZaloWebhookQueue>();
            services.TryAddSingleton<ZaloWebhookDiagnostics>();
            services.TryAddSingleton<ZaloWebhookReceiver>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ZaloWebhookBackgroundService>());
            return builder;
        }
    }
}

namespace ZaloOA.Sdk.AspNetCore.Webhooks
{
    /// <summary>Validates <see cref="ZaloWebhookReceiverOptions"/> (source-generated, AOT-safe).</summary>
    [OptionsValidator]
    internal sealed partial class ZaloWebhookReceiverOptionsValidator : IValidateOptions<ZaloWebhookReceiverOptions>;

    /// <summary>The endpoint's rule on the core webhook options: the timestamp window must be on.
    /// (That it is no longer than the de-duplication window is a rule of the options themselves.)</summary>
    internal sealed class ZaloWebhookEndpointWindowValidator : IValidateOptions<ZaloOA.Sdk.Webhooks.ZaloWebhookOptions>
    {
        public ValidateOptionsResult Validate(string? name, ZaloOA.Sdk.Webhooks.ZaloWebhookOptions options) =>
            options.TimestampTolerance is null
                ? ValidateOptionsResult.Fail($"Zalo:Webhooks:TimestampTolerance must be set with the webhook endpoint (default {ZaloOA.Sdk.Webhooks.ZaloWebhookOptions.DefaultTimestampTolerance}): without it a signed event older than the de-duplication window could be replayed and handled twice.")
                : ValidateOptionsResult.Success;
    }
}
