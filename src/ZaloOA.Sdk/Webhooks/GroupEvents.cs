using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Webhooks;

// Group chat (GMF) events [S]. Their envelope is not the 1:1 one: a member's message carries the
// user in sender.id and the group where a 1:1 message has the OA (recipient.id in a production
// integration, recipient.group_id or a top-level group_id in others), with the OA in a top-level
// oa_id. Every place is read, the OA id is never taken from the recipient, and fields whose place
// is unconfirmed stay nullable rather than failing the event.

/// <summary>
/// A message in a group chat (GMF) [S]: <c>user_send_group_*</c> from a member
/// (<see cref="UserGroupMessageEvent"/>), <c>oa_send_group_*</c> from the OA
/// (<see cref="OaSendGroupMessageEvent"/>). Register an <see cref="IZaloWebhookHandler{TEvent}"/> of
/// this type to receive every group message.
/// </summary>
public abstract class GroupMessageEvent : ZaloMessageEvent
{
    /// <summary>A top-level <c>group_id</c>, when the event carries one.</summary>
    [JsonPropertyName("group_id")]
    [JsonInclude]
    internal string? DeclaredGroupId { get; set; }

    /// <summary>The group: <c>recipient.group_id</c>, a top-level <c>group_id</c>, <c>recipient.id</c>
    /// (unless it is the OA) or <c>message.conversation_id</c>, the first present. [S]</summary>
    [JsonIgnore]
    public virtual string? GroupId => GroupEventIds.GroupId(this, DeclaredGroupId, Message?.AdditionalProperties);

    /// <summary>True for <c>oa_send_group_*</c> (the OA posted it).</summary>
    [JsonIgnore]
    public bool IsFromOa => IsOaOriginated;

    /// <summary>The member who wrote (<c>sender.id</c>); null for the OA's own posts.</summary>
    [JsonIgnore]
    public override string? UserId => IsOaOriginated ? null : Sender?.Id;

    // The recipient is the group, never the OA: the OA is oa_id, or the sender of its own posts.
    private protected override string? OaIdFromParties => IsOaOriginated ? Sender?.Id : null;
}

/// <summary>
/// Base of the <c>user_send_group_*</c> events: a member wrote in a group the OA manages. A parsed
/// event always has the group, the member and the message id. The OA is the top-level
/// <c>oa_id</c> when Zalo sends it [S].
/// </summary>
/// <remarks>Not a <see cref="UserMessageEvent"/>: a message in a group is not a message to the OA,
/// so handlers of 1:1 messages (and the menu router) never receive it.</remarks>
public abstract class UserGroupMessageEvent : GroupMessageEvent
{
    /// <summary>The group written in; empty only for an event built in code without it.</summary>
    [JsonIgnore]
    public override string GroupId => base.GroupId ?? string.Empty;

    /// <summary>The member who wrote (<c>sender.id</c>, the per-OA user id); empty only for an event built in code without it.</summary>
    [JsonIgnore]
    public override string UserId => base.UserId ?? string.Empty;

    /// <summary>The message id (<c>message.msg_id</c>); empty only for an event built in code without it.</summary>
    [JsonIgnore]
    public override string MessageId => Message?.MessageId ?? string.Empty;

    internal override string? FindMissingField() =>
        string.IsNullOrEmpty(base.GroupId) ? "the group id (recipient.group_id, group_id or recipient.id)"
        : string.IsNullOrEmpty(base.UserId) ? "the user id (sender.id)"
        : string.IsNullOrEmpty(Message?.MessageId) ? "message.msg_id"
        : null;
}

/// <summary><c>user_send_group_text</c>: <see cref="Text"/> holds the text.</summary>
public sealed class UserSendGroupTextEvent : UserGroupMessageEvent
{
    /// <summary>The text the member wrote (<c>message.text</c>).</summary>
    [JsonIgnore]
    public override string Text => Message?.Text ?? string.Empty;

    internal override string? FindMissingField() =>
        base.FindMissingField() ?? (Message?.Text is null ? "message.text" : null);
}

/// <summary><c>user_send_group_image</c>: the image in the first attachment (url, thumbnail); caption in <see cref="ZaloMessageEvent.Text"/>.</summary>
public sealed class UserSendGroupImageEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_gif</c>: url and thumbnail in the first attachment.</summary>
public sealed class UserSendGroupGifEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_sticker</c>: sticker id and url in the first attachment.</summary>
public sealed class UserSendGroupStickerEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_audio</c>: the voice message url in the first attachment.</summary>
public sealed class UserSendGroupAudioEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_video</c>: url, thumbnail and description in the first attachment.</summary>
public sealed class UserSendGroupVideoEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_file</c>: url, name, size, type (extension) in the first attachment.</summary>
public sealed class UserSendGroupFileEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_link</c>: url, title, description, thumbnail in the first attachment.</summary>
public sealed class UserSendGroupLinkEvent : UserGroupMessageEvent;

/// <summary><c>user_send_group_location</c> (listed by one source only [U]): the shared location.</summary>
public sealed class UserSendGroupLocationEvent : UserGroupMessageEvent
{
    /// <summary>The coordinates of the first location attachment.</summary>
    [JsonIgnore]
    public ZaloCoordinates? Coordinates => Attachments.Select(a => a.Payload?.Coordinates).FirstOrDefault(c => c is not null);
}

/// <summary><c>user_send_group_business_card</c>: a contact card; the contact name is in <see cref="ZaloMessageEvent.Text"/>.</summary>
public sealed class UserSendGroupBusinessCardEvent : UserGroupMessageEvent
{
    /// <summary>The phone and QR code decoded from the payload's <c>description</c>.</summary>
    [JsonIgnore]
    public ZaloBusinessCard? BusinessCard => FirstPayload?.BusinessCard;
}

/// <summary>
/// The OA posted in a group (<c>oa_send_group_text</c>, <c>_image</c>, <c>_gif</c>, <c>_sticker</c>,
/// <c>_file</c>, … and any later kind) [S]: <c>sender</c> is the OA, the group is the recipient. Tell
/// the kinds apart by <see cref="ZaloWebhookEvent.EventName"/>. A parsed event always has the OA and the group.
/// </summary>
public sealed class OaSendGroupMessageEvent : GroupMessageEvent
{
    /// <summary>The OA that posted (<c>oa_id</c> or <c>sender.id</c>).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The group posted into; empty only for an event built in code without it.</summary>
    [JsonIgnore]
    public override string GroupId => base.GroupId ?? string.Empty;

    /// <summary>The admin who posted from Zalo's OA tools (<c>sender.admin_id</c>); null for API posts.</summary>
    [JsonIgnore]
    public string? AdminId => Sender?.AdminId;

    internal override string? FindMissingField() =>
        string.IsNullOrEmpty(base.OaId) ? "the OA id (oa_id or sender.id)"
        : string.IsNullOrEmpty(base.GroupId) ? "the group id (recipient.group_id, group_id or recipient.id)"
        : null;
}

/// <summary>
/// Base of the group chat (GMF) management events [U]: a group created, updated or deleted, a
/// member joining, asking to join or leaving, admins added or removed. Their shapes are
/// unconfirmed, so every id is nullable and the event is never refused for lacking one; fields not
/// modelled are in <see cref="Serialization.ZaloModel.AdditionalProperties"/>. Register an
/// <see cref="IZaloWebhookHandler{TEvent}"/> of this type to receive all of them.
/// </summary>
public abstract class GroupEvent : ZaloWebhookEvent
{
    /// <summary>A top-level <c>group_id</c>, when the event carries one.</summary>
    [JsonPropertyName("group_id")]
    [JsonInclude]
    internal string? DeclaredGroupId { get; set; }

    /// <summary>A flat <c>user_id</c>, when the event carries one.</summary>
    [JsonPropertyName("user_id")]
    [JsonInclude]
    internal string? FlatUserId { get; set; }

    /// <summary>The group: a top-level <c>group_id</c>, <c>recipient.group_id</c> or <c>recipient.id</c>
    /// (unless it is the OA), the first present. [U]</summary>
    [JsonIgnore]
    public string? GroupId => GroupEventIds.GroupId(this, DeclaredGroupId, null);

    /// <summary>The member concerned or who acted: a flat <c>user_id</c>, else <c>sender.id</c>. [U]</summary>
    [JsonIgnore]
    public override string? UserId => FlatUserId ?? Sender?.Id;

    /// <summary>The members the event names in a <c>member_user_ids</c> or <c>user_ids</c> array
    /// (admins added, members removed) [U]; otherwise <see cref="UserId"/> alone, or nothing.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> MemberUserIds =>
        GroupEventIds.Ids(AdditionalProperties, "member_user_ids") ?? GroupEventIds.Ids(AdditionalProperties, "user_ids")
        ?? (UserId is { } user ? [user] : []);

    // Only a top-level oa_id names the OA: the recipient of a group event may be the group.
    private protected override string? OaIdFromParties => null;
}

/// <summary><c>create_group</c>: a group with the OA was created [U].</summary>
public sealed class GroupCreatedEvent : GroupEvent;

/// <summary><c>user_join_group</c>: a user joined a group (invited, approved or by link) [U].</summary>
public sealed class UserJoinGroupEvent : GroupEvent;

/// <summary>
/// A request to join a group and its answer [U]: <c>user_request_join_group</c> (a user asked;
/// <see cref="IsAccepted"/> is null), <c>react_request_join_group_accept</c> /
/// <c>react_request_join_group</c> (accepted) and <c>react_request_join_group_reject</c> /
/// <c>reject_request_join_group</c> (turned away); sources disagree on the spellings.
/// </summary>
public sealed class GroupJoinRequestEvent : GroupEvent
{
    /// <summary>True when the request was accepted, false when turned away, null for the request itself.</summary>
    [JsonIgnore]
    public bool? IsAccepted => EventName.Value switch
    {
        "react_request_join_group_accept" or "react_request_join_group" => true,
        "react_request_join_group_reject" or "reject_request_join_group" => false,
        _ => null,
    };
}

/// <summary><c>user_leave_group</c> / <c>user_out_group</c> (sources disagree): a member left or was removed [U].</summary>
public sealed class UserLeaveGroupEvent : GroupEvent;

/// <summary><c>add_group_admin</c> / <c>remove_group_admin</c>: deputy admins changed [U].</summary>
public sealed class GroupAdminChangedEvent : GroupEvent
{
    /// <summary>True for <c>add_group_admin</c>, false for <c>remove_group_admin</c>.</summary>
    [JsonIgnore]
    public bool IsAdded => EventName == ZaloEventName.AddGroupAdmin;
}

/// <summary><c>update_group_info</c>: the group's name, avatar, description or settings changed [U].</summary>
public sealed class GroupUpdatedEvent : GroupEvent;

/// <summary><c>delete_group</c> / <c>disperse_group</c> (sources disagree): the group was dissolved [U].</summary>
public sealed class GroupDeletedEvent : GroupEvent;

/// <summary>Where group events keep their ids.</summary>
internal static class GroupEventIds
{
    public static string? GroupId(ZaloWebhookEvent e, string? declared, IDictionary<string, JsonElement>? message) =>
        Id(e.Recipient?.AdditionalProperties, "group_id")
        ?? NullIfEmpty(declared)
        ?? (e.Recipient?.Id is { Length: > 0 } recipient && recipient != e.DeclaredOaId ? recipient : null)
        ?? Id(message, "conversation_id");

    /// <summary>A string or number property of a kept JSON object as an id.</summary>
    public static string? Id(IDictionary<string, JsonElement>? properties, string name) =>
        properties is not null && properties.TryGetValue(name, out var value) ? AsId(value) : null;

    /// <summary>The string and number items of a kept JSON array, or null when there is no such array.</summary>
    public static IReadOnlyList<string>? Ids(IDictionary<string, JsonElement>? properties, string name) =>
        properties is not null && properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(AsId).OfType<string>()]
            : null;

    private static string? AsId(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(value.GetString()),
        // The raw text keeps every digit of a 19-digit id.
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
