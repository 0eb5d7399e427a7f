using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Broadcast;

/// <summary>
/// Broadcasting articles to followers with targeting (<c>/v2.0/oa/message</c>).
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class BroadcastClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected BroadcastClient()
    {
    }

    internal BroadcastClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
