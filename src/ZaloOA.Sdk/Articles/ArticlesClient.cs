using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Articles;

/// <summary>
/// Articles (news): create, verify, update, list, remove, and video uploads (<c>/v2.0/article/*</c>).
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class ArticlesClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected ArticlesClient()
    {
    }

    internal ArticlesClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
