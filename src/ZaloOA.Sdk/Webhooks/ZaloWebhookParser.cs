using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Turns a webhook body into its typed event. First a <see cref="Utf8JsonReader"/> pass finds
/// <c>event_name</c> wherever it sits (Zalo's property order varies) and validates the document;
/// then the concrete type is deserialised with source-generated metadata. Unknown names give an
/// <see cref="UnknownZaloEvent"/>. The body is kept in <see cref="ZaloWebhookEvent.RawBody"/>.
/// </summary>
/// <remarks>Parsing does not verify the signature; use <see cref="ZaloWebhookVerifier"/> first.</remarks>
public static class ZaloWebhookParser
{
    /// <summary>The deepest JSON nesting accepted (Zalo's events nest 4 levels at most).</summary>
    public const int MaxDepth = 32;

    private static readonly FrozenDictionary<string, Func<ReadOnlyMemory<byte>, ZaloWebhookEvent?>> Parsers = BuildParsers();

    /// <summary>Parses a body given as UTF-8 bytes exactly as received.</summary>
    /// <exception cref="ZaloWebhookParseException">The body is not a Zalo event (see the exception's docs).</exception>
    public static ZaloWebhookEvent Parse(ReadOnlyMemory<byte> body)
    {
        if (!ZaloWebhookEnvelope.TryRead(body.Span, out var envelope, out var error))
        {
            throw new ZaloWebhookParseException(error!);
        }

        return Parse(body, envelope);
    }

    /// <summary>Parses a body given as text (encoded as UTF-8; <see cref="ZaloWebhookEvent.RawBody"/>
    /// holds those bytes).</summary>
    /// <exception cref="ZaloWebhookParseException">The body is not a Zalo event.</exception>
    public static ZaloWebhookEvent Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Parse(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Parses without throwing; false (and the reason) when the body is not a Zalo event.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out ZaloWebhookEvent? webhookEvent, out string? error)
    {
        try
        {
            webhookEvent = Parse(body);
            error = null;
            return true;
        }
        catch (ZaloWebhookParseException ex)
        {
            webhookEvent = null;
            error = ex.Message;
            return false;
        }
    }

    internal static ZaloWebhookEvent Parse(ReadOnlyMemory<byte> body, ZaloWebhookEnvelope envelope)
    {
        if (string.IsNullOrEmpty(envelope.EventName))
        {
            throw new ZaloWebhookParseException("The body has no string event_name.");
        }

        var name = envelope.EventName;
        Func<ReadOnlyMemory<byte>, ZaloWebhookEvent?> parse;
        if (name == ZaloEventName.UserReceivedMessage.Value && envelope.HasZnsDeliveryFields)
        {
            parse = static b => Deserialize(b, ZaloWebhookJsonContext.Default.ZnsDeliveryReceiptEvent);
        }
        else if (!Parsers.TryGetValue(name, out parse!))
        {
            parse = new ZaloEventName(name).IsGroupMessage
                ? static b => Deserialize(b, ZaloWebhookJsonContext.Default.GroupMessageEvent)
                : static b => Deserialize(b, ZaloWebhookJsonContext.Default.UnknownZaloEvent);
        }

        ZaloWebhookEvent? result;
        try
        {
            result = parse(body);
        }
        catch (JsonException ex)
        {
            throw new ZaloWebhookParseException($"The {name} event has a field of an unexpected shape: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or FormatException or OverflowException or ArgumentException)
        {
            // The serializer reports some malformed values with these; the contract is one exception type.
            throw new ZaloWebhookParseException($"The {name} event could not be read: {ex.Message}", ex);
        }

        if (result is null)
        {
            throw new ZaloWebhookParseException("The body is JSON null.");
        }

        result.RawBody = body;
        return result;
    }

    private static T? Deserialize<T>(ReadOnlyMemory<byte> body, JsonTypeInfo<T> type) => JsonSerializer.Deserialize(body.Span, type);

    private static FrozenDictionary<string, Func<ReadOnlyMemory<byte>, ZaloWebhookEvent?>> BuildParsers()
    {
        var ctx = ZaloWebhookJsonContext.Default;
        var map = new Dictionary<string, Func<ReadOnlyMemory<byte>, ZaloWebhookEvent?>>(StringComparer.Ordinal);
        void Add(Func<ReadOnlyMemory<byte>, ZaloWebhookEvent?> parse, params ZaloEventName[] names)
        {
            foreach (var n in names)
            {
                map.Add(n.Value, parse);
            }
        }

        Add(b => Deserialize(b, ctx.UserSendTextEvent), ZaloEventName.UserSendText);
        Add(b => Deserialize(b, ctx.UserSendImageEvent), ZaloEventName.UserSendImage);
        Add(b => Deserialize(b, ctx.UserSendGifEvent), ZaloEventName.UserSendGif);
        Add(b => Deserialize(b, ctx.UserSendStickerEvent), ZaloEventName.UserSendSticker);
        Add(b => Deserialize(b, ctx.UserSendAudioEvent), ZaloEventName.UserSendAudio);
        Add(b => Deserialize(b, ctx.UserSendVideoEvent), ZaloEventName.UserSendVideo);
        Add(b => Deserialize(b, ctx.UserSendFileEvent), ZaloEventName.UserSendFile);
        Add(b => Deserialize(b, ctx.UserSendLinkEvent), ZaloEventName.UserSendLink);
        Add(b => Deserialize(b, ctx.UserSendLocationEvent), ZaloEventName.UserSendLocation);
        Add(b => Deserialize(b, ctx.UserSendBusinessCardEvent), ZaloEventName.UserSendBusinessCard);
        Add(b => Deserialize(b, ctx.UserSendContactEvent), ZaloEventName.UserSendContact);
        Add(
            b => Deserialize(b, ctx.OaSendMessageEvent),
            ZaloEventName.OaSendText, ZaloEventName.OaSendImage, ZaloEventName.OaSendList, ZaloEventName.OaSendGif,
            ZaloEventName.OaSendFile, ZaloEventName.OaSendSticker, ZaloEventName.OaSendTemplate);
        Add(
            b => Deserialize(b, ctx.AnonymousMessageEvent),
            ZaloEventName.AnonymousSendText, ZaloEventName.AnonymousSendImage, ZaloEventName.AnonymousSendFile, ZaloEventName.AnonymousSendSticker,
            ZaloEventName.OaSendAnonymousText, ZaloEventName.OaSendAnonymousImage, ZaloEventName.OaSendAnonymousFile, ZaloEventName.OaSendAnonymousSticker);
        Add(b => Deserialize(b, ctx.UserReceivedMessageEvent), ZaloEventName.UserReceivedMessage);
        Add(b => Deserialize(b, ctx.UserSeenMessageEvent), ZaloEventName.UserSeenMessage);
        Add(b => Deserialize(b, ctx.MessageReactionEvent), ZaloEventName.UserReactedMessage, ZaloEventName.OaReactedMessage);
        Add(b => Deserialize(b, ctx.FollowEvent), ZaloEventName.Follow);
        Add(b => Deserialize(b, ctx.UnfollowEvent), ZaloEventName.Unfollow);
        Add(b => Deserialize(b, ctx.UserClickChatNowEvent), ZaloEventName.UserClickChatNow);
        Add(b => Deserialize(b, ctx.UserSubmitInfoEvent), ZaloEventName.UserSubmitInfo);
        Add(b => Deserialize(b, ctx.AddUserToTagEvent), ZaloEventName.AddUserToTag);
        Add(b => Deserialize(b, ctx.WidgetEvent), ZaloEventName.WidgetInteractionAccepted, ZaloEventName.WidgetFailedToSyncUserExternalId);
        Add(b => Deserialize(b, ctx.CallEvent), ZaloEventName.OaSendConsent, ZaloEventName.UserReplyConsent, ZaloEventName.OaCallUser, ZaloEventName.UserCallOa);
        Add(b => Deserialize(b, ctx.ShopHasOrderEvent), ZaloEventName.ShopHasOrder);
        Add(b => Deserialize(b, ctx.PermissionRevokedEvent), ZaloEventName.PermissionRevoked);
        Add(
            b => Deserialize(b, ctx.ZnsTemplateEvent),
            ZaloEventName.UserFeedback, ZaloEventName.ChangeOaDailyQuota, ZaloEventName.ChangeOaTemplateTags, ZaloEventName.ChangeTemplateQuality,
            ZaloEventName.ChangeTemplateQuota, ZaloEventName.ChangeTemplateStatus, ZaloEventName.EventJourneyTimeOut, ZaloEventName.EventJourneyAcknowledged);
        Add(
            b => Deserialize(b, ctx.GroupEvent),
            ZaloEventName.CreateGroup, ZaloEventName.UserJoinGroup, ZaloEventName.UserRequestJoinGroup, ZaloEventName.ReactRequestJoinGroup,
            ZaloEventName.RejectRequestJoinGroup, ZaloEventName.ReactRequestJoinGroupAccept, ZaloEventName.ReactRequestJoinGroupReject,
            ZaloEventName.AddGroupAdmin, ZaloEventName.RemoveGroupAdmin, ZaloEventName.UpdateGroupInfo, ZaloEventName.UserOutGroup,
            ZaloEventName.UserLeaveGroup, ZaloEventName.DisperseGroup, ZaloEventName.DeleteGroup);
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
