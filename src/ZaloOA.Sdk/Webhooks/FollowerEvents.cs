using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>Base of <c>follow</c> and <c>unfollow</c>: flat <c>oa_id</c>, <c>follower.id</c>, <c>source</c> [C].</summary>
public abstract class FollowerEvent : ZaloWebhookEvent
{
    /// <summary>The <c>follower</c> (its <c>id</c> is the per-OA user id).</summary>
    [JsonPropertyName("follower")]
    public ZaloWebhookParty? Follower { get; init; }

    /// <summary>Where the user (un)followed from, e.g. <c>oa_profile</c>.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <inheritdoc />
    public override string? UserId => Follower?.Id ?? base.UserId;
}

/// <summary><c>follow</c>: a user followed the OA.</summary>
public sealed class FollowEvent : FollowerEvent;

/// <summary><c>unfollow</c>: a user stopped following the OA.</summary>
public sealed class UnfollowEvent : FollowerEvent;

/// <summary><c>user_click_chatnow</c>: flat <c>user_id</c> and <c>oa_id</c> per integrations.</summary>
public sealed class UserClickChatNowEvent : ZaloWebhookEvent
{
    /// <summary>The flat <c>user_id</c>.</summary>
    [JsonPropertyName("user_id")]
    [JsonInclude]
    internal string? FlatUserId { get; init; }

    /// <inheritdoc />
    public override string? UserId => FlatUserId ?? base.UserId;
}

/// <summary>The <c>info</c> a user submitted. Two shapes are reported and both are read: a nested
/// <c>full_address</c> [S] S-SPEC26, and flat <c>address, city, district, ward</c> [U] S-REDAI.</summary>
public sealed class ZaloSubmittedInfo : ZaloModel
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The phone number (e.g. <c>84912345678</c>).</summary>
    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary>Date of birth as sent (<c>dd/MM/yyyy</c>).</summary>
    [JsonPropertyName("user_dob")]
    public string? DateOfBirthText { get; init; }

    /// <summary>Gender as sent (e.g. <c>Nam</c>, <c>Nữ</c>).</summary>
    [JsonPropertyName("gender")]
    public string? Gender { get; init; }

    /// <summary>The nested address.</summary>
    [JsonPropertyName("full_address")]
    public ZaloSubmittedAddress? FullAddress { get; init; }

    /// <summary>Flat shape: street address.</summary>
    [JsonPropertyName("address")]
    public string? FlatAddress { get; init; }

    /// <summary>Flat shape: city.</summary>
    [JsonPropertyName("city")]
    public string? FlatCity { get; init; }

    /// <summary>Flat shape: district.</summary>
    [JsonPropertyName("district")]
    public string? FlatDistrict { get; init; }

    /// <summary>Flat shape: ward.</summary>
    [JsonPropertyName("ward")]
    public string? FlatWard { get; init; }

    /// <summary>Date of birth, when <see cref="DateOfBirthText"/> parses.</summary>
    [JsonIgnore]
    public DateOnly? DateOfBirth =>
        DateOnly.TryParseExact(DateOfBirthText, ["dd/MM/yyyy", "d/M/yyyy"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Street address from either shape.</summary>
    [JsonIgnore]
    public string? Address => FullAddress?.Address ?? FlatAddress;

    /// <summary>City from either shape.</summary>
    [JsonIgnore]
    public string? City => FullAddress?.City ?? FlatCity;

    /// <summary>District from either shape.</summary>
    [JsonIgnore]
    public string? District => FullAddress?.District ?? FlatDistrict;

    /// <summary>Ward from either shape.</summary>
    [JsonIgnore]
    public string? Ward => FullAddress?.Ward ?? FlatWard;
}

/// <summary>The nested <c>full_address</c> of submitted info.</summary>
public sealed class ZaloSubmittedAddress : ZaloModel
{
    /// <summary><c>user_address</c>.</summary>
    [JsonPropertyName("user_address")]
    public string? Address { get; init; }

    /// <summary><c>user_city</c>.</summary>
    [JsonPropertyName("user_city")]
    public string? City { get; init; }

    /// <summary><c>user_district</c>.</summary>
    [JsonPropertyName("user_district")]
    public string? District { get; init; }

    /// <summary><c>user_ward</c>.</summary>
    [JsonPropertyName("user_ward")]
    public string? Ward { get; init; }
}

/// <summary><c>user_submit_info</c>: the reply to a <c>request_user_info</c> message. Contains
/// citizens' personal data: do not log it.</summary>
public sealed class UserSubmitInfoEvent : ZaloWebhookEvent
{
    /// <summary>The submitted info.</summary>
    [JsonPropertyName("info")]
    public ZaloSubmittedInfo? Info { get; init; }
}

/// <summary>The <c>tag</c> of a tag event.</summary>
public sealed class ZaloWebhookTag : ZaloModel
{
    /// <summary>The tag name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The users concerned.</summary>
    [JsonPropertyName("user_ids")]
    public IReadOnlyList<string>? UserIds { get; init; }
}

/// <summary><c>add_user_to_tag</c> [C] (flat <c>oa_id</c>). Other tag-management literals are
/// unconfirmed and arrive as <see cref="UnknownZaloEvent"/>.</summary>
public sealed class AddUserToTagEvent : ZaloWebhookEvent
{
    /// <summary>The tag and the users added to it.</summary>
    [JsonPropertyName("tag")]
    public ZaloWebhookTag? Tag { get; init; }

    /// <inheritdoc />
    public override string? UserId => Tag?.UserIds is [var only] ? only : null;
}

/// <summary>Widget consent events [U]: <c>widget_interaction_accepted</c>,
/// <c>widget_failed_to_sync_user_external_id</c>.</summary>
public sealed class WidgetEvent : ZaloWebhookEvent;

/// <summary>Call events [S]: <c>oa_send_consent</c>, <c>user_reply_consent</c>, <c>oa_call_user</c>,
/// <c>user_call_oa</c>.</summary>
public sealed class CallEvent : ZaloWebhookEvent;

/// <summary><c>shop_has_order</c> [S].</summary>
public sealed class ShopHasOrderEvent : ZaloWebhookEvent;

/// <summary><c>permission_revoked</c> [S]: the OA revoked the app's permission; its tokens stop
/// working and a person must authorise again.</summary>
public sealed class PermissionRevokedEvent : ZaloWebhookEvent;

/// <summary>
/// Group chat (GMF) management events [S]: <c>create_group</c>, <c>user_join_group</c>,
/// <c>user_request_join_group</c>, <c>react_request_join_group</c> / <c>_accept</c> / <c>_reject</c>,
/// <c>reject_request_join_group</c>, <c>add_group_admin</c>, <c>remove_group_admin</c>,
/// <c>update_group_info</c>, <c>user_out_group</c> / <c>user_leave_group</c>,
/// <c>disperse_group</c> / <c>delete_group</c> (both spellings of [U] pairs map here).
/// </summary>
public sealed class GroupEvent : ZaloWebhookEvent
{
    /// <summary>The group id, when sent as <c>group_id</c> [U].</summary>
    [JsonPropertyName("group_id")]
    public string? GroupId { get; init; }
}

/// <summary>A <c>{prev_*, new_*}</c> pair in ZNS template events.</summary>
public sealed class ZaloValueChange : ZaloModel
{
    /// <summary><c>prev_status</c>.</summary>
    [JsonPropertyName("prev_status")]
    public string? PreviousStatus { get; init; }

    /// <summary><c>new_status</c>.</summary>
    [JsonPropertyName("new_status")]
    public string? NewStatus { get; init; }

    /// <summary><c>prev_value</c>.</summary>
    [JsonPropertyName("prev_value")]
    public string? PreviousValue { get; init; }

    /// <summary><c>new_value</c>.</summary>
    [JsonPropertyName("new_value")]
    public string? NewValue { get; init; }
}

/// <summary>
/// ZNS/ZBS management events [S]: <c>change_template_status</c> (<c>status{prev_status,new_status}</c>,
/// <c>reason</c>), <c>change_oa_daily_quota</c> / <c>change_template_quota</c>
/// (<c>quota{prev_value,new_value}</c>), <c>change_template_quality</c>,
/// <c>change_oa_template_tags</c>, <c>user_feedback</c>, <c>event_journey_time_out</c>,
/// <c>event_journey_acknowledged</c>.
/// </summary>
public sealed class ZnsTemplateEvent : ZaloWebhookEvent
{
    /// <summary>The template concerned (<c>template_id</c>), when sent.</summary>
    [JsonPropertyName("template_id")]
    public string? TemplateId { get; init; }

    /// <summary>The status change of <c>change_template_status</c>.</summary>
    [JsonPropertyName("status")]
    public ZaloValueChange? Status { get; init; }

    /// <summary>The quota change of the quota events.</summary>
    [JsonPropertyName("quota")]
    public ZaloValueChange? Quota { get; init; }

    /// <summary>Zalo's reason for the change (e.g. why a template was rejected).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <inheritdoc />
    public override string? UserId => null;

    private protected override bool IsOaOriginated => true;
}
