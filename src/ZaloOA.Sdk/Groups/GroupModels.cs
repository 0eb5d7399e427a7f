using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Groups;

/// <summary>
/// One GMF asset (an entry of <c>POST /v3.0/oa/quota/group</c>): the right to run one group of a
/// package's size until <see cref="ValidThrough"/>. Fields from secondary sources; others are kept. [S]
/// </summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupAsset : ZaloModel
{
    /// <summary>The asset's id, what <see cref="ZaloCreateGroupRequest.AssetId"/> takes.</summary>
    [JsonPropertyName("asset_id")]
    public string? AssetId { get; set; }

    /// <summary>The package, e.g. <see cref="ZaloGroupQuotaRequest.Gmf10"/>.</summary>
    [JsonPropertyName("product_type")]
    public string? ProductType { get; set; }

    /// <summary>Where it came from, e.g. <see cref="ZaloGroupQuotaRequest.SubQuota"/>.</summary>
    [JsonPropertyName("quota_type")]
    public string? QuotaType { get; set; }

    /// <summary><c>available</c> (free to create a group with) or <c>used</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The group using the asset, when <see cref="Status"/> is <c>used</c>.</summary>
    [JsonPropertyName("used_id")]
    public string? UsedId { get; set; }

    /// <summary>Until when the asset is valid, exactly as Zalo wrote it (epoch milliseconds or a date).</summary>
    [JsonPropertyName("valid_through")]
    public string? ValidThrough { get; set; }

    /// <summary>Whether the package renews itself.</summary>
    [JsonPropertyName("auto_renew")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? AutoRenew { get; set; }

    /// <summary>True when the asset is free to create a group with.</summary>
    [JsonIgnore]
    public bool IsAvailable => string.Equals(Status, "available", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A group chat as Zalo describes it (<c>group_info</c> of <c>getgroup</c>, an entry of
/// <c>getgroupsofoa</c>, the answer to <c>creategroupwithoa</c>). Fields from secondary sources;
/// others are kept. [S]
/// </summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroup : ZaloModel
{
    /// <summary>The group's id (<c>group_id</c>).</summary>
    [JsonPropertyName("group_id")]
    public string? GroupId { get; set; }

    /// <summary>The group's name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The group's avatar URL.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }

    /// <summary>The join link (<c>https://zalo.me/g/…</c>); keep it, Zalo documents no other way to get it again.</summary>
    [JsonPropertyName("group_link")]
    public string? GroupLink { get; set; }

    /// <summary>The description (<c>group_description</c>).</summary>
    [JsonPropertyName("group_description")]
    public string? Description { get; set; }

    /// <summary><c>enabled</c>, or <c>disabled</c> once its GMF asset expired (posting then fails with -237).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>How many members the group has.</summary>
    [JsonPropertyName("total_member")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? TotalMembers { get; set; }

    /// <summary>How many members its package allows.</summary>
    [JsonPropertyName("max_member")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? MaxMembers { get; set; }

    /// <summary>When Zalo dissolves the group unless its asset is renewed (45 days after expiry), as Zalo wrote it.</summary>
    [JsonPropertyName("auto_delete_date")]
    public string? AutoDeleteDate { get; set; }

    /// <summary>True when the OA may post into the group (<see cref="Status"/> is <c>enabled</c>).</summary>
    [JsonIgnore]
    public bool IsEnabled => string.Equals(Status, "enabled", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The GMF asset behind a group (<c>asset_info</c> of <c>getgroup</c>). [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupAssetInfo : ZaloModel
{
    /// <summary>The package, e.g. <c>gmf10</c>.</summary>
    [JsonPropertyName("asset_type")]
    public string? AssetType { get; set; }

    /// <summary>The asset's id (renew with <see cref="GroupsClient.UpdateAssetAsync"/>).</summary>
    [JsonPropertyName("asset_id")]
    public string? AssetId { get; set; }

    /// <summary>Until when the asset is valid, as Zalo wrote it.</summary>
    [JsonPropertyName("valid_through")]
    public string? ValidThrough { get; set; }

    /// <summary>Whether the package renews itself.</summary>
    [JsonPropertyName("auto_renew")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? AutoRenew { get; set; }
}

/// <summary>A group's settings (<c>group_setting</c> of <c>getgroup</c>). [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupSettings : ZaloModel
{
    /// <summary>Only admins may write (<c>lock_send_msg</c>).</summary>
    [JsonPropertyName("lock_send_msg")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? LockSendMessage { get; set; }

    /// <summary>New members need an admin's approval (<c>join_appr</c>).</summary>
    [JsonPropertyName("join_appr")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? RequireJoinApproval { get; set; }

    /// <summary>New members can read earlier messages (<c>enable_msg_history</c>).</summary>
    [JsonPropertyName("enable_msg_history")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? EnableMessageHistory { get; set; }

    /// <summary>Anyone with the link may join (<c>enable_link_join</c>).</summary>
    [JsonPropertyName("enable_link_join")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? EnableLinkJoin { get; set; }
}

/// <summary>
/// What Zalo says about one group (<c>GET /v3.0/oa/group/getgroup</c>, and the answer to
/// <c>creategroupwithoa</c>): the group, its asset and its settings. Zalo nests them in
/// <c>group_info</c>, <c>asset_info</c> and <c>group_setting</c>; an answer with the group's fields
/// at the top level is read into <see cref="Group"/> too. [S]
/// </summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupDetail : ZaloModel
{
    /// <summary>The group (<c>group_info</c>).</summary>
    [JsonPropertyName("group_info")]
    public ZaloGroup Group { get; set; } = new();

    /// <summary>Its GMF asset (<c>asset_info</c>), when Zalo sends it.</summary>
    [JsonPropertyName("asset_info")]
    public ZaloGroupAssetInfo? Asset { get; set; }

    /// <summary>Its settings (<c>group_setting</c>), when Zalo sends them.</summary>
    [JsonPropertyName("group_setting")]
    public ZaloGroupSettings? Settings { get; set; }
}

/// <summary>One page of the OA's groups (<c>GET /v3.0/oa/group/getgroupsofoa</c>). [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupPage : ZaloModel
{
    /// <summary>The groups of this page.</summary>
    [JsonPropertyName("groups")]
    public IReadOnlyList<ZaloGroup> Groups { get; set; } = [];

    /// <summary>How many groups the OA has, when Zalo says.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }
}

/// <summary>A member of a group, or a user waiting to join (<c>listmember</c>, <c>listpendinginvite</c>):
/// the OA carries <c>oa_id</c>, a user <c>user_id</c>. [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupMember : ZaloModel
{
    /// <summary>The user's id (per OA), for a user.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    /// <summary>The OA's id, for the OA itself.</summary>
    [JsonPropertyName("oa_id")]
    public string? OaId { get; set; }

    /// <summary>The display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The avatar URL.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }

    /// <summary>True for the OA's own entry.</summary>
    [JsonIgnore]
    public bool IsOa => OaId is not null && UserId is null;
}

/// <summary>One page of a group's members or pending invitations. [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupMemberPage : ZaloModel
{
    /// <summary>The members of this page.</summary>
    [JsonPropertyName("members")]
    public IReadOnlyList<ZaloGroupMember> Members { get; set; } = [];

    /// <summary>How many entries there are in all, when Zalo says.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }

    /// <summary>How many members the group has, when Zalo says.</summary>
    [JsonPropertyName("member_count")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? MemberCount { get; set; }
}

/// <summary>What Zalo answers to a message posted into a group (<c>data.message_id</c>, <c>data.group_id</c>). [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupSendResult : ZaloModel
{
    /// <summary>The new message's id.</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; set; }

    /// <summary>The group it was posted into.</summary>
    [JsonPropertyName("group_id")]
    public string? GroupId { get; set; }
}
