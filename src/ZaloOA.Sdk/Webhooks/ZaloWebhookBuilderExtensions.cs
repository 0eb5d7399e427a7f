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
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloWebhookOptions>, ZaloWebhookSecretValidator>());
        services.TryAddSingleton<ZaloConfiguredOptions<ZaloOAOptions>>();
        services.TryAddSingleton<ZaloWebhookVerifier>();
        services.TryAddSingleton<ZaloWebhookDispatcher>();
        services.TryAddSingleton<ZaloWebhookDeduplicator>();
        services.TryAddSingleton<IZaloWebhookDeduplicationStore>(sp => new InMemoryZaloWebhookDeduplicationStore(sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}

/// <summary>Validates <see cref="ZaloWebhookOptions"/> and its apps (source-generated, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ZaloWebhookOptionsValidator : IValidateOptions<ZaloWebhookOptions>;

/// <summary>Fails start-up when no webhook can ever verify: no apps listed and no
/// <c>Zalo:OaSecretKey</c> to fall back on. Reads <see cref="ZaloOAOptions"/> as configured, so an
/// error of those (a missing AppId) is reported once, by their own validator.</summary>
internal sealed class ZaloWebhookSecretValidator(ZaloConfiguredOptions<ZaloOAOptions> zaloOptions) : IValidateOptions<ZaloWebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, ZaloWebhookOptions options) =>
        options.Apps.Count == 0 && string.IsNullOrEmpty(zaloOptions.Get(name: null).OaSecretKey)
            ? ValidateOptionsResult.Fail("Zalo:OaSecretKey is required to verify webhooks: set it to the OA secret key from the app's Webhook settings (not the app secret), or list apps in Zalo:Webhooks:Apps. Without it every webhook would be rejected.")
            : ValidateOptionsResult.Success;
}
