using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.OfficialAccount;

/// <summary>
/// Information about the Official Account itself (<c>/v2.0/oa/getoa</c>).
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class OfficialAccountClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected OfficialAccountClient()
    {
    }

    internal OfficialAccountClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
