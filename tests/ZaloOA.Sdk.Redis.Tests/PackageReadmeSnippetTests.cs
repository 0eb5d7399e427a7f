using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Redis;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>The code of ZaloOA.Sdk.Redis's package README (src/ZaloOA.Sdk.Redis/README.md),
/// compiled: the registration and its start-up validation need no server (the connection opens on
/// first use). The README block must appear here line for line (PackageReadmeTests checks).</summary>
public class PackageReadmeSnippetTests
{
    [Fact]
    public void UseRedis_from_configuration_registers_the_redis_token_store()
    {
        using var provider = Register(new() { ["Zalo:Redis:Configuration"] = "127.0.0.1:6379", ["Zalo:Redis:KeyPrefix"] = "congan-tinh:" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<RedisZaloTokenStore>(provider.GetRequiredService<IZaloTokenStore>());
        Assert.Equal("congan-tinh:", provider.GetRequiredService<IOptions<ZaloRedisOptions>>().Value.KeyPrefix);
    }

    [Fact]
    public void UseRedis_from_configuration_without_a_configuration_string_stops_the_host_naming_the_key()
    {
        using var provider = Register(new() { ["Zalo:Redis:LockWaitTimeout"] = "02:00:00" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Zalo:Redis:LockWaitTimeout is 02:00:00; it must be between 00:00:00.001 and 01:00:00 (default 00:02:00).",
                "Zalo:Redis:Configuration is required: set it to the StackExchange.Redis configuration string, e.g. localhost:6379 (or pass your own connection to UseRedis).",
            ],
            ex.Failures);
    }

    private static ServiceProvider Register(Dictionary<string, string?> redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(redis)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Zalo:AppId"] = ZaloTestHost.AppId })
            .Build();
        var services = new ServiceCollection();

        // --- README (ZaloOA.Sdk.Redis) ---
        services.AddZaloOA(configuration.GetSection("Zalo"))
            .UseRedis(configuration.GetSection("Zalo:Redis"));   // Configuration, KeyPrefix, LockWaitTimeout, AppWideRefreshLimit, ...
        // --- end ---
        return services.BuildServiceProvider();
    }
}
