using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace ZaloOA.PoliceDesk.Configuration;

/// <summary>
/// Several instances must read each other's sign-in cookies, anti-forgery tokens and Zalo OAuth
/// state cookies, all protected with ASP.NET Core Data Protection. With <c>Redis:Configuration</c>
/// set, the key ring lives in Redis (<c>{Redis:KeyPrefix}dataprotection-keys</c>) under one
/// application name, so a request may land on any instance.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>The application name every instance protects data under.</summary>
    public const string ApplicationName = "ZaloOA.PoliceDesk";

    /// <summary>Keeps the key ring in Redis when <c>Redis:Configuration</c> is set; otherwise leaves
    /// ASP.NET Core's default (a per-user folder, which instances on one machine share).</summary>
    public static IServiceCollection AddDeskDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetSection("Redis");
        var connection = redis["Configuration"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            return services;
        }

        var options = ConfigurationOptions.Parse(connection);
        options.AbortOnConnectFail = false;
        var multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        var prefix = string.IsNullOrEmpty(redis["KeyPrefix"]) ? "zalooa:" : redis["KeyPrefix"];
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToStackExchangeRedis(() => multiplexer.Value.GetDatabase(), prefix + "dataprotection-keys");
        return services;
    }
}
