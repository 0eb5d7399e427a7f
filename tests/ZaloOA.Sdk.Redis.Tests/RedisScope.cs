using StackExchange.Redis;
using ZaloOA.Sdk.Redis;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>
/// One test's view of the shared test Redis: its own key prefix, so tests run in parallel without
/// seeing each other's keys, which are deleted at the end.
/// </summary>
internal sealed class RedisScope : IAsyncDisposable
{
    private static readonly SemaphoreSlim ConnectGate = new(1, 1);
    private static ConnectionMultiplexer? shared;

    private RedisScope(ConnectionMultiplexer connection, string configuration)
    {
        Connection = connection;
        Configuration = configuration;
        Prefix = $"zalooa-test:{Guid.NewGuid():N}:";
    }

    /// <summary>The Redis configuration string from the environment.</summary>
    public string Configuration { get; }

    /// <summary>A connection shared by every test.</summary>
    public ConnectionMultiplexer Connection { get; }

    /// <summary>This test's key prefix.</summary>
    public string Prefix { get; }

    public IDatabase Db => Connection.GetDatabase();

    public ZaloRedisOptions Options(TimeSpan? lockWaitTimeout = null) => new()
    {
        KeyPrefix = Prefix,
        LockWaitTimeout = lockWaitTimeout ?? TimeSpan.FromSeconds(30),
    };

    /// <summary>Connects (once per run) to the Redis named by ZALOOA_REDIS, or skips/fails.</summary>
    public static async Task<RedisScope> StartAsync()
    {
        var configuration = RequiredServer.Redis();
        await ConnectGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            shared ??= await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        finally
        {
            ConnectGate.Release();
        }

        return new RedisScope(shared, configuration);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var endpoint in Connection.GetEndPoints())
        {
            var server = Connection.GetServer(endpoint);
            await foreach (var key in server.KeysAsync(pattern: Prefix + "*"))
            {
                await Db.KeyDeleteAsync(key);
            }
        }
    }
}
