using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Conversations;

/// <summary>
/// Conversation history (<c>/v2.0/oa/conversation</c>, <c>/v2.0/oa/listrecentchat</c>).
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class ConversationsClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected ConversationsClient()
    {
    }

    internal ConversationsClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
