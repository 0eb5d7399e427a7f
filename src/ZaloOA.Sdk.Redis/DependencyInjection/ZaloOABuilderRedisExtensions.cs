using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Redis;
using ZaloOA.Sdk.Redis.Internal;
using ZaloOA.Sdk.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Adds Redis to the SDK for apps running on several instances:
/// <c>services.AddZaloOA(config).UseRedis("localhost:6379")</c>.
/// </summary>
public static class ZaloOABuilderRedisExtensions
{
    /// <summary>
    /// Keeps tokens in Redis (<see cref="RedisZaloTokenStore"/>), refreshes them under a Redis
    /// lock (<see cref="RedisZaloTokenRefreshLock"/>) within an app-wide limit of refreshes per
    /// second (<see cref="RedisZaloTokenRefreshLimiter"/>) and de-duplicates webhooks across
    /// instances (<see cref="RedisZaloWebhookDeduplicationStore"/>), connecting with a StackExchange.Redis
    /// configuration string on first use. The connection is closed with the service provider.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddZaloOA</c>.</param>
    /// <param name="configuration">For example <c>localhost:6379</c> or <c>redis:6379,password=...,ssl=true</c>.</param>
    /// <param name="configure">Changes further settings (key prefix, lock wait).</param>
    public static ZaloOABuilder UseRedis(this ZaloOABuilder builder, string configuration, Action<ZaloRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return builder.UseRedis(o =>
        {
            o.Configuration = configuration;
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Like <see cref="UseRedis(ZaloOABuilder, string, Action{ZaloRedisOptions}?)"/> over a
    /// connection the app already has (and disposes itself).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddZaloOA</c>.</param>
    /// <param name="connection">The app's Redis connection.</param>
    /// <param name="configure">Changes further settings (key prefix, lock wait).</param>
    public static ZaloOABuilder UseRedis(this ZaloOABuilder builder, IConnectionMultiplexer connection, Action<ZaloRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(connection);
        return Register(builder, configure, sp => new ZaloRedisConnection(connection, sp.GetRequiredService<IOptions<ZaloRedisOptions>>().Value.Database), opensConnection: false);
    }

    /// <summary>
    /// Like <see cref="UseRedis(ZaloOABuilder, string, Action{ZaloRedisOptions}?)"/> with every
    /// setting, including <see cref="ZaloRedisOptions.Configuration"/>, set in code.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddZaloOA</c>.</param>
    /// <param name="configure">Sets <see cref="ZaloRedisOptions.Configuration"/> and any other setting.</param>
    public static ZaloOABuilder UseRedis(this ZaloOABuilder builder, Action<ZaloRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(builder, configure, OpenFromOptions, opensConnection: true);
    }

    /// <summary>
    /// Like <see cref="UseRedis(ZaloOABuilder, string, Action{ZaloRedisOptions}?)"/> with the
    /// settings bound from a configuration section, usually <c>Zalo:Redis</c>
    /// (<c>Configuration</c>, <c>KeyPrefix</c>, <c>LockWaitTimeout</c>, <c>AppWideRefreshLimit</c>,
    /// <c>RefreshLimitFallbackDuration</c>, <c>Database</c>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddZaloOA</c>.</param>
    /// <param name="section">The configuration section.</param>
    public static ZaloOABuilder UseRedis(this ZaloOABuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<ZaloRedisOptions>().Bind(section);
        return Register(builder, null, OpenFromOptions, opensConnection: true);
    }

    private static ZaloRedisConnection OpenFromOptions(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<ZaloRedisOptions>>().Value;
        return new ZaloRedisConnection(options.Configuration!, options.Database);
    }

    private static ZaloOABuilder Register(ZaloOABuilder builder, Action<ZaloRedisOptions>? configure, Func<IServiceProvider, ZaloRedisConnection> connection, bool opensConnection)
    {
        var services = builder.Services;
        var options = services.AddOptions<ZaloRedisOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZaloRedisOptions>, ZaloRedisOptionsValidator>());

        // The configuration string is required only when this package opens the connection; the
        // last UseRedis call decides, as its configure action runs last.
        options.Configure(o => o.OpensConnection = opensConnection);

        // A later UseRedis call replaces an earlier one, as UseFileTokenStore does.
        services.RemoveAll<ZaloRedisConnection>();
        services.RemoveAll<IZaloTokenStore>();
        services.RemoveAll<IZaloTokenRefreshLock>();
        services.RemoveAll<IZaloWebhookDeduplicationStore>();
        services.RemoveAll<IZaloTokenRefreshLimiter>();
        services.AddSingleton(connection);
        services.AddSingleton<IZaloTokenStore>(static sp => new RedisZaloTokenStore(
            sp.GetRequiredService<ZaloRedisConnection>(),
            sp.GetRequiredService<IOptions<ZaloRedisOptions>>()));
        services.AddSingleton<IZaloTokenRefreshLock>(static sp => new RedisZaloTokenRefreshLock(
            sp.GetRequiredService<ZaloRedisConnection>(),
            sp.GetRequiredService<IOptions<ZaloRedisOptions>>(),
            sp.GetRequiredService<ILogger<RedisZaloTokenRefreshLock>>()));
        services.AddSingleton<IZaloTokenRefreshLimiter>(static sp =>
        {
            var redis = sp.GetRequiredService<IOptions<ZaloRedisOptions>>().Value;
            var zalo = sp.GetRequiredService<IOptionsMonitor<ZaloOAOptions>>();
            var time = sp.GetRequiredService<TimeProvider>();
            return redis.AppWideRefreshLimit
                ? new RedisZaloTokenRefreshLimiter(sp.GetRequiredService<ZaloRedisConnection>(), redis, zalo, time, sp.GetRequiredService<ILogger<RedisZaloTokenRefreshLimiter>>())
                : new InProcessZaloTokenRefreshLimiter(zalo, time);
        });
        // Registered whether or not webhooks are added yet: AddWebhooks only adds its in-memory
        // store when none is registered, so the order of the two calls does not matter.
        services.AddSingleton<IZaloWebhookDeduplicationStore>(static sp => new RedisZaloWebhookDeduplicationStore(
            sp.GetRequiredService<ZaloRedisConnection>(),
            sp.GetRequiredService<IOptions<ZaloRedisOptions>>()));
        return builder;
    }
}

/// <summary>Validates <see cref="ZaloRedisOptions"/> when the host starts (source-generated, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ZaloRedisOptionsValidator : IValidateOptions<ZaloRedisOptions>;
