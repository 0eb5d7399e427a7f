using System.Collections.Concurrent;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk;

/// <summary>
/// Hands out the <see cref="ZaloOAClient"/> of each Official Account served by the app. One Zalo
/// app is typically authorised by many OAs (one per police unit, say); each gets its own client
/// and tokens over one shared HTTP pipeline.
/// </summary>
public interface IZaloOAClientFactory
{
    /// <summary>Returns the client of <paramref name="oaId"/> (created on first use, then reused).</summary>
    ZaloOAClient GetClient(string oaId);
}

/// <summary>The default factory, registered by <c>AddZaloOA</c>.</summary>
internal sealed class ZaloOAClientFactory : IZaloOAClientFactory
{
    private readonly ZaloApiConnection _connection;
    private readonly ConcurrentDictionary<string, ZaloOAClient> _clients = new(StringComparer.Ordinal);

    public ZaloOAClientFactory(ZaloApiConnection connection) => _connection = connection;

    public ZaloOAClient GetClient(string oaId)
    {
        if (string.IsNullOrWhiteSpace(oaId) || !oaId.All(char.IsAsciiDigit))
        {
            throw new ZaloValidationException($"\"{oaId}\" is not an Official Account id: Zalo OA ids are strings of digits.", nameof(oaId));
        }

        return _clients.GetOrAdd(oaId, static (id, connection) => new ZaloOAClient(connection, id), _connection);
    }
}
