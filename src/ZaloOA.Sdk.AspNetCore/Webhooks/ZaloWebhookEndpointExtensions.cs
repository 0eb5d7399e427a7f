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
    /// <summary>Checks the receiver options' ranges at start-up, and that the timestamp window is
    /// covered by the de-duplication window.</summary>
    internal sealed class ZaloWebhookReceiverOptionsValidator(IOptionsMonitor<ZaloOA.Sdk.Webhooks.ZaloWebhookOptions> webhookOptions) : IValidateOptions<ZaloWebhookReceiverOptions>
    {
        public ValidateOptionsResult Validate(string? name, ZaloWebhookReceiverOptions options)
        {
            var failures = new List<string>();
            // A signed event is refused once older than the timestamp window and ignored as a
            // redelivery while the de-duplication remembers it: with the window no longer than the
            // memory, a captured event can never be handled twice.
            var webhook = webhookOptions.CurrentValue;
            var tolerance = webhook.TimestampTolerance;
            if (tolerance is null || tolerance > webhook.DeduplicationWindow)
            {
                failures.Add($"Zalo:Webhooks:TimestampTolerance ({(tolerance is { } t ? t.ToString() : "off")}) must be set and not longer than the webhook DeduplicationWindow ({webhook.DeduplicationWindow}); otherwise a signed event older than the de-duplication window could be replayed and handled twice. Default {ZaloOA.Sdk.Webhooks.ZaloWebhookOptions.DefaultTimestampTolerance}.");
            }
            if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
            {
                failures.Add($"Zalo webhook MaxBodyBytes is {options.MaxBodyBytes}; it must be between 1 KiB and 64 MiB.");
            }

            if (options.QueueCapacity < 1 || options.MaxConcurrency < 1 || options.MaxConcurrency > options.QueueCapacity)
            {
                failures.Add("Zalo webhook QueueCapacity and MaxConcurrency must be at least 1, with MaxConcurrency ≤ QueueCapacity.");
            }

            if (options.MaxAttempts is < 1 or > 20)
            {
                failures.Add("Zalo webhook MaxAttempts must be between 1 and 20.");
            }

            if (options.RetryDelay < TimeSpan.Zero || options.RetryAfter < TimeSpan.FromSeconds(1))
            {
                failures.Add("Zalo webhook RetryDelay must not be negative and RetryAfter must be at least 1 second.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
