using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// A webhook <c>event_name</c>. Open set: any string Zalo sends is a valid value, and the known
/// literals are offered as static properties. Compared ordinally (Zalo's names are lower case).
/// </summary>
/// <remarks>Literals marked [S] or [U] in the XML docs come from a single secondary source or are
/// contradicted between sources; where two spellings are reported, both are listed and map to the
/// same event type.</remarks>
[JsonConverter(typeof(ZaloEventNameJsonConverter))]
public readonly struct ZaloEventName : IEquatable<ZaloEventName>
{
    private readonly string? _value;

    /// <summary>Creates an event name from its wire literal.</summary>
    public ZaloEventName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The wire literal (empty for <c>default</c>).</summary>
    public string Value => _value ?? string.Empty;

#pragma warning disable CS1591 // the literal is the documentation; grouped by family below
    // User → OA (1:1) [C]; user_send_contact [U].
    public static ZaloEventName UserSendText { get; } = new("user_send_text");
    public static ZaloEventName UserSendImage { get; } = new("user_send_image");
    public static ZaloEventName UserSendGif { get; } = new("user_send_gif");
    public static ZaloEventName UserSendSticker { get; } = new("user_send_sticker");
    public static ZaloEventName UserSendAudio { get; } = new("user_send_audio");
    public static ZaloEventName UserSendVideo { get; } = new("user_send_video");
    public static ZaloEventName UserSendFile { get; } = new("user_send_file");
    public static ZaloEventName UserSendLink { get; } = new("user_send_link");
    public static ZaloEventName UserSendLocation { get; } = new("user_send_location");
    public static ZaloEventName UserSendBusinessCard { get; } = new("user_send_business_card");
    public static ZaloEventName UserSendContact { get; } = new("user_send_contact");

    // OA → user echoes [C]/[S].
    public static ZaloEventName OaSendText { get; } = new("oa_send_text");
    public static ZaloEventName OaSendImage { get; } = new("oa_send_image");
    public static ZaloEventName OaSendList { get; } = new("oa_send_list");
    public static ZaloEventName OaSendGif { get; } = new("oa_send_gif");
    public static ZaloEventName OaSendFile { get; } = new("oa_send_file");
    public static ZaloEventName OaSendSticker { get; } = new("oa_send_sticker");
    public static ZaloEventName OaSendTemplate { get; } = new("oa_send_template");

    // Status [C]; reactions [S].
    public static ZaloEventName UserReceivedMessage { get; } = new("user_received_message");
    public static ZaloEventName UserSeenMessage { get; } = new("user_seen_message");
    public static ZaloEventName UserReactedMessage { get; } = new("user_reacted_message");
    public static ZaloEventName OaReactedMessage { get; } = new("oa_reacted_message");

    // Follow / profile [C]; widget [U].
    public static ZaloEventName Follow { get; } = new("follow");
    public static ZaloEventName Unfollow { get; } = new("unfollow");
    public static ZaloEventName UserSubmitInfo { get; } = new("user_submit_info");
    public static ZaloEventName UserClickChatNow { get; } = new("user_click_chatnow");
    public static ZaloEventName AddUserToTag { get; } = new("add_user_to_tag");
    public static ZaloEventName WidgetInteractionAccepted { get; } = new("widget_interaction_accepted");
    public static ZaloEventName WidgetFailedToSyncUserExternalId { get; } = new("widget_failed_to_sync_user_external_id");

    // Anonymous users [S].
    public static ZaloEventName AnonymousSendText { get; } = new("anonymous_send_text");
    public static ZaloEventName AnonymousSendImage { get; } = new("anonymous_send_image");
    public static ZaloEventName AnonymousSendFile { get; } = new("anonymous_send_file");
    public static ZaloEventName AnonymousSendSticker { get; } = new("anonymous_send_sticker");
    public static ZaloEventName OaSendAnonymousText { get; } = new("oa_send_anonymous_text");
    public static ZaloEventName OaSendAnonymousImage { get; } = new("oa_send_anonymous_image");
    public static ZaloEventName OaSendAnonymousFile { get; } = new("oa_send_anonymous_file");
    public static ZaloEventName OaSendAnonymousSticker { get; } = new("oa_send_anonymous_sticker");

    // Calls [S].
    public static ZaloEventName OaSendConsent { get; } = new("oa_send_consent");
    public static ZaloEventName UserReplyConsent { get; } = new("user_reply_consent");
    public static ZaloEventName OaCallUser { get; } = new("oa_call_user");
    public static ZaloEventName UserCallOa { get; } = new("user_call_oa");

    // Shop [S].
    public static ZaloEventName ShopHasOrder { get; } = new("shop_has_order");

    // ZNS / ZBS [S].
    public static ZaloEventName UserFeedback { get; } = new("user_feedback");
    public static ZaloEventName ChangeOaDailyQuota { get; } = new("change_oa_daily_quota");
    public static ZaloEventName ChangeOaTemplateTags { get; } = new("change_oa_template_tags");
    public static ZaloEventName ChangeTemplateQuality { get; } = new("change_template_quality");
    public static ZaloEventName ChangeTemplateQuota { get; } = new("change_template_quota");
    public static ZaloEventName ChangeTemplateStatus { get; } = new("change_template_status");
    public static ZaloEventName EventJourneyTimeOut { get; } = new("event_journey_time_out");
    public static ZaloEventName EventJourneyAcknowledged { get; } = new("event_journey_acknowledged");

    // Group chat (GMF) messages [S]: a member's, and the OA's own posts (every oa_send_group_*
    // maps to one type); user_send_group_location is listed by one source only [U].
    public static ZaloEventName UserSendGroupText { get; } = new("user_send_group_text");
    public static ZaloEventName UserSendGroupImage { get; } = new("user_send_group_image");
    public static ZaloEventName UserSendGroupGif { get; } = new("user_send_group_gif");
    public static ZaloEventName UserSendGroupSticker { get; } = new("user_send_group_sticker");
    public static ZaloEventName UserSendGroupAudio { get; } = new("user_send_group_audio");
    public static ZaloEventName UserSendGroupVideo { get; } = new("user_send_group_video");
    public static ZaloEventName UserSendGroupFile { get; } = new("user_send_group_file");
    public static ZaloEventName UserSendGroupLink { get; } = new("user_send_group_link");
    public static ZaloEventName UserSendGroupLocation { get; } = new("user_send_group_location");
    public static ZaloEventName UserSendGroupBusinessCard { get; } = new("user_send_group_business_card");
    public static ZaloEventName OaSendGroupText { get; } = new("oa_send_group_text");
    public static ZaloEventName OaSendGroupImage { get; } = new("oa_send_group_image");
    public static ZaloEventName OaSendGroupGif { get; } = new("oa_send_group_gif");
    public static ZaloEventName OaSendGroupSticker { get; } = new("oa_send_group_sticker");
    public static ZaloEventName OaSendGroupFile { get; } = new("oa_send_group_file");

    // Group chat (GMF) management [S]; pairs of spellings are [U] and both map to the same type.
    public static ZaloEventName CreateGroup { get; } = new("create_group");
    public static ZaloEventName UserJoinGroup { get; } = new("user_join_group");
    public static ZaloEventName UserRequestJoinGroup { get; } = new("user_request_join_group");
    public static ZaloEventName ReactRequestJoinGroup { get; } = new("react_request_join_group");
    public static ZaloEventName RejectRequestJoinGroup { get; } = new("reject_request_join_group");
    public static ZaloEventName ReactRequestJoinGroupAccept { get; } = new("react_request_join_group_accept");
    public static ZaloEventName ReactRequestJoinGroupReject { get; } = new("react_request_join_group_reject");
    public static ZaloEventName AddGroupAdmin { get; } = new("add_group_admin");
    public static ZaloEventName RemoveGroupAdmin { get; } = new("remove_group_admin");
    public static ZaloEventName UpdateGroupInfo { get; } = new("update_group_info");
    public static ZaloEventName UserOutGroup { get; } = new("user_out_group");
    public static ZaloEventName UserLeaveGroup { get; } = new("user_leave_group");
    public static ZaloEventName DisperseGroup { get; } = new("disperse_group");
    public static ZaloEventName DeleteGroup { get; } = new("delete_group");

    // App permission [S].
    public static ZaloEventName PermissionRevoked { get; } = new("permission_revoked");
#pragma warning restore CS1591

    /// <summary>True for <c>oa_send_group_*</c> and <c>user_send_group_*</c> messages [S].</summary>
    public bool IsGroupMessage => Value.StartsWith("oa_send_group_", StringComparison.Ordinal) || Value.StartsWith("user_send_group_", StringComparison.Ordinal);

    /// <summary>Converts a wire literal to an event name.</summary>
    public static implicit operator ZaloEventName(string value) => new(value);

    /// <summary>Creates an event name from its wire literal.</summary>
    public static ZaloEventName FromString(string value) => new(value);

    /// <summary>Compares two names ordinally.</summary>
    public static bool operator ==(ZaloEventName left, ZaloEventName right) => left.Equals(right);

    /// <summary>Compares two names ordinally.</summary>
    public static bool operator !=(ZaloEventName left, ZaloEventName right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ZaloEventName other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZaloEventName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire literal.</summary>
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ZaloEventName"/> as a JSON string.</summary>
internal sealed class ZaloEventNameJsonConverter : JsonConverter<ZaloEventName>
{
    public override ZaloEventName Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new ZaloEventName(reader.GetString()!)
            : throw new JsonException($"event_name must be a string, found {reader.TokenType}.");

    public override void Write(Utf8JsonWriter writer, ZaloEventName value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
