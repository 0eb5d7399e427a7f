using System.Text.Json.Nodes;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// Group chat (GMF) events [S]. A member's message keeps the user→OA envelope with the group where
// a 1:1 message has the OA (recipient.id, as a production integration reads it) and the OA in a
// top-level oa_id; membership events carry oa_id, group_id and the member as sender [U].
public sealed partial class ZaloWebhookEventFactory
{
    /// <summary><c>user_send_group_text</c>: a member wrote in a group: <c>sender.id</c> the member,
    /// <c>recipient.id</c> the group, <c>oa_id</c> the OA, <c>message{text,msg_id}</c>.</summary>
    public EmulatedWebhook UserSendGroupText(string oaId, string groupId, string userId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return GroupUserMessage("user_send_group_text", oaId, groupId, userId, text, null, "text", null, null);
    }

    /// <summary><c>user_send_group_image</c>: like <see cref="UserSendImage"/> in a group.</summary>
    /// <param name="oaId">The OA that manages the group.</param>
    /// <param name="groupId">The group.</param>
    /// <param name="userId">The member.</param>
    /// <param name="caption">Optional caption.</param>
    /// <param name="image">Image bytes to serve; null for a generated PNG.</param>
    public EmulatedWebhook UserSendGroupImage(string oaId, string groupId, string userId, string? caption = null, byte[]? image = null)
    {
        image ??= SampleMedia.Png(64);
        var (contentType, extension) = IsJpeg(image) ? ("image/jpeg", "jpg") : ("image/png", "png");
        var url = _emulator.AddMedia(image, contentType, extension);
        var payload = new JsonObject { ["url"] = url.AbsoluteUri, ["thumbnail"] = url.AbsoluteUri };
        return GroupUserMessage("user_send_group_image", oaId, groupId, userId, caption, Attachment("image", payload), "photo", url, url.AbsoluteUri);
    }

    /// <summary><c>user_send_group_sticker</c>: like <see cref="UserSendSticker"/> in a group.</summary>
    public EmulatedWebhook UserSendGroupSticker(string oaId, string groupId, string userId, string stickerId = "bfe458bf64fa8da4d4eb")
    {
        ArgumentException.ThrowIfNullOrEmpty(stickerId);
        var url = _emulator.AddMedia(SampleMedia.Png(32, 0xFF, 0xC1, 0x07), "image/png", "png");
        return GroupUserMessage("user_send_group_sticker", oaId, groupId, userId, null, Attachment("sticker", new JsonObject { ["id"] = stickerId, ["url"] = url.AbsoluteUri }), "sticker", url, null);
    }

    /// <summary><c>user_join_group</c> [U]: <c>oa_id</c>, <c>group_id</c>, the member as <c>sender.id</c>.
    /// Posting it makes the user a member.</summary>
    public EmulatedWebhook UserJoinGroup(string oaId, string groupId, string userId) =>
        Membership("user_join_group", oaId, groupId, userId, EventEffectKind.GroupJoin);

    /// <summary><c>user_request_join_group</c> [U]: a user asked to join a group that needs approval;
    /// posting it puts the user on the group's pending list.</summary>
    public EmulatedWebhook UserRequestJoinGroup(string oaId, string groupId, string userId) =>
        Membership("user_request_join_group", oaId, groupId, userId, EventEffectKind.GroupJoinRequest);

    /// <summary><c>user_leave_group</c> [U] (one source spells it <c>user_out_group</c>): posting it
    /// takes the member out of the group.</summary>
    public EmulatedWebhook UserLeaveGroup(string oaId, string groupId, string userId) =>
        Membership("user_leave_group", oaId, groupId, userId, EventEffectKind.GroupLeave);

    // The echo of an OA post into a group (oa_send_group_*): the 1:1 echo's kinds and attachments,
    // sender the OA, recipient the group, oa_id at the top level.
    internal EmulatedWebhook OaSendGroupMessage(string oaId, string groupId, string messageId, JsonObject content)
    {
        var (name, attachment) = EchoOf(content);
        name = name.Replace("oa_send_", "oa_send_group_", StringComparison.Ordinal);
        var timestamp = Wire.Milliseconds(_emulator.Now);
        var message = Message(Wire.Str(content, "text"), messageId, attachment);
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["sender"] = Id(oaId),
            ["recipient"] = Id(groupId),
            ["oa_id"] = oaId,
            ["event_name"] = name,
            ["message"] = message,
            ["timestamp"] = timestamp,
        };
        var webhook = Sign(name, oaId, string.Empty, messageId, root, timestamp, null, EventEffect.None);
        webhook.GroupId = groupId;
        return webhook;
    }

    private EmulatedWebhook GroupUserMessage(string name, string oaId, string groupId, string userId, string? text, JsonObject? attachment, string chatType, Uri? mediaUrl, string? thumb)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = _emulator.Now;
        var timestamp = Wire.Milliseconds(now);
        var msgId = Wire.HexId();
        var message = Message(text, msgId, attachment);
        var root = UserEnvelope(name, userId, groupId, oaId, message, timestamp);
        var entry = new ConversationEntry(userId, 1, now, chatType, text, msgId, mediaUrl?.AbsoluteUri, thumb) { Content = (JsonObject)message.DeepClone() };
        var webhook = Sign(name, oaId, userId, msgId, root, timestamp, mediaUrl, new EventEffect(EventEffectKind.GroupMessage, now, entry) { GroupId = groupId });
        webhook.GroupId = groupId;
        return webhook;
    }

    private EmulatedWebhook Membership(string name, string oaId, string groupId, string userId, EventEffectKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = _emulator.Now;
        var timestamp = Wire.Milliseconds(now);
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["oa_id"] = oaId,
            ["group_id"] = groupId,
            ["sender"] = Id(userId),
            ["user_id_by_app"] = _emulator.UserIdByApp(userId),
            ["event_name"] = name,
            ["timestamp"] = timestamp,
        };
        var webhook = Sign(name, oaId, userId, null, root, timestamp, null, new EventEffect(kind, now) { GroupId = groupId });
        webhook.GroupId = groupId;
        return webhook;
    }
}
