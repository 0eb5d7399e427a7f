using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ZaloOA.Sdk.Testing.Internal;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Testing;

/// <summary>
/// Builds signed, Zalo-shaped webhook events: field names, nesting, order and value types as in
/// Zalo's samples (ids and <c>timestamp</c> as strings, <c>size</c> and coordinates as strings,
/// compact JSON). Each call mints a fresh <c>msg_id</c> and takes the timestamp from the
/// emulator's clock. Media (image, gif, file, video, audio, sticker) is served by the emulator so
/// your app can download it like Zalo's CDN URLs. Building has no side effects; posting does.
/// </summary>
public sealed partial class ZaloWebhookEventFactory
{
    private readonly ZaloEmulator _emulator;

    internal ZaloWebhookEventFactory(ZaloEmulator emulator) => _emulator = emulator;

    /// <summary><c>user_send_text</c>: <c>message.text</c>, <c>message.msg_id</c>.</summary>
    public EmulatedWebhook UserSendText(string oaId, string userId, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserMessage("user_send_text", oaId, userId, text, null, "text", null, null);
    }

    /// <summary><c>user_send_image</c>: <c>attachments[{type:"image",payload:{url,thumbnail}}]</c>,
    /// caption in <c>message.text</c>. Without <paramref name="image"/> a small valid PNG is served.</summary>
    /// <param name="oaId">The recipient OA.</param>
    /// <param name="userId">The sending user.</param>
    /// <param name="caption">Optional caption.</param>
    /// <param name="image">Image bytes to serve (PNG or JPEG); null for a generated PNG.</param>
    public EmulatedWebhook UserSendImage(string oaId, string userId, string? caption = null, byte[]? image = null)
    {
        image ??= SampleMedia.Png(64);
        var (contentType, extension) = IsJpeg(image) ? ("image/jpeg", "jpg") : ("image/png", "png");
        var url = _emulator.AddMedia(image, contentType, extension);
        var thumbnail = _emulator.AddMedia(image, contentType, extension);
        var payload = new JsonObject { ["url"] = url.AbsoluteUri, ["thumbnail"] = thumbnail.AbsoluteUri };
        return UserMessage("user_send_image", oaId, userId, caption, Attachment("image", payload), "photo", url, thumbnail.AbsoluteUri);
    }

    /// <summary><c>user_send_gif</c>: like an image, <c>type:"gif"</c> (the served bytes are a PNG).</summary>
    public EmulatedWebhook UserSendGif(string oaId, string userId)
    {
        var url = _emulator.AddMedia(SampleMedia.Png(32), "image/png", "png");
        var payload = new JsonObject { ["url"] = url.AbsoluteUri, ["thumbnail"] = url.AbsoluteUri };
        return UserMessage("user_send_gif", oaId, userId, null, Attachment("gif", payload), "GIF", url, url.AbsoluteUri);
    }

    /// <summary><c>user_send_file</c>: payload <c>{url,name,size,type}</c> with <c>size</c> the byte
    /// count as a string and <c>type</c> the extension. Without <paramref name="content"/> a small
    /// valid PDF is served.</summary>
    /// <param name="oaId">The recipient OA.</param>
    /// <param name="userId">The sending user.</param>
    /// <param name="fileName">The file name shown in Zalo.</param>
    /// <param name="content">The bytes to serve; null for a generated PDF.</param>
    public EmulatedWebhook UserSendFile(string oaId, string userId, string fileName = "don-trinh-bao.pdf", byte[]? content = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        content ??= SampleMedia.Pdf();
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        var contentType = extension switch
        {
            "pdf" => "application/pdf",
            "doc" => "application/msword",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "csv" => "text/csv",
            "txt" => "text/plain",
            _ => "application/octet-stream",
        };
        var url = _emulator.AddMedia(content, contentType, extension.Length == 0 ? "bin" : extension);
        var payload = new JsonObject
        {
            ["url"] = url.AbsoluteUri,
            ["name"] = fileName,
            ["size"] = content.Length.ToString(CultureInfo.InvariantCulture),
            ["type"] = extension,
        };
        return UserMessage("user_send_file", oaId, userId, null, Attachment("file", payload), "file", url, null);
    }

    /// <summary><c>user_send_location</c>: payload <c>{coordinates:{latitude,longitude}}</c>, both strings.</summary>
    public EmulatedWebhook UserSendLocation(string oaId, string userId, double latitude, double longitude)
    {
        var lat = latitude.ToString("0.0######", CultureInfo.InvariantCulture);
        var lon = longitude.ToString("0.0######", CultureInfo.InvariantCulture);
        var payload = new JsonObject { ["coordinates"] = new JsonObject { ["latitude"] = lat, ["longitude"] = lon } };
        return UserMessage("user_send_location", oaId, userId, null, Attachment("location", payload), "location", null, null, location: lat + "," + lon);
    }

    /// <summary><c>user_send_video</c>: payload <c>{url,thumbnail,description}</c> [S]. Without
    /// <paramref name="video"/> the served video is a placeholder (an MP4 header only); the
    /// thumbnail is a real PNG.</summary>
    /// <param name="oaId">The recipient OA.</param>
    /// <param name="userId">The sending user.</param>
    /// <param name="description">The description Zalo sends with the video.</param>
    /// <param name="video">MP4 bytes to serve; null for a placeholder.</param>
    public EmulatedWebhook UserSendVideo(string oaId, string userId, string description = "", byte[]? video = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        var url = _emulator.AddMedia(video ?? SampleMedia.Mp4Placeholder(), "video/mp4", "mp4");
        var thumbnail = _emulator.AddMedia(SampleMedia.Png(64), "image/png", "png");
        var payload = new JsonObject { ["url"] = url.AbsoluteUri, ["thumbnail"] = thumbnail.AbsoluteUri, ["description"] = description };
        return UserMessage("user_send_video", oaId, userId, null, Attachment("video", payload), "video", url, thumbnail.AbsoluteUri);
    }

    /// <summary><c>user_send_audio</c>: payload <c>{url}</c>; a short valid WAV is served.</summary>
    public EmulatedWebhook UserSendAudio(string oaId, string userId)
    {
        var url = _emulator.AddMedia(SampleMedia.Wav(), "audio/wav", "wav");
        return UserMessage("user_send_audio", oaId, userId, null, Attachment("audio", new JsonObject { ["url"] = url.AbsoluteUri }), "voice", url, null);
    }

    /// <summary><c>user_send_sticker</c>: payload <c>{id,url}</c> [S].</summary>
    public EmulatedWebhook UserSendSticker(string oaId, string userId, string stickerId = "bfe458bf64fa8da4d4eb")
    {
        ArgumentException.ThrowIfNullOrEmpty(stickerId);
        var url = _emulator.AddMedia(SampleMedia.Png(32, 0xFF, 0xC1, 0x07), "image/png", "png");
        return UserMessage("user_send_sticker", oaId, userId, null, Attachment("sticker", new JsonObject { ["id"] = stickerId, ["url"] = url.AbsoluteUri }), "sticker", url, null);
    }

    /// <summary><c>user_send_link</c>: payload <c>{url,thumbnail,description,title}</c> (title [S]).</summary>
    public EmulatedWebhook UserSendLink(string oaId, string userId, Uri url, string title = "", string description = "")
    {
        ArgumentNullException.ThrowIfNull(url);
        var thumbnail = _emulator.AddMedia(SampleMedia.Png(32), "image/png", "png");
        var payload = new JsonObject
        {
            ["url"] = url.AbsoluteUri,
            ["thumbnail"] = thumbnail.AbsoluteUri,
            ["description"] = description,
            ["title"] = title,
        };
        return UserMessage("user_send_link", oaId, userId, null, Attachment("link", payload), "link", null, thumbnail.AbsoluteUri, linkUrl: url.AbsoluteUri);
    }

    /// <summary><c>follow</c>: flat <c>oa_id</c>, <c>follower.id</c>, <c>source</c>, no sender/recipient
    /// (the real captured shape).</summary>
    public EmulatedWebhook Follow(string oaId, string userId, string source = "oa_profile") =>
        FollowEvent("follow", oaId, userId, source, EventEffectKind.Follow);

    /// <summary><c>unfollow</c>: the same shape as <c>follow</c>.</summary>
    public EmulatedWebhook Unfollow(string oaId, string userId, string source = "oa_profile") =>
        FollowEvent("unfollow", oaId, userId, source, EventEffectKind.Unfollow);

    /// <summary><c>user_submit_info</c>: the user's answer to <c>request_user_info</c>, with
    /// <c>info{name,phone,user_dob,gender,full_address{user_city,user_ward,user_address}}</c>.</summary>
    public EmulatedWebhook UserSubmitInfo(string oaId, string userId, EmulatedUserInfo? info = null)
    {
        info ??= new EmulatedUserInfo();
        var now = _emulator.Now;
        var timestamp = Wire.Milliseconds(now);
        var root = new JsonObject
        {
            ["sender"] = Id(userId),
            ["recipient"] = Id(oaId),
            ["event_name"] = "user_submit_info",
            ["app_id"] = _emulator.AppId,
            ["timestamp"] = timestamp,
            ["info"] = new JsonObject
            {
                ["name"] = info.Name,
                ["phone"] = info.Phone,
                ["user_dob"] = info.UserDob,
                ["gender"] = info.Gender,
                ["full_address"] = new JsonObject
                {
                    ["user_city"] = info.City,
                    ["user_ward"] = info.Ward,
                    ["user_address"] = info.Address,
                },
            },
        };
        var shared = new JsonObject
        {
            ["address"] = info.Address,
            ["city"] = info.City,
            ["district"] = info.Ward,
            ["name"] = info.Name,
            ["phone"] = info.Phone,
            ["user_dob"] = info.UserDob,
        };
        return Sign("user_submit_info", oaId, userId, null, root, timestamp, null, new EventEffect(EventEffectKind.SubmitInfo, now, SharedInfo: shared));
    }

    /// <summary><c>user_seen_message</c>: sender is the OA, recipient the user, and
    /// <c>message.msg_ids</c> an array (as production code reads it; some docs show one <c>msg_id</c> [U]).
    /// Posting it marks those OA messages seen in the emulator.</summary>
    public EmulatedWebhook UserSeenMessage(string oaId, string userId, IEnumerable<string> messageIds)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.ToList();
        var message = new JsonObject { ["msg_ids"] = new JsonArray([.. ids.Select(id => (JsonNode?)id)]) };
        return Status("user_seen_message", oaId, userId, message, EventEffectKind.Seen, ids);
    }

    /// <summary><c>user_received_message</c>: the OA message reached the user's phone; sender is the
    /// OA, recipient the user, <c>message.msg_id</c> one id [C]. Posting it marks the message received.</summary>
    public EmulatedWebhook UserReceivedMessage(string oaId, string userId, string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return Status("user_received_message", oaId, userId, new JsonObject { ["msg_id"] = messageId }, EventEffectKind.Received, [messageId]);
    }

    /// <summary><c>user_reacted_message</c> [S]: the user reacted to an OA message; sender is the
    /// user, recipient the OA, <c>message{msg_id,react_icon}</c> (icons as the reaction API's,
    /// e.g. <c>/-heart</c>).</summary>
    public EmulatedWebhook UserReactedMessage(string oaId, string userId, string messageId, string reactIcon)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(reactIcon);
        var timestamp = Wire.Milliseconds(_emulator.Now);
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["sender"] = Id(userId),
            ["recipient"] = Id(oaId),
            ["event_name"] = "user_reacted_message",
            ["message"] = new JsonObject { ["msg_id"] = messageId, ["react_icon"] = reactIcon },
            ["timestamp"] = timestamp,
        };
        return Sign("user_reacted_message", oaId, userId, null, root, timestamp, null,
            new EventEffect(EventEffectKind.Reacted, _emulator.Now) { MessageIds = [messageId], ReactIcon = reactIcon });
    }

    /// <summary><c>oa_reacted_message</c> [S]: the OA reacted to a user message (what Zalo reports
    /// after a reaction sent through the API or the OA's own tools); sender is the OA.</summary>
    public EmulatedWebhook OaReactedMessage(string oaId, string userId, string messageId, string reactIcon)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(reactIcon);
        var timestamp = Wire.Milliseconds(_emulator.Now);
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["sender"] = Id(oaId),
            ["recipient"] = Id(userId),
            ["event_name"] = "oa_reacted_message",
            ["message"] = new JsonObject { ["msg_id"] = messageId, ["react_icon"] = reactIcon },
            ["timestamp"] = timestamp,
        };
        return Sign("oa_reacted_message", oaId, userId, null, root, timestamp, null, EventEffect.None);
    }

    /// <summary>
    /// <c>oa_send_text</c>: the echo Zalo sends when the OA writes to a user. With
    /// <paramref name="adminId"/>, <c>sender.admin_id</c> says an admin wrote it in Zalo's OA tools
    /// (the OA Manager app or web page) [C]. Building it records nothing; to have the message in the
    /// emulated conversation too, use <see cref="ZaloEmulator.SendFromOaManagerAsync"/>.
    /// </summary>
    /// <param name="oaId">The OA.</param>
    /// <param name="userId">The user written to.</param>
    /// <param name="text">The text.</param>
    /// <param name="adminId">The admin's id in Zalo's OA tools, or null for an API send.</param>
    public EmulatedWebhook OaSendText(string oaId, string userId, string text, string? adminId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        return OaSendMessage(oaId, userId, Wire.HexId(), new JsonObject { ["text"] = text }, adminId);
    }

    // The echo of an OA message (oa_send_*), from the message object as the API received it with
    // its attachment ids, tokens and articles resolved to URLs (ZaloEmulator.ResolveContent).
    // Envelope as sample oa_send_text: app_id, sender{id, admin_id?}, recipient, user_id_by_app,
    // event_name, message{text?, msg_id, attachments?}, timestamp. Media attachments carry the
    // user-side payloads (§8.4); lists and templates carry {type:"template", payload} as sent [U].
    internal EmulatedWebhook OaSendMessage(string oaId, string userId, string messageId, JsonObject content, string? adminId)
    {
        var (name, attachment) = EchoOf(content);
        var timestamp = Wire.Milliseconds(_emulator.Now);
        var sender = Id(oaId);
        if (adminId is not null)
        {
            sender["admin_id"] = adminId;
        }

        var message = Message(Wire.Str(content, "text"), messageId, attachment);
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["sender"] = sender,
            ["recipient"] = Id(userId),
            ["user_id_by_app"] = _emulator.UserIdByApp(userId),
            ["event_name"] = name,
            ["message"] = message,
            ["timestamp"] = timestamp,
        };
        return Sign(name, oaId, userId, messageId, root, timestamp, null, EventEffect.None);
    }

    private static (string Name, JsonObject? Attachment) EchoOf(JsonObject content)
    {
        if (content["attachment"] is not JsonObject attachment || attachment["payload"] is not JsonObject payload)
        {
            return ("oa_send_text", null);
        }

        if (Wire.Str(attachment, "type") == "file")
        {
            var file = new JsonObject
            {
                ["url"] = Wire.Str(payload, "url"),
                ["name"] = Wire.Str(payload, "name"),
                ["size"] = Wire.Str(payload, "size"),
                ["type"] = Wire.Str(payload, "type"),
            };
            return ("oa_send_file", Attachment("file", file));
        }

        var templateType = Wire.Str(payload, "template_type");
        if (templateType == "media" && (payload["elements"] as JsonArray)?.FirstOrDefault() is JsonObject element)
        {
            var url = Wire.Str(element, "url");
            switch (Wire.Str(element, "media_type"))
            {
                case "image":
                    return ("oa_send_image", Attachment("image", new JsonObject { ["url"] = url, ["thumbnail"] = url }));
                case "gif":
                    return ("oa_send_gif", Attachment("gif", new JsonObject { ["url"] = url, ["thumbnail"] = url }));
                case "sticker":
                    return ("oa_send_sticker", Attachment("sticker", new JsonObject { ["id"] = Wire.Str(element, "attachment_id"), ["url"] = url }));
            }
        }

        // Buttons and lists are Zalo's "interactive" messages (oa_send_list); the other templates
        // (request_user_info, transaction, promotion) are reported as oa_send_template.
        var name = templateType is null or "button" or "list" ? "oa_send_list" : "oa_send_template";
        return (name, Attachment("template", (JsonObject)payload.DeepClone()));
    }

    private EmulatedWebhook Status(string name, string oaId, string userId, JsonObject message, EventEffectKind kind, IReadOnlyList<string> ids)
    {
        var now = _emulator.Now;
        var timestamp = Wire.Milliseconds(now);
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["sender"] = Id(oaId),
            ["recipient"] = Id(userId),
            ["event_name"] = name,
            ["message"] = message,
            ["timestamp"] = timestamp,
        };
        return Sign(name, oaId, userId, null, root, timestamp, null, new EventEffect(kind, now) { MessageIds = ids });
    }

    private EmulatedWebhook FollowEvent(string name, string oaId, string userId, string source, EventEffectKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var now = _emulator.Now;
        var timestamp = Wire.Milliseconds(now);
        var root = new JsonObject
        {
            ["oa_id"] = oaId,
            ["follower"] = Id(userId),
            ["user_id_by_app"] = _emulator.UserIdByApp(userId),
            ["event_name"] = name,
            ["source"] = source,
            ["app_id"] = _emulator.AppId,
            ["timestamp"] = timestamp,
        };
        return Sign(name, oaId, userId, null, root, timestamp, null, new EventEffect(kind, now));
    }

    // The user→OA envelope of sample 1: app_id, sender, recipient, user_id_by_app,
    // event_name, message{text?, msg_id, attachments?}, timestamp.
    private EmulatedWebhook UserMessage(
        string name, string oaId, string userId, string? text, JsonObject? attachment, string chatType, Uri? mediaUrl, string? thumb, string? location = null, string? linkUrl = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = _emulator.Now;
        var timestamp = Wire.Milliseconds(now);
        var msgId = Wire.HexId();
        var message = Message(text, msgId, attachment);
        var root = UserEnvelope(name, userId, oaId, groupOaId: null, message, timestamp);
        var entry = new ConversationEntry(userId, 1, now, chatType, text ?? linkUrl, msgId, mediaUrl?.AbsoluteUri ?? linkUrl, thumb, location) { Content = (JsonObject)message.DeepClone() };
        return Sign(name, oaId, userId, msgId, root, timestamp, mediaUrl, new EventEffect(EventEffectKind.UserMessage, now, entry));
    }

    private EmulatedWebhook Sign(string name, string oaId, string userId, string? msgId, JsonObject root, string timestamp, Uri? mediaUrl, EventEffect effect)
    {
        var body = Wire.ToJson(root);
        var signature = ZaloWebhookSignature.ComputeHeaderValue(_emulator.AppId, Encoding.UTF8.GetBytes(body), timestamp, _emulator.OaSecretKey);
        return new EmulatedWebhook(name, oaId, userId, msgId, timestamp, body, signature, mediaUrl, effect);
    }

    private static JsonObject Attachment(string type, JsonObject payload) => new() { ["type"] = type, ["payload"] = payload };

    // A user's message event: app_id, sender (the user), recipient (the OA, or the group with the
    // OA in a top-level oa_id), user_id_by_app, event_name, message, timestamp.
    private JsonObject UserEnvelope(string name, string userId, string recipientId, string? groupOaId, JsonObject message, string timestamp)
    {
        var root = new JsonObject
        {
            ["app_id"] = _emulator.AppId,
            ["sender"] = Id(userId),
            ["recipient"] = Id(recipientId),
        };
        if (groupOaId is not null)
        {
            root["oa_id"] = groupOaId;
        }

        root["user_id_by_app"] = _emulator.UserIdByApp(userId);
        root["event_name"] = name;
        root["message"] = message;
        root["timestamp"] = timestamp;
        return root;
    }

    // A webhook's message object: {text?, msg_id, attachments?}.
    private static JsonObject Message(string? text, string messageId, JsonObject? attachment)
    {
        var message = new JsonObject();
        if (text is not null)
        {
            message["text"] = text;
        }

        message["msg_id"] = messageId;
        if (attachment is not null)
        {
            message["attachments"] = new JsonArray(attachment);
        }

        return message;
    }

    private static JsonObject Id(string id) => new() { ["id"] = id };

    private static bool IsJpeg(byte[] bytes) => bytes is [0xFF, 0xD8, ..];
}
