using System.Diagnostics.CodeAnalysis;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Groups;

/// <summary>
/// Which GMF assets to look up (<c>POST /v3.0/oa/quota/group</c>): a free asset (status
/// <c>available</c>) is what <see cref="GroupsClient.CreateAsync"/> needs. [S]
/// </summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloGroupQuotaRequest
{
    /// <summary>Known <see cref="ProductType"/>: groups of at most 10 members.</summary>
    public const string Gmf10 = "gmf10";

    /// <summary>Known <see cref="ProductType"/>: groups of at most 50 members.</summary>
    public const string Gmf50 = "gmf50";

    /// <summary>Known <see cref="ProductType"/>: groups of at most 100 members.</summary>
    public const string Gmf100 = "gmf100";

    /// <summary>Known <see cref="ProductType"/>: groups of at most 1,000 members.</summary>
    public const string Gmf1000 = "gmf1000";

    /// <summary>Known <see cref="QuotaType"/>: assets that came with the OA's package.</summary>
    public const string SubQuota = "sub_quota";

    /// <summary>Known <see cref="QuotaType"/>: assets bought on their own.</summary>
    public const string PurchaseQuota = "purchase_quota";

    /// <summary>Known <see cref="QuotaType"/>: assets given by a programme or promotion.</summary>
    public const string RewardQuota = "reward_quota";

    /// <summary>The GMF package (<c>product_type</c>), e.g. <see cref="Gmf10"/>.</summary>
    public required string ProductType { get; init; }

    /// <summary>Where the assets came from (<c>quota_type</c>); default <see cref="SubQuota"/>.</summary>
    public string QuotaType { get; init; } = SubQuota;

    /// <summary>Who owns the assets (<c>quota_owner</c>): <c>OA</c> (default) or <c>APP</c>.</summary>
    public string QuotaOwner { get; init; } = "OA";
}

/// <summary>A new group with the OA in it (<c>POST /v3.0/oa/group/creategroupwithoa</c>). [S]</summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloCreateGroupRequest
{
    /// <summary>The group's name (<c>group_name</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the group is for (<c>group_description</c>), or null.</summary>
    public string? Description { get; init; }

    /// <summary>A free GMF asset (<see cref="ZaloGroupAsset.AssetId"/> with
    /// <see cref="ZaloGroupAsset.IsAvailable"/>) from <see cref="GroupsClient.GetQuotaAsync(ZaloGroupQuotaRequest, CancellationToken)"/>.</summary>
    public required string AssetId { get; init; }

    /// <summary>The first members (<c>member_user_ids</c>): 1 to <see cref="ZaloMessageLimits.MaxGroupInitialMembers"/>
    /// user ids of the OA's followers (or users who interacted in the last 7 days); more join by
    /// <see cref="GroupsClient.InviteAsync"/>.</summary>
    public required IReadOnlyList<string> MemberUserIds { get; init; }
}

/// <summary>
/// Changes to a group's information and settings (<c>POST /v3.0/oa/group/updateinfo</c>); null
/// members are left as they are. [S]
/// </summary>
[Experimental(GroupsClient.DiagnosticId)]
public sealed class ZaloUpdateGroupRequest
{
    /// <summary>The group (<c>group_id</c>).</summary>
    public required string GroupId { get; init; }

    /// <summary>A new name (<c>group_name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>A new avatar picture URL (<c>group_avatar</c>).</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>A new description (<c>group_description</c>).</summary>
    public string? Description { get; init; }

    /// <summary>Only admins may write (<c>lock_send_msg</c>).</summary>
    public bool? LockSendMessage { get; init; }

    /// <summary>New members need an admin's approval (<c>join_appr</c>).</summary>
    public bool? RequireJoinApproval { get; init; }

    /// <summary>New members can read earlier messages (<c>enable_msg_history</c>).</summary>
    public bool? EnableMessageHistory { get; init; }

    /// <summary>Anyone with the group link may join (<c>enable_link_join</c>).</summary>
    public bool? EnableLinkJoin { get; init; }
}
