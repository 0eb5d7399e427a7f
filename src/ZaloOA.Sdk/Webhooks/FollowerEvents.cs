using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>Base of <c>follow</c> and <c>unfollow</c>: flat <c>oa_id</c>, <c>follower.id</c>, <c>source</c> [C].</summary>
public abstract class FollowerEvent : ZaloWebhookEvent
{
    /// <summary>The <c>follower</c> (its <c>id</c> is the per-OA user id).</summary>
    [JsonPropertyName("follower")]
    [JsonInclude]
    public ZaloWebhookParty? Follower { get; internal set; }

    /// <summary>Where the user (un)followed from, e.g. <c>oa_profile</c>.</summary>
    [JsonPropertyName("source")]
    [JsonInclude]
    public string? Source { get; internal set; }

    /// <summary>The OA (the flat <c>oa_id</c> [C]).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user who (un)followed (<c>follower.id</c> [C]).</summary>
    [JsonIgnore]
    public override string UserId => Follower?.Id ?? base.UserId ?? string.Empty;

    internal override string? FindMissingField() => MissingOaOrUser("oa_id", "follower.id");
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
    internal string? FlatUserId { get; set; }

    /// <summary>The OA (the flat <c>oa_id</c> [C]).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user who clicked (the flat <c>user_id</c> [C]).</summary>
    [JsonIgnore]
    public override string UserId => FlatUserId ?? base.UserId ?? string.Empty;

    internal override string? FindMissingField() => MissingOaOrUser("oa_id", "user_id");
}

/// <summary>The <c>info</c> a user submitted. Two shapes are reported and both are read: a nested
/// <c>full_address</c> [S] S-SPEC26, and flat <c>address, city, district, ward</c> [U] S-REDAI.</summary>
public sealed class ZaloSubmittedInfo : ZaloModel
{
    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The phone number (e.g. <c>84912345678</c>).</summary>
    [JsonPropertyName("phone")]
    [JsonInclude]
    public string? Phone { get; internal set; }

    /// <summary>Date of birth as sent (<c>dd/MM/yyyy</c>).</summary>
    [JsonPropertyName("user_dob")]
    [JsonInclude]
    public string? DateOfBirthText { get; internal set; }

    /// <summary>Gender as sent (e.g. <c>Nam</c>, <c>Nữ</c>).</summary>
    [JsonPropertyName("gender")]
    [JsonInclude]
    public string? Gender { get; internal set; }

    /// <summary>The nested address.</summary>
    [JsonPropertyName("full_address")]
    [JsonInclude]
    public ZaloSubmittedAddress? FullAddress { get; internal set; }

    /// <summary>Flat shape: street address.</summary>
    [JsonPropertyName("address")]
    [JsonInclude]
    public string? FlatAddress { get; internal set; }

    /// <summary>Flat shape: city.</summary>
    [JsonPropertyName("city")]
    [JsonInclude]
    public string? FlatCity { get; internal set; }

    /// <summary>Flat shape: district.</summary>
    [JsonPropertyName("district")]
    [JsonInclude]
    public string? FlatDistrict { get; internal set; }

    /// <summary>Flat shape: ward.</summary>
    [JsonPropertyName("ward")]
    [JsonInclude]
    public string? FlatWard { get; internal set; }

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
    [JsonInclude]
    public string? Address { get; internal set; }

    /// <summary><c>user_city</c>.</summary>
    [JsonPropertyName("user_city")]
    [JsonInclude]
    public string? City { get; internal set; }

    /// <summary><c>user_district</c>.</summary>
    [JsonPropertyName("user_district")]
    [JsonInclude]
    public string? District { get; internal set; }

    /// <summary><c>user_ward</c>.</summary>
    [JsonPropertyName("user_ward")]
    [JsonInclude]
    public string? Ward { get; internal set; }
}

/// <summary><c>user_submit_info</c>: the reply to a <c>request_user_info</c> message, in the
/// user → OA envelope (<c>sender</c> the user, <c>recipient</c> the OA) with an <c>info</c> object;
/// a parsed event always has all three. Which fields <c>info</c> holds depends on what the request
/// asked and on the shape Zalo sends (both reported shapes are read). Contains citizens' personal
/// data: do not log it.</summary>
public sealed class UserSubmitInfoEvent : ZaloWebhookEvent
{
    private ZaloSubmittedInfo? _info;

    /// <summary>The submitted info (an empty one only for an event built in code).</summary>
    [JsonPropertyName("info")]
    [JsonInclude]
    public ZaloSubmittedInfo Info { get => _info ??= new(); internal set => _info = value; }

    /// <summary>The OA the info was submitted to (<c>recipient.id</c>).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user who submitted it (<c>sender.id</c>).</summary>
    [JsonIgnore]
    public override string UserId => base.UserId ?? string.Empty;

    internal override string? FindMissingField() =>
        MissingOaOrUser("recipient.id", "sender.id") ?? (_info is null ? "info" : null);
}

/// <summary>The <c>tag</c> of a tag event.</summary>
public sealed class ZaloWebhookTag : ZaloModel
{
    /// <summary>The tag name.</summary>
    [JsonPropertyName("name")]
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The users concerned.</summary>
    [JsonPropertyName("user_ids")]
    [JsonInclude]
    public IReadOnlyList<string>? UserIds { get; internal set; }
}

/// <summary><c>add_user_to_tag</c> [C] (flat <c>oa_id</c>). Other tag-management literals are
/// unconfirmed and arrive as <see cref="UnknownZaloEvent"/>.</summary>
public sealed class AddUserToTagEvent : ZaloWebhookEvent
{
    /// <summary>The tag and the users added to it.</summary>
    [JsonPropertyName("tag")]
    [JsonInclude]
    public ZaloWebhookTag? Tag { get; internal set; }

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

/// <summary>A <c>{prev_*, new_*}</c> pair in ZNS template events.</summary>
public sealed class ZaloValueChange : ZaloModel
{
    /// <summary><c>prev_status</c>.</summary>
    [JsonPropertyName("prev_status")]
    [JsonInclude]
    public string? PreviousStatus { get; internal set; }

    /// <summary><c>new_status</c>.</summary>
    [JsonPropertyName("new_status")]
    [JsonInclude]
    public string? NewStatus { get; internal set; }

    /// <summary><c>prev_value</c>.</summary>
    [JsonPropertyName("prev_value")]
    [JsonInclude]
    public string? PreviousValue { get; internal set; }

    /// <summary><c>new_value</c>.</summary>
    [JsonPropertyName("new_value")]
    [JsonInclude]
    public string? NewValue { get; internal set; }
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
    [JsonInclude]
    public string? TemplateId { get; internal set; }

    /// <summary>The status change of <c>change_template_status</c>.</summary>
    [JsonPropertyName("status")]
    [JsonInclude]
    public ZaloValueChange? Status { get; internal set; }

    /// <summary>The quota change of the quota events.</summary>
    [JsonPropertyName("quota")]
    [JsonInclude]
    public ZaloValueChange? Quota { get; internal set; }

    /// <summary>Zalo's reason for the change (e.g. why a template was rejected).</summary>
    [JsonPropertyName("reason")]
    [JsonInclude]
    public string? Reason { get; internal set; }

    /// <inheritdoc />
    public override string? UserId => null;

    private protected override bool IsOaOriginated => true;
}
