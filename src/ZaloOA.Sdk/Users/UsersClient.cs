using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Users;

/// <summary>
/// Followers: profiles, lists and follower info (<c>/v3.0/oa/user/*</c> and the legacy v2 calls).
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class UsersClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected UsersClient()
    {
    }

    internal UsersClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
