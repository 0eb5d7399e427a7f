using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers webhook verification, parsing and dispatch on <see cref="ZaloOABuilder"/>.</summary>
public static class ZaloWebhookBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ZaloWebhookVerifier"/>, <see cref="ZaloWebhookDispatcher"/>,
    /// <see cref="ZaloWebhookDeduplicator"/> and the in-memory <see cref="IZaloWebhookDeduplicationStore"/>.
    /// Options are validated when the host starts: at least one app id with its OA secret key must
    /// be configured (fail closed).
    /// </summary>
    public static ZaloOABuilder AddWebhooks(this ZaloOABuilder builder, Action<ZaloWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<ZaloWebhookOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddCore(builder);
    }

    /// <summary>Adds webhooks with options bound from a configuration section (e.g. <c>Zalo:Webhooks</c>).</summary>
    public static ZaloOABuilder AddWebhooks(this ZaloOABuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<ZaloWebhookOptions>().Bind(configuration);
        return AddCore(builder);
    }

    /// <summary>Registers a handler (scoped) for <typeparamref name="TEvent"/> and its derived events.</summary>
    public static ZaloOABuilder AddWebhookHandler<TEvent, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this ZaloOABuilder builder)
        where TEvent : ZaloWebhookEvent
        where THandler : class, IZaloWebhookHandler<TEvent>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IZaloWebhookHandler<TEvent>, THandler>());
        return builder;
    }

    /// <summary>Registers a <see cref="ZaloWebhookProcessor"/> (scoped) that receives every event.</summary>
    public static ZaloOABuilder AddWebhookProcessor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProcessor>(this ZaloOABuilder builder)
        where TProcessor : ZaloWebhookProcessor
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IZaloWebhookHandler<ZaloWebhookEvent>, TProcessor>());
        return builder;
    }

    /// <summary>Replaces the in-memory de-duplication store (e.g. with a distributed one).</summary>
    public static ZaloOABuilder UseWebhookDeduplicationStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>(this ZaloOABuilder builder)
        where TStore : class, IZaloWebhookDeduplicationStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IZaloWebhookDeduplicationStore>();
        builder.Services.AddSingleton<IZaloWebhookDeduplicationStore, TStore>();
        return builder;
    }

    private static ZaloOABuilder AddCore(ZaloOABuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ZaloWebhookOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloWebhookOptions>, ZaloWebhookOptionsValidator>());
        services.TryAddSingleton<ZaloWebhookVerifier>();
        services.TryAddSingleton<ZaloWebhookDispatcher>();
        services.TryAddSingleton<ZaloWebhookDeduplicator>();
        services.TryAddSingleton<IZaloWebhookDeduplicationStore>(sp => new InMemoryZaloWebhookDeduplicationStore(sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}

/// <summary>Fails start-up when no webhook can ever verify, or the app list is inconsistent.</summary>
internal sealed class ZaloWebhookOptionsValidator(IOptionsMonitor<ZaloOAOptions> zaloOptions) : IValidateOptions<ZaloWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, ZaloWebhookOptions options)
    {
        var failures = new List<string>();
        if (options.Apps.Count == 0)
        {
            var zalo = zaloOptions.CurrentValue;
            if (string.IsNullOrEmpty(zalo.AppId) || string.IsNullOrEmpty(zalo.OaSecretKey))
            {
                failures.Add("Zalo:OaSecretKey (the OA secret key from the app's Webhook settings, not the app secret) is required to verify webhooks; without it every webhook would be rejected. Set it, or list apps in Zalo:Webhooks:Apps.");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Apps.Count; i++)
        {
            var app = options.Apps[i];
            if (string.IsNullOrWhiteSpace(app.AppId))
            {
                failures.Add($"Zalo:Webhooks:Apps:{i}:AppId is required.");
            }
            else if (!seen.Add(app.AppId))
            {
                failures.Add($"Zalo:Webhooks:Apps:{i}:AppId \"{app.AppId}\" is listed twice; each app has one OA secret key.");
            }

            if (string.IsNullOrEmpty(app.OaSecretKey))
            {
                failures.Add($"Zalo:Webhooks:Apps:{i}:OaSecretKey is required (the OA secret key from the app's Webhook settings).");
            }
        }

        if (options.TimestampTolerance is { } tolerance && tolerance <= TimeSpan.Zero)
        {
            failures.Add("Zalo:Webhooks:TimestampTolerance must be positive when set (or unset to disable the replay check).");
        }

        if (options.ProcessingLease <= TimeSpan.Zero || options.DeduplicationWindow < options.ProcessingLease)
        {
            failures.Add("Zalo:Webhooks:ProcessingLease must be positive and Zalo:Webhooks:DeduplicationWindow at least as long.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
