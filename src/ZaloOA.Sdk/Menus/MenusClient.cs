using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Menus;

/// <summary>
/// Menus sent as in-chat messages, and the undocumented persistent-menu call behind an explicit opt-in.
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class MenusClient
{
    private readonly ZaloApiConnection _connection = null!;
    private readonly MessagesClient _messages = null!;

    /// <summary>For mocking only.</summary>
    protected MenusClient()
    {
    }

    /// <param name="connection">The OA's API connection.</param>
    /// <param name="oaId">The Official Account.</param>
    /// <param name="messages">The same OA's messages client: menus are sent as its buttons and list
    /// messages, so there is one writer for that JSON.</param>
    internal MenusClient(ZaloApiConnection connection, string oaId, MessagesClient messages)
    {
        _connection = connection;
        _messages = messages;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;

    internal MessagesClient Messages => _messages;
}
