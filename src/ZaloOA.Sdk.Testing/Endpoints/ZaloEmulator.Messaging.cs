using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// Messaging: CS v3, the polymorphic v2 endpoint (reactions, anonymous, broadcast), quota.
public sealed partial class ZaloEmulator
{
    private const int MaxTextLength = 2000;
    private const int FreeRepliesPer48Hours = 8;
    private static readonly TimeSpan CsWindow = TimeSpan.FromDays(7);
    private static readonly TimeSpan FreeWindow = TimeSpan.FromHours(48);
    private static readonly HashSet<string> ReactIcons = [":>", "--b", ":-((", "/-strong", "/-heart", ":-h", ":o", "/-remove"];

    private void MapMessaging()
    {
        Map("POST", "/v3.0/oa/message/cs", r => SendCs(r, EmulatedMessageKind.Consultation));
        Map("POST", "/v3.0/oa/message/transaction", r => SendCs(r, EmulatedMessageKind.Transaction));
        Map("POST", "/v3.0/oa/message/promotion", r => SendCs(r, EmulatedMessageKind.Promotion));
        Map("POST", "/v3.0/oa/message/template", SendTemplateByUid);
        Map("POST", "/v2.0/oa/message", SendV2);
        Map("POST", "/v3.0/oa/quota/message", QuotaV3);
    }

    // POST /v3.0/oa/message/cs. Checks, in order: token (-216), body shape (-201), recipient
    // is a follower (-213), last interaction within 7 days (-230), attachment ids/tokens (-201,
    // -100 when older than UploadLifetime). Inside 48 h of the
    // last interaction the answer carries a "reply" quota (8 per interaction); after it no quota
    // object (a billable send). Transaction and promotion templates take the same path without the
    // 7-day window and the reply quota (they are paid sends to followers).
    private IResponseMessage SendCs(IRequestMessage request, EmulatedMessageKind kind)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var text = Wire.BodyText(request);
        var body = Wire.ParseObject(text);
        if (body is null)
        {
            return Wire.Invalid("body");
        }

        if (body["recipient"] is not JsonObject recipient)
        {
            return Wire.Invalid("recipient");
        }

        if (body["message"] is not JsonObject message)
        {
            return Wire.Invalid("message");
        }

        var shape = ValidateMessage(oa, message);
        if (shape is not null)
        {
            return shape;
        }

        lock (_gate)
        {
            string? userId = Wire.Str(recipient, "user_id");
            var replyTo = Wire.Str(recipient, "message_id");
            if (userId is null && replyTo is not null && !oa.InboundMessages.TryGetValue(replyTo, out userId))
            {
                return Wire.Invalid("message_id");
            }

            if (userId is null)
            {
                return Wire.Invalid("recipient");
            }

            if (!oa.Users.TryGetValue(userId, out var user) || !user.IsFollower)
            {
                return Wire.Error(-213, "User has not followed OA");
            }

            var now = Now;
            var consultation = kind == EmulatedMessageKind.Consultation;
            var last = user.LastInteraction ?? DateTimeOffset.MinValue;
            if (consultation && (user.LastInteraction is null || now - last > CsWindow))
            {
                return Wire.Error(-230, "User has not interacted with the OA in the past 7 days");
            }

            var attachment = ValidateAttachmentIds(oa, message, now);
            if (attachment is not null)
            {
                return attachment;
            }

            var messageId = Wire.HexId();
            var data = new JsonObject
            {
                ["message_id"] = messageId,
                ["user_id"] = userId,
                ["sent_time"] = Wire.Milliseconds(now),
            };
            if (consultation && now - last <= FreeWindow)
            {
                user.RepliesSinceInteraction++;
                data["quota"] = new JsonObject
                {
                    ["quota_type"] = "reply",
                    ["remain"] = Math.Max(0, FreeRepliesPer48Hours - user.RepliesSinceInteraction).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["total"] = FreeRepliesPer48Hours.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
            }

            RecordSent(new EmulatedSentMessage(oa.OaId, userId, kind, request.Path, text, Parse(text), messageId, now));
            var entry = OutboundEntry(userId, message, messageId, now);
            AddEntryLocked(oa, entry);
            EchoLocked(oa, entry);
            return Wire.Success(data);
        }
    }

    // Client-knowable shape rules: text or attachment, text ≤ 2000 (NFC), media template rules.
    private static IResponseMessage? ValidateMessage(OaState oa, JsonObject message)
    {
        _ = oa;
        var text = Wire.Str(message, "text");
        var attachment = message["attachment"] as JsonObject;
        if (text is null && attachment is null)
        {
            return Wire.Invalid("message");
        }

        if (text is not null && (text.Length == 0 || text.Normalize(NormalizationForm.FormC).Length > MaxTextLength))
        {
            return Wire.Invalid("text");
        }

        if (attachment is null)
        {
            return null;
        }

        var type = Wire.Str(attachment, "type");
        var payload = attachment["payload"] as JsonObject;
        if (payload is null)
        {
            return Wire.Invalid("payload");
        }

        if (type == "file")
        {
            return Wire.Str(payload, "token") is null ? Wire.Invalid("token") : null;
        }

        if (type != "template")
        {
            return Wire.Invalid("attachment.type");
        }

        var templateType = Wire.Str(payload, "template_type");
        var elements = payload["elements"] as JsonArray;
        switch (templateType)
        {
            case "media":
                if (elements is not [JsonObject element])
                {
                    return Wire.Invalid("elements");
                }

                var mediaType = Wire.Str(element, "media_type");
                var url = Wire.Str(element, "url");
                var attachmentId = Wire.Str(element, "attachment_id");
                return mediaType switch
                {
                    "image" when (url is null) == (attachmentId is null) => Wire.Invalid("url"),
                    "gif" when attachmentId is null => Wire.Invalid("attachment_id"),
                    "gif" when Wire.Int(element, "width") is null || Wire.Int(element, "height") is null => Wire.Invalid("width"),
                    "sticker" when attachmentId is null => Wire.Invalid("attachment_id"),
                    "image" or "gif" or "sticker" => null,
                    _ => Wire.Invalid("media_type"),
                };
            case "request_user_info":
                if (elements is not [JsonObject info])
                {
                    return Wire.Invalid("elements");
                }

                if (Wire.Str(info, "title") is not { Length: > 0 and <= 100 })
                {
                    return Wire.Invalid("title");
                }

                return Wire.Str(info, "subtitle") is { Length: > 500 } ? Wire.Invalid("subtitle") : null;
            case null or "button":
                // A buttons message: text plus payload.buttons (1 to 5), sent without template_type
                // by the SDK's ZaloButtonsMessage and most integrations, with "button" by some [S].
                return payload["buttons"] is JsonArray { Count: > 0 and <= 5 } ? null
                    : templateType is null ? Wire.Invalid("template_type") : Wire.Invalid("buttons");
            default:
                // list, button, transaction_*, promotion: accepted without deeper checks.
                return elements is null or { Count: 0 } ? Wire.Invalid("elements") : null;
        }
    }

    // Uploaded image/gif attachment ids and file tokens must exist (and not be stale).
    private IResponseMessage? ValidateAttachmentIds(OaState oa, JsonObject message, DateTimeOffset now)
    {
        if (message["attachment"] is not JsonObject attachment || attachment["payload"] is not JsonObject payload)
        {
            return null;
        }

        if (Wire.Str(attachment, "type") == "file")
        {
            return CheckUpload(oa, Wire.Str(payload, "token")!, [EmulatedUploadKind.File], "token", now);
        }

        if (payload["elements"] is JsonArray elements && elements.FirstOrDefault() is JsonObject element
            && Wire.Str(payload, "template_type") == "media"
            && Wire.Str(element, "attachment_id") is { } id)
        {
            return Wire.Str(element, "media_type") switch
            {
                "image" => CheckUpload(oa, id, [EmulatedUploadKind.Image], "attachment_id", now),
                "gif" => CheckUpload(oa, id, [EmulatedUploadKind.Gif], "attachment_id", now),
                _ => null, // sticker ids come from Zalo's sticker catalogue, not from uploads
            };
        }

        return null;
    }

    private IResponseMessage? CheckUpload(OaState oa, string id, EmulatedUploadKind[] kinds, string field, DateTimeOffset now)
    {
        var upload = _uploads.LastOrDefault(u => u.Id == id && u.OaId == oa.OaId && kinds.Contains(u.Kind));
        if (upload is null)
        {
            return Wire.Invalid(field);
        }

        return now - upload.UploadedAt > _options.UploadLifetime ? Wire.Error(-100, field + " was expired") : null;
    }

    private static ConversationEntry OutboundEntry(string userId, JsonObject message, string messageId, DateTimeOffset now) =>
        OutboundLine(userId, message, messageId, now) with { Content = (JsonObject)message.DeepClone() };

    private static ConversationEntry OutboundLine(string userId, JsonObject message, string messageId, DateTimeOffset now)
    {
        var text = Wire.Str(message, "text");
        if (message["attachment"] is not JsonObject attachment)
        {
            return new ConversationEntry(userId, 0, now, "text", text, messageId);
        }

        if (Wire.Str(attachment, "type") == "file")
        {
            return new ConversationEntry(userId, 0, now, "file", text, messageId);
        }

        var payload = attachment["payload"] as JsonObject;
        var element = (payload?["elements"] as JsonArray)?.FirstOrDefault() as JsonObject;
        var type = Wire.Str(payload, "template_type") == "media"
            ? Wire.Str(element, "media_type") switch { "image" => "photo", "gif" => "GIF", "sticker" => "sticker", var other => other ?? "template" }
            : "template";
        return new ConversationEntry(userId, 0, now, type, text, messageId, Url: Wire.Str(element, "url"));
    }

    // POST /v2.0/oa/message, polymorphic on the body: sender_action → reaction;
    // recipient.anonymous_id + conversation_id → anonymous message;
    // recipient.target → article broadcast; an ordinary 1:1 message → -240 (shut down).
    private IResponseMessage SendV2(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var text = Wire.BodyText(request);
        var body = Wire.ParseObject(text);
        if (body?["recipient"] is not JsonObject recipient)
        {
            return Wire.Invalid("recipient");
        }

        var now = Now;
        lock (_gate)
        {
            if (body["sender_action"] is JsonObject action)
            {
                var userId = Wire.Str(recipient, "user_id");
                if (userId is null || !oa.Users.ContainsKey(userId))
                {
                    return Wire.Invalid("user_id");
                }

                if (Wire.Str(action, "react_icon") is not { } icon || !ReactIcons.Contains(icon))
                {
                    return Wire.Invalid("react_icon");
                }

                if (Wire.Str(action, "react_message_id") is not { Length: > 0 })
                {
                    return Wire.Invalid("react_message_id");
                }

                var id = Wire.HexId();
                RecordSent(new EmulatedSentMessage(oa.OaId, userId, EmulatedMessageKind.Reaction, request.Path, text, Parse(text), id, now));
                React(oa, userId, Wire.Str(action, "react_message_id")!, icon);
                return Wire.Success(new JsonObject { ["message_id"] = id, ["user_id"] = userId });
            }

            if (recipient["target"] is JsonObject)
            {
                return Broadcast(oa, request.Path, text, body, now);
            }

            if (Wire.Str(recipient, "anonymous_id") is { } anonymousId)
            {
                if (Wire.Str(recipient, "conversation_id") is not { } conversationId)
                {
                    return Wire.Invalid("conversation_id");
                }

                if (body["message"] is not JsonObject message || ValidateMessage(oa, message) is { } invalid)
                {
                    return Wire.Invalid("message");
                }

                var id = Wire.HexId();
                RecordSent(new EmulatedSentMessage(oa.OaId, null, EmulatedMessageKind.Anonymous, request.Path, text, Parse(text), id, now));
                return Wire.Success(new JsonObject { ["message_id"] = id, ["anonymous_id"] = anonymousId, ["conversation_id"] = conversationId });
            }

            return Wire.Error(-240, "MessageV2 API has been shut down, please switch to MessageV3");
        }
    }

    private IResponseMessage Broadcast(OaState oa, string path, string text, JsonObject body, DateTimeOffset now)
    {
        var elements = ((body["message"] as JsonObject)?["attachment"] as JsonObject)?["payload"] is JsonObject payload
            ? payload["elements"] as JsonArray
            : null;
        if (elements is null || elements.Count is 0 or > 5)
        {
            return Wire.Invalid("elements");
        }

        var ids = new List<string>();
        foreach (var element in elements)
        {
            if (Wire.Str(element, "media_type") != "article"
                || Wire.Str(element, "attachment_id") is not { } articleId
                || !_articlesById.TryGetValue(articleId, out var article)
                || article.OaId != oa.OaId || article.Removed || !article.Processed)
            {
                return Wire.Invalid("attachment_id");
            }

            ids.Add(articleId);
        }

        var id = Wire.HexId();
        _broadcasts.Add(new EmulatedBroadcast(oa.OaId, id, text, Parse(text), ids, now));

        // Every follower finds the articles in their chat (the target's filters are not emulated).
        foreach (var user in oa.UserOrder.Select(u => oa.Users[u]).Where(u => u.IsFollower))
        {
            AddEntryLocked(oa, new ConversationEntry(user.UserId, 0, now, "article", null, Wire.HexId())
            {
                Content = (JsonObject)body["message"]!.DeepClone(),
                Origin = "broadcast",
            });
        }

        return Wire.Success(new JsonObject { ["message_id"] = id });
    }

    // The OA's reaction shows on the user's message, and Zalo reports it as oa_reacted_message [S].
    private void React(OaState oa, string userId, string messageId, string icon)
    {
        var entry = oa.Conversation.LastOrDefault(e => e.Src == 1 && e.UserId == userId && e.MessageId == messageId);
        if (entry is not null)
        {
            entry.Reaction = icon == "/-remove" ? null : icon;
            TouchLocked(entry);
        }

        if (_options.SendEchoEvents)
        {
            _outbox.Writer.TryWrite(Events.OaReactedMessage(oa.OaId, userId, messageId, icon));
        }
    }

    // POST /v3.0/oa/message/template {user_id, template_id, template_data} [S]: a ZBS template to a
    // follower; shown in the chat as a card of its data. Content checks (an approved template,
    // its parameters) are Zalo's and not emulated.
    private IResponseMessage SendTemplateByUid(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var text = Wire.BodyText(request);
        var body = Wire.ParseObject(text);
        if (Wire.Str(body, "template_id") is not { Length: > 0 } templateId)
        {
            return Wire.Invalid("template_id");
        }

        if (body!["template_data"] is not JsonObject data)
        {
            return Wire.Invalid("template_data");
        }

        lock (_gate)
        {
            if (Wire.Str(body, "user_id") is not { } userId || !oa.Users.TryGetValue(userId, out var user) || !user.IsFollower)
            {
                return Wire.Error(-213, "User has not followed OA");
            }

            var now = Now;
            var messageId = Wire.HexId();
            RecordSent(new EmulatedSentMessage(oa.OaId, userId, EmulatedMessageKind.Template, request.Path, text, Parse(text), messageId, now));
            var content = new JsonObject
            {
                ["attachment"] = new JsonObject
                {
                    ["type"] = "template",
                    ["payload"] = new JsonObject { ["template_type"] = "zbs", ["template_id"] = templateId, ["template_data"] = data.DeepClone() },
                },
            };
            var entry = new ConversationEntry(userId, 0, now, "template", null, messageId) { Content = content };
            AddEntryLocked(oa, entry);
            EchoLocked(oa, entry);
            return Wire.Success(new JsonObject { ["message_id"] = messageId, ["sent_time"] = Wire.Milliseconds(now) });
        }
    }

    // POST /v3.0/oa/quota/message with {"user_id"} [S]: last interaction
    // (ms string), CS reply quota and promotion quota (counts as numbers; Zalo's exact types are unknown).
    private IResponseMessage QuotaV3(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        lock (_gate)
        {
            if (Wire.Str(body, "user_id") is not { } userId || !oa.Users.TryGetValue(userId, out var user))
            {
                return Wire.Invalid("user_id");
            }

            var inWindow = user.LastInteraction is { } last && Now - last <= FreeWindow;
            return Wire.Success(new JsonObject
            {
                ["last_interaction"] = user.LastInteraction is { } l ? Wire.Milliseconds(l) : null,
                ["cs_reply"] = new JsonObject
                {
                    ["remain"] = inWindow ? Math.Max(0, FreeRepliesPer48Hours - user.RepliesSinceInteraction) : 0,
                    ["total"] = FreeRepliesPer48Hours,
                },
                ["promotion"] = new JsonObject
                {
                    ["daily_remain"] = 1,
                    ["daily_total"] = 1,
                    ["monthly_remain"] = 30,
                    ["monthly_total"] = 30,
                },
            });
        }
    }

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
