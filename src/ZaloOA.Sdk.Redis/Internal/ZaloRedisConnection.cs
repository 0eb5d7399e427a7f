using StackExchange.Redis;

namespace ZaloOA.Sdk.Redis.Internal;

/// <summary>
/// The Redis connection the store and the lock share: either one the app gave (not disposed
/// here) or one opened on first use from a configuration string (disposed with the container).
/// </summary>
internal sealed class ZaloRedisConnection : IAsyncDisposable, IDisposable
{
    private readonly ConfigurationOptions? _configuration;
    private readonly bool _owned;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private IConnectionMultiplexer? _multiplexer;

    public ZaloRedisConnection(IConnectionMultiplexer multiplexer, int database)
    {
        ArgumentNullException.ThrowIfNull(multiplexer);
        _multiplexer = multiplexer;
        Database = database;
    }

    public ZaloRedisConnection(string configuration, int database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        _configuration = ConfigurationOptions.Parse(configuration);
        // An app must start and serve cached tokens while Redis is down; the multiplexer keeps
        // reconnecting in the background and each command fails fast-ish until it is back.
        _configuration.AbortOnConnectFail = false;
        _owned = true;
        Database = database;
    }

    public int Database { get; }

    public async ValueTask<IDatabase> GetDatabaseAsync(CancellationToken cancellationToken)
    {
        var multiplexer = Volatile.Read(ref _multiplexer);
        if (multiplexer is null)
        {
            await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                multiplexer = _multiplexer;
                if (multiplexer is null)
                {
                    multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration!).ConfigureAwait(false);
                    Volatile.Write(ref _multiplexer, multiplexer);
                }
            }
            finally
            {
                _connectGate.Release();
            }
        }

        return multiplexer.GetDatabase(Database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned && Interlocked.Exchange(ref _multiplexer, null) is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }

        _connectGate.Dispose();
    }

    public void Dispose()
    {
        if (_owned && Interlocked.Exchange(ref _multiplexer, null) is { } multiplexer)
        {
            multiplexer.Dispose();
        }

        _connectGate.Dispose();
    }
}
