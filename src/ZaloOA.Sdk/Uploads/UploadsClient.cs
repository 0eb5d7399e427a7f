using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Uploads;

/// <summary>
/// Uploads of images, GIFs and files (<c>/v2.0/oa/upload/*</c>) whose ids or tokens are then sent in messages.
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class UploadsClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected UploadsClient()
    {
    }

    internal UploadsClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
