using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// Consultation, template and reaction messages to followers (<c>/v3.0/oa/message/*</c>), and message quotas.
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class MessagesClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected MessagesClient()
    {
    }

    internal MessagesClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
