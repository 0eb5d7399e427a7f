using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Menus;

/// <summary>
/// The undocumented persistent-menu call, behind an explicit opt-in. In-chat menus are ordinary
/// messages (<see cref="Messaging.MessagesClient.SendButtonsAsync"/>,
/// <see cref="Messaging.MessagesClient.SendListAsync"/>) and taps on them reach the
/// <see cref="ZaloMenuRouter"/>. Get it from <see cref="ZaloOAClient"/>; every call acts for that
/// client's Official Account.
/// </summary>
public partial class MenusClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected MenusClient()
    {
    }

    internal MenusClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
