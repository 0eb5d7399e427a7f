using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Groups;

public partial class GroupsClient
{
    private const string GroupPath = "v3.0/oa/group/";
    private const string QuotaPath = "v3.0/oa/quota/group";

    // ---- Quota and creation -----------------------------------------------------------------

    /// <summary>The OA's GMF assets of one package (<c>POST /v3.0/oa/quota/group</c> with
    /// <c>{"quota_owner":"OA","product_type":…,"quota_type":"sub_quota"}</c>). [U] method and path</summary>
    /// <param name="productType">The package, e.g. <see cref="ZaloGroupQuotaRequest.Gmf10"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The assets; one with <see cref="ZaloGroupAsset.IsAvailable"/> can create a group.</returns>
    public virtual Task<IReadOnlyList<ZaloGroupAsset>> GetQuotaAsync(string productType, CancellationToken cancellationToken = default) =>
        GetQuotaAsync(new ZaloGroupQuotaRequest { ProductType = productType }, cancellationToken);

    /// <summary>The OA's (or app's) GMF assets of one package and origin (<c>POST /v3.0/oa/quota/group</c>). [U]</summary>
    /// <param name="request">Owner, package and origin.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">A field is blank; nothing was sent.</exception>
    public virtual async Task<IReadOnlyList<ZaloGroupAsset>> GetQuotaAsync(ZaloGroupQuotaRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new GroupQuotaBody
        {
            QuotaOwner = ZaloGuard.Required(request.QuotaOwner, "quota_owner"),
            ProductType = ZaloGuard.Required(request.ProductType, "product_type"),
            QuotaType = ZaloGuard.Required(request.QuotaType, "quota_type"),
        };
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.PostJson("groups.quota", QuotaPath, body, GroupsJsonContext.Default.GroupQuotaBody, idempotent: true), cancellationToken).ConfigureAwait(false);
        // A bare array [S]; one integration also reads {"assets":[…]} [U].
        return GroupData.IsArray(response.DataSpan)
            ? response.ReadData(GroupsJsonContext.Default.ListZaloGroupAsset, "groups.quota")
            : response.ReadData(GroupsJsonContext.Default.ZaloGroupAssetPage, "groups.quota").Assets;
    }

    /// <summary>
    /// Creates a group with the OA in it (<c>POST /v3.0/oa/group/creategroupwithoa</c>). Keep the
    /// answer's <see cref="ZaloGroup.GroupId"/> and <see cref="ZaloGroup.GroupLink"/>. [S]
    /// </summary>
    /// <param name="request">Name, a free asset and 1 to <see cref="ZaloMessageLimits.MaxGroupInitialMembers"/> members.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">A field is blank, an id is malformed or repeated, or there are too many members; nothing was sent.</exception>
    /// <exception cref="ZaloApiException">Zalo refused, e.g. -238/-241 for an asset that is used or disabled.</exception>
    public virtual async Task<ZaloGroupDetail> CreateAsync(ZaloCreateGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new CreateGroupBody
        {
            GroupName = Nfc(ZaloGuard.Required(request.Name, "group_name")),
            GroupDescription = string.IsNullOrWhiteSpace(request.Description) ? null : Nfc(request.Description),
            AssetId = GroupGuard.OpaqueId(request.AssetId, "asset_id"),
            MemberUserIds = GroupGuard.UserIds(request.MemberUserIds, "member_user_ids", 1, ZaloMessageLimits.MaxGroupInitialMembers),
        };
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.PostJson("groups.create", GroupPath + "creategroupwithoa", body, GroupsJsonContext.Default.CreateGroupBody), cancellationToken).ConfigureAwait(false);
        return ReadDetail(response, "groups.create");
    }

    // ---- Reading ------------------------------------------------------------------------------

    /// <summary>One group's information, asset and settings (<c>GET /v3.0/oa/group/getgroup?group_id=…</c>);
    /// <see cref="ZaloGroup.IsEnabled"/> says whether the OA can post into it. [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloApiException">Zalo refused, e.g. -403 when the OA is not in the group.</exception>
    public virtual async Task<ZaloGroupDetail> GetAsync(string groupId, CancellationToken cancellationToken = default)
    {
        var query = "group_id=" + Uri.EscapeDataString(GroupGuard.OpaqueId(groupId, "group_id"));
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.Get("groups.get", GroupPath + "getgroup", query), cancellationToken).ConfigureAwait(false);
        return ReadDetail(response, "groups.get");
    }

    /// <summary>One page of the groups the OA manages (<c>GET /v3.0/oa/group/getgroupsofoa?offset=…&amp;count=…</c>). [S]</summary>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="count">Groups per page (Zalo's default is 5).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual async Task<ZaloGroupPage> ListAsync(int offset = 0, int count = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.Get("groups.list", GroupPath + "getgroupsofoa", PageQuery(null, offset, count)), cancellationToken).ConfigureAwait(false);
        return GroupData.IsArray(response.DataSpan)
            ? new ZaloGroupPage { Groups = response.ReadData(GroupsJsonContext.Default.ListZaloGroup, "groups.list") }
            : response.ReadData(GroupsJsonContext.Default.ZaloGroupPage, "groups.list");
    }

    /// <summary>Every group the OA manages, page by page (<see cref="ListAsync"/> until a page is
    /// empty or the total is reached).</summary>
    /// <param name="pageSize">Groups per request.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public virtual async IAsyncEnumerable<ZaloGroup> ListAllAsync(int pageSize = DefaultPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await ListAsync(offset, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var group in page.Groups)
            {
                yield return group;
            }

            offset += page.Groups.Count;
            if (page.Groups.Count == 0 || (page.Total is { } total && offset >= total))
            {
                yield break;
            }
        }
    }

    /// <summary>One page of a group's members, the OA among them (<c>GET /v3.0/oa/group/listmember</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="count">Members per page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloGroupMemberPage> GetMembersAsync(string groupId, int offset = 0, int count = DefaultPageSize, CancellationToken cancellationToken = default) =>
        MemberPageAsync("groups.members", "listmember", groupId, offset, count, cancellationToken);

    /// <summary>One page of the users waiting for approval to join (<c>GET /v3.0/oa/group/listpendinginvite</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="offset">Where the page starts.</param>
    /// <param name="count">Entries per page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloGroupMemberPage> GetPendingInvitesAsync(string groupId, int offset = 0, int count = DefaultPageSize, CancellationToken cancellationToken = default) =>
        MemberPageAsync("groups.pending_invites", "listpendinginvite", groupId, offset, count, cancellationToken);

    // ---- Members and admins -------------------------------------------------------------------

    /// <summary>Invites users into the group (<c>POST /v3.0/oa/group/invite</c>); each must follow the
    /// OA or have interacted with it in the last 7 days. [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The users (digits only, each once).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task InviteAsync(string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        MembersCallAsync("groups.invite", "invite", groupId, userIds, cancellationToken);

    /// <summary>Approves users waiting to join (<c>POST /v3.0/oa/group/acceptpendinginvite</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The users, from <see cref="GetPendingInvitesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task AcceptPendingInvitesAsync(string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        MembersCallAsync("groups.accept_pending", "acceptpendinginvite", groupId, userIds, cancellationToken);

    /// <summary>Turns away users waiting to join (<c>POST /v3.0/oa/group/rejectpendinginvite</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The users, from <see cref="GetPendingInvitesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task RejectPendingInvitesAsync(string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        MembersCallAsync("groups.reject_pending", "rejectpendinginvite", groupId, userIds, cancellationToken);

    /// <summary>Removes members from the group (<c>POST /v3.0/oa/group/removemembers</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The members.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task RemoveMembersAsync(string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        MembersCallAsync("groups.remove_members", "removemembers", groupId, userIds, cancellationToken);

    /// <summary>Makes members deputy admins ("phó nhóm", <c>POST /v3.0/oa/group/addadmins</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The members.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task AddAdminsAsync(string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        MembersCallAsync("groups.add_admins", "addadmins", groupId, userIds, cancellationToken);

    /// <summary>Takes deputy admin rights back (<c>POST /v3.0/oa/group/removeadmins</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="userIds">The admins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task RemoveAdminsAsync(string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken = default) =>
        MembersCallAsync("groups.remove_admins", "removeadmins", groupId, userIds, cancellationToken);

    // ---- Settings, asset, deletion ------------------------------------------------------------

    /// <summary>Changes the group's name, avatar, description or settings (<c>POST /v3.0/oa/group/updateinfo</c>);
    /// members left null are not sent. [S]</summary>
    /// <param name="request">The group and the changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">The request changes nothing, a name is blank or the avatar is not an http(s) URL; nothing was sent.</exception>
    public virtual Task UpdateAsync(ZaloUpdateGroupRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new UpdateGroupBody
        {
            GroupId = GroupGuard.OpaqueId(request.GroupId, "group_id"),
            GroupName = request.Name is null ? null : Nfc(ZaloGuard.Required(request.Name, "group_name")),
            GroupAvatar = request.AvatarUrl is null ? null : ZaloGuard.HttpUrl(request.AvatarUrl, "group_avatar"),
            GroupDescription = request.Description is null ? null : Nfc(request.Description),
            LockSendMessage = request.LockSendMessage,
            JoinApproval = request.RequireJoinApproval,
            EnableMessageHistory = request.EnableMessageHistory,
            EnableLinkJoin = request.EnableLinkJoin,
        };
        if (body is { GroupName: null, GroupAvatar: null, GroupDescription: null, LockSendMessage: null, JoinApproval: null, EnableMessageHistory: null, EnableLinkJoin: null })
        {
            throw ZaloGuard.Invalid("The update changes nothing; set at least one of Name, AvatarUrl, Description or a setting.", "group_id");
        }

        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("groups.update", GroupPath + "updateinfo", body, GroupsJsonContext.Default.UpdateGroupBody), cancellationToken);
    }

    /// <summary>Moves the group onto another GMF asset (<c>POST /v3.0/oa/group/updateasset</c>): the way
    /// to re-enable a group whose asset expired (-237) or to give it a larger package. [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="assetId">A free asset from <see cref="GetQuotaAsync(ZaloGroupQuotaRequest, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task UpdateAssetAsync(string groupId, string assetId, CancellationToken cancellationToken = default)
    {
        var body = new GroupAssetBody { GroupId = GroupGuard.OpaqueId(groupId, "group_id"), AssetId = GroupGuard.OpaqueId(assetId, "asset_id") };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("groups.update_asset", GroupPath + "updateasset", body, GroupsJsonContext.Default.GroupAssetBody), cancellationToken);
    }

    /// <summary>Dissolves the group (<c>POST /v3.0/oa/group/delete</c>). [S]</summary>
    /// <param name="groupId">The group.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task DeleteAsync(string groupId, CancellationToken cancellationToken = default)
    {
        var body = new GroupIdBody { GroupId = GroupGuard.OpaqueId(groupId, "group_id") };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson("groups.delete", GroupPath + "delete", body, GroupsJsonContext.Default.GroupIdBody), cancellationToken);
    }

    // ---- Helpers --------------------------------------------------------------------------------

    private async Task<ZaloGroupMemberPage> MemberPageAsync(string operation, string verb, string groupId, int offset, int count, CancellationToken cancellationToken)
    {
        var query = PageQuery(GroupGuard.OpaqueId(groupId, "group_id"), offset, count);
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.Get(operation, GroupPath + verb, query), cancellationToken).ConfigureAwait(false);
        // {"members":[…],"total":…} [S]; one integration also reads a bare array [U].
        return GroupData.IsArray(response.DataSpan)
            ? new ZaloGroupMemberPage { Members = response.ReadData(GroupsJsonContext.Default.ListZaloGroupMember, operation) }
            : response.ReadData(GroupsJsonContext.Default.ZaloGroupMemberPage, operation);
    }

    private Task MembersCallAsync(string operation, string verb, string groupId, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        var body = new GroupMembersBody
        {
            GroupId = GroupGuard.OpaqueId(groupId, "group_id"),
            MemberUserIds = GroupGuard.UserIds(userIds, "member_user_ids", 1, int.MaxValue),
        };
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJson(operation, GroupPath + verb, body, GroupsJsonContext.Default.GroupMembersBody), cancellationToken);
    }

    private static string PageQuery(string? groupId, int offset, int count)
    {
        ZaloGuard.Range(offset, "offset", 0, int.MaxValue);
        ZaloGuard.Range(count, "count", 1, int.MaxValue);
        var page = string.Create(CultureInfo.InvariantCulture, $"offset={offset}&count={count}");
        return groupId is null ? page : "group_id=" + Uri.EscapeDataString(groupId) + "&" + page;
    }

    // getgroup nests group_info/asset_info/group_setting [S]; creategroupwithoa is reported both
    // nested (with group_link beside group_info) and flat ({group_id, group_link}) [S]. Both read
    // into one shape.
    private static ZaloGroupDetail ReadDetail(ZaloApiResponse response, string operation)
    {
        if (!GroupData.HasProperty(response.DataSpan, "group_info"u8))
        {
            return new ZaloGroupDetail { Group = response.ReadData(GroupsJsonContext.Default.ZaloGroup, operation) };
        }

        var detail = response.ReadData(GroupsJsonContext.Default.ZaloGroupDetail, operation);
        detail.Group ??= new ZaloGroup();
        if (detail.Group.GroupLink is null && detail.AdditionalProperties?.TryGetValue("group_link", out var link) == true && link.ValueKind == JsonValueKind.String)
        {
            detail.Group.GroupLink = link.GetString();
        }

        return detail;
    }

    private static string Nfc(string text) => text.IsNormalized(System.Text.NormalizationForm.FormC) ? text : text.Normalize(System.Text.NormalizationForm.FormC);
}
