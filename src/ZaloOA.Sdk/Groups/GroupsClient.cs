using System.Diagnostics.CodeAnalysis;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Groups;

/// <summary>
/// Zalo group chats managed by the OA (GMF, <c>/v3.0/oa/group/*</c>): the GMF quota, creating a
/// group with the OA, group info and status, the OA's groups and their members, invitations,
/// admins, settings, deletion, and posting text and media into a group. Get it from
/// <see cref="ZaloOAClient.Groups"/>; every call acts for that client's Official Account.
/// </summary>
/// <remarks>
/// <para>Experimental (<c>ZALO003</c>): the OA needs a GMF package and the app the "group
/// management" permission, and Zalo's GMF contract is known from secondary sources only ([S]/[U]
/// in the SDK's reference), so the shapes may still change. Suppress the diagnostic where you
/// accept that (<c>#pragma warning disable ZALO003</c> or <c>&lt;NoWarn&gt;ZALO003&lt;/NoWarn&gt;</c>).</para>
/// <para>Zalo answers -237 (<see cref="ZaloErrorCode.GroupDisabled"/>) when the group's GMF asset
/// expired and -403 (<see cref="ZaloErrorCode.OaNotInGroup"/>) when the OA is not in the group.</para>
/// </remarks>
[Experimental(DiagnosticId)]
public partial class GroupsClient
{
    /// <summary>The diagnostic id of the experimental group chat API.</summary>
    public const string DiagnosticId = "ZALO003";

    /// <summary>The page size Zalo uses when none is given (groups, members). [S]</summary>
    public const int DefaultPageSize = 5;

    private readonly ZaloApiConnection _connection = null!;

    /// <summary>For mocking only.</summary>
    protected GroupsClient()
    {
    }

    internal GroupsClient(ZaloApiConnection connection, string oaId)
    {
        _connection = connection;
        OaId = oaId;
    }

    /// <summary>The Official Account this client acts for.</summary>
    public virtual string OaId { get; } = string.Empty;

    internal ZaloApiConnection Connection => _connection;
}
