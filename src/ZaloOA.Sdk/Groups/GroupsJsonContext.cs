using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Groups;

/// <summary>Source-generated JSON metadata for the group chat responses and request bodies (the
/// options of every area context).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(List<ZaloGroupAsset>))]
[JsonSerializable(typeof(ZaloGroupAssetPage))]
[JsonSerializable(typeof(ZaloGroup))]
[JsonSerializable(typeof(ZaloGroupDetail))]
[JsonSerializable(typeof(ZaloGroupPage))]
[JsonSerializable(typeof(List<ZaloGroup>))]
[JsonSerializable(typeof(ZaloGroupMemberPage))]
[JsonSerializable(typeof(List<ZaloGroupMember>))]
[JsonSerializable(typeof(ZaloGroupSendResult))]
[JsonSerializable(typeof(GroupQuotaBody))]
[JsonSerializable(typeof(CreateGroupBody))]
[JsonSerializable(typeof(UpdateGroupBody))]
[JsonSerializable(typeof(GroupMembersBody))]
[JsonSerializable(typeof(GroupAssetBody))]
[JsonSerializable(typeof(GroupIdBody))]
internal sealed partial class GroupsJsonContext : JsonSerializerContext;

/// <summary>The quota answer when Zalo wraps the array (<c>{"assets":[…]}</c>, seen in one integration). [U]</summary>
internal sealed class ZaloGroupAssetPage : ZaloModel
{
    [JsonPropertyName("assets")]
    public List<ZaloGroupAsset> Assets { get; set; } = [];
}

internal sealed class GroupQuotaBody
{
    [JsonPropertyName("quota_owner")]
    public required string QuotaOwner { get; init; }

    [JsonPropertyName("product_type")]
    public required string ProductType { get; init; }

    [JsonPropertyName("quota_type")]
    public required string QuotaType { get; init; }
}

internal sealed class CreateGroupBody
{
    [JsonPropertyName("group_name")]
    public required string GroupName { get; init; }

    [JsonPropertyName("group_description")]
    public string? GroupDescription { get; init; }

    [JsonPropertyName("asset_id")]
    public required string AssetId { get; init; }

    [JsonPropertyName("member_user_ids")]
    public required IReadOnlyList<string> MemberUserIds { get; init; }
}

internal sealed class UpdateGroupBody
{
    [JsonPropertyName("group_id")]
    public required string GroupId { get; init; }

    [JsonPropertyName("group_name")]
    public string? GroupName { get; init; }

    [JsonPropertyName("group_avatar")]
    public string? GroupAvatar { get; init; }

    [JsonPropertyName("group_description")]
    public string? GroupDescription { get; init; }

    [JsonPropertyName("lock_send_msg")]
    public bool? LockSendMessage { get; init; }

    [JsonPropertyName("join_appr")]
    public bool? JoinApproval { get; init; }

    [JsonPropertyName("enable_msg_history")]
    public bool? EnableMessageHistory { get; init; }

    [JsonPropertyName("enable_link_join")]
    public bool? EnableLinkJoin { get; init; }
}

internal sealed class GroupMembersBody
{
    [JsonPropertyName("group_id")]
    public required string GroupId { get; init; }

    [JsonPropertyName("member_user_ids")]
    public required IReadOnlyList<string> MemberUserIds { get; init; }
}

internal sealed class GroupAssetBody
{
    [JsonPropertyName("group_id")]
    public required string GroupId { get; init; }

    [JsonPropertyName("asset_id")]
    public required string AssetId { get; init; }
}

internal sealed class GroupIdBody
{
    [JsonPropertyName("group_id")]
    public required string GroupId { get; init; }
}
