using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Menus;

/// <summary>
/// Menus sent as in-chat messages, and the undocumented persistent-menu call behind an explicit opt-in.
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
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
