using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Zalo OA SDK.</summary>
public static class ZaloOAServiceCollectionExtensions
{
    /// <summary>
    /// Adds the SDK with options bound from a configuration section (usually <c>Zalo</c>) and
    /// validated when the host starts.
    /// </summary>
    public static ZaloOABuilder AddZaloOA(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZaloOAOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>Adds the SDK with options set in code, validated when the host starts.</summary>
    public static ZaloOABuilder AddZaloOA(this IServiceCollection services, Action<ZaloOAOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ZaloOAOptions>().Configure(configure);
        return AddCore(services);
    }

    private static ZaloOABuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<ZaloOAOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloOAOptions>, ZaloOAOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton<IZaloTokenStore, InMemoryZaloTokenStore>();
        services.TryAddSingleton<IZaloTokenRefreshLock, InProcessZaloTokenRefreshLock>();
        services.TryAddSingleton<IZaloTokenRefreshLimiter, InProcessZaloTokenRefreshLimiter>();
        services.TryAddSingleton<IZaloTokenManager, ZaloTokenManager>();
        services.TryAddSingleton<ZaloApiConnection>();
        services.TryAddSingleton<IZaloOAClientFactory, ZaloOAClientFactory>();

        // The SDK logs its own calls ([LoggerMessage] events, README "Logging"): IHttpClientFactory's
        // default handlers would log every request at Information and every expected failure with
        // a stack trace, so they are removed from the SDK's two clients (and only from those).
        // OAuth calls: no retry handler at all. A refresh token or a code is single use.
        services.AddHttpClient(ZaloOAuthClient.HttpClientName, static (sp, http) =>
            {
                var o = sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>().CurrentValue;
                http.Timeout = o.AttemptTimeout;
            })
            .RemoveAllLoggers();
        // A singleton that asks the factory per call (a typed client captured by the singleton
        // token manager would pin one handler for the life of the process).
        services.TryAddSingleton(static sp => new ZaloOAuthClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>()));

        // API calls: the per-OA pipelines (timeouts, read retries, circuit breaker) own every
        // timeout, so the client itself has none (a finite HttpClient.Timeout costs a linked
        // token source and a timer per call). The pipelines are a singleton so that a circuit's
        // state survives the factory rotating its handlers.
        services.TryAddSingleton(static sp => new ZaloResiliencePipelines(
            sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>(),
            sp.GetKeyedService<TimeProvider>(ZaloApiConnection.ResilienceClockKey) ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ZaloApiConnection>>()));
        services.AddHttpClient(ZaloApiConnection.HttpClientName, static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(static sp => new ZaloResilienceHandler(sp.GetRequiredService<ZaloResiliencePipelines>()));

        return new ZaloOABuilder(services);
    }
}
