using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.TemplateMessages;

/// <summary>
/// ZNS/ZBS template messages on <c>business.openapi.zalo.me</c>: send by phone, templates, quota and status.
/// Get it from <see cref="ZaloOAClient"/>; every call acts for that client's Official Account.
/// </summary>
public partial class TemplateMessagesClient
{
    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected TemplateMessagesClient()
    {
    }

    internal TemplateMessagesClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
