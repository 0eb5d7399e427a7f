using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>A Redis address where nothing listens: a loopback port that was free a moment ago.</summary>
internal static class Unreachable
{
    public static string Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }

    /// <summary>A configuration string for a closed port that fails within about a second.</summary>
    public static string Configuration() => Address() + ",abortConnect=false,connectTimeout=500,asyncTimeout=1000,syncTimeout=1000,connectRetry=1";

    public static async Task<ConnectionMultiplexer> ConnectAsync() =>
        await ConnectionMultiplexer.ConnectAsync(Configuration());
}
