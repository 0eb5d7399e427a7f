using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>The <c>message</c> of a user or OA message event.</summary>
public sealed class ZaloWebhookMessage : ZaloModel
{
    /// <summary>The message id (<c>msg_id</c>); Zalo re-sends it on redelivery.</summary>
    [JsonPropertyName("msg_id")]
    [JsonInclude]
    public string? MessageId { get; internal set; }

    /// <summary>The text; the caption for images, the contact name for business cards.</summary>
    [JsonPropertyName("text")]
    [JsonInclude]
    public string? Text { get; internal set; }

    /// <summary>The id of the message this one quotes (<c>quote_msg_id</c>) [C].</summary>
    [JsonPropertyName("quote_msg_id")]
    [JsonInclude]
    public string? QuoteMessageId { get; internal set; }

    /// <summary>The attachments (<c>attachments[]</c>); empty for text.</summary>
    [JsonPropertyName("attachments")]
    [JsonInclude]
    public IReadOnlyList<ZaloWebhookAttachment>? Attachments { get; internal set; }
}

/// <summary>One <c>{type, payload}</c> attachment (§8.4).</summary>
public sealed class ZaloWebhookAttachment : ZaloModel
{
    /// <summary><c>image</c>, <c>gif</c>, <c>sticker</c>, <c>audio</c>, <c>video</c>, <c>file</c>,
    /// <c>link</c>, <c>location</c>, or another value Zalo adds.</summary>
    [JsonPropertyName("type")]
    [JsonInclude]
    public string? Type { get; internal set; }

    /// <summary>The payload; which fields are set depends on <see cref="Type"/>.</summary>
    [JsonPropertyName("payload")]
    [JsonInclude]
    public ZaloAttachmentPayload? Payload { get; internal set; }
}

/// <summary>An attachment's payload. Image/gif: url, thumbnail. Sticker: id, url [S]. Audio: url.
/// Video: url, thumbnail, description [S]. File: url, name, size, checksum, type. Link: url,
/// thumbnail, description, title. Location: coordinates. Business card: thumbnail, url and
/// description (a JSON string; see <see cref="BusinessCard"/>).</summary>
public sealed class ZaloAttachmentPayload : ZaloModel
{
    /// <summary>The media or link URL.</summary>
    [JsonPropertyName("url")]
    [JsonInclude]
    public string? Url { get; internal set; }

    /// <summary>A preview image URL.</summary>
    [JsonPropertyName("thumbnail")]
    [JsonInclude]
    public string? Thumbnail { get; internal set; }

    /// <summary>A description; for business cards a JSON string with <c>phone</c> and <c>qrCodeUrl</c>.</summary>
    [JsonPropertyName("description")]
    [JsonInclude]
    public string? Description { get; internal set; }

    /// <summary>The link title [S].</summary>
    [JsonPropertyName("title")]
    [JsonInclude]
    public string? Title { get; internal set; }

    /// <summary>The sticker id [S].</summary>
    [JsonPropertyName("id")]
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>The file name.</summary>
    [JsonPropertyName("name")]
    [JsonInclude]
    public string? Name { get; internal set; }

    /// <summary>The file size in bytes, as Zalo sends it (a string).</summary>
    [JsonPropertyName("size")]
    [JsonInclude]
    public string? Size { get; internal set; }

    /// <summary>The file checksum, when sent.</summary>
    [JsonPropertyName("checksum")]
    [JsonInclude]
    public string? Checksum { get; internal set; }

    /// <summary>The file extension (<c>type</c> inside a file payload).</summary>
    [JsonPropertyName("type")]
    [JsonInclude]
    public string? FileType { get; internal set; }

    /// <summary>A location's coordinates.</summary>
    [JsonPropertyName("coordinates")]
    [JsonInclude]
    public ZaloCoordinates? Coordinates { get; internal set; }

    /// <summary>The file size as a number, when <see cref="Size"/> is one.</summary>
    [JsonIgnore]
    public long? SizeBytes => long.TryParse(Size, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The business card in <see cref="Description"/>; null when it is not such JSON.</summary>
    [JsonIgnore]
    public ZaloBusinessCard? BusinessCard
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Description) || Description.TrimStart()[0] != '{')
            {
                return null;
            }

            try
            {
                return JsonSerializer.Deserialize(Description, ZaloWebhookJsonContext.Default.ZaloBusinessCard);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}

/// <summary>A location's <c>coordinates</c>; Zalo sends both as strings.</summary>
public sealed class ZaloCoordinates : ZaloModel
{
    /// <summary>The latitude as sent.</summary>
    [JsonPropertyName("latitude")]
    [JsonInclude]
    public string? Latitude { get; internal set; }

    /// <summary>The longitude as sent.</summary>
    [JsonPropertyName("longitude")]
    [JsonInclude]
    public string? Longitude { get; internal set; }

    /// <summary>The latitude as a number, when it parses.</summary>
    [JsonIgnore]
    public double? LatitudeValue => Parse(Latitude);

    /// <summary>The longitude as a number, when it parses.</summary>
    [JsonIgnore]
    public double? LongitudeValue => Parse(Longitude);

    private static double? Parse(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
}

/// <summary>The JSON inside a business card's <c>description</c> [C].</summary>
public sealed class ZaloBusinessCard : ZaloModel
{
    /// <summary>The contact's phone number.</summary>
    [JsonPropertyName("phone")]
    [JsonInclude]
    public string? Phone { get; internal set; }

    /// <summary>The contact's QR code image URL.</summary>
    [JsonPropertyName("qrCodeUrl")]
    [JsonInclude]
    public string? QrCodeUrl { get; internal set; }
}

/// <summary>Base of events carrying a <c>message</c> with id, text and attachments.</summary>
public abstract class ZaloMessageEvent : ZaloWebhookEvent
{
    /// <summary>The message.</summary>
    [JsonPropertyName("message")]
    [JsonInclude]
    public ZaloWebhookMessage? Message { get; internal set; }

    /// <inheritdoc />
    public override string? MessageId => Message?.MessageId;

    /// <summary>The message text (caption, contact name), when any.</summary>
    [JsonIgnore]
    public virtual string? Text => Message?.Text;

    /// <summary>The attachments (never null, and never holding null: a JSON <c>null</c> element,
    /// which a hostile or broken sender can put in the array, is left out).</summary>
    [JsonIgnore]
    public IReadOnlyList<ZaloWebhookAttachment> Attachments => Message?.Attachments is { } list
        ? (list.Any(a => a is null) ? [.. list.Where(a => a is not null)] : list)
        : [];

    /// <summary>The first attachment's payload, when any.</summary>
    [JsonIgnore]
    public ZaloAttachmentPayload? FirstPayload => Attachments.Count > 0 ? Attachments[0].Payload : null;
}

/// <summary>Base of the <c>user_send_*</c> events: <c>sender</c> is the user, <c>recipient</c> the
/// OA, and the message has an id [C]; a parsed event always has all three.</summary>
public abstract class UserMessageEvent : ZaloMessageEvent
{
    /// <summary>The OA the user wrote to (<c>recipient.id</c>, or a top-level <c>oa_id</c>); empty
    /// only for an event built in code without it.</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user who wrote (<c>sender.id</c>, the per-OA user id); empty only for an event
    /// built in code without it.</summary>
    [JsonIgnore]
    public override string UserId => base.UserId ?? string.Empty;

    /// <summary>The message id (<c>message.msg_id</c>); empty only for an event built in code without it.</summary>
    [JsonIgnore]
    public override string MessageId => Message?.MessageId ?? string.Empty;

    internal override string? FindMissingField() =>
        MissingOaOrUser("recipient.id", "sender.id") ?? (string.IsNullOrEmpty(Message?.MessageId) ? "message.msg_id" : null);
}

/// <summary><c>user_send_text</c>: <see cref="Text"/> holds the text.</summary>
public sealed class UserSendTextEvent : UserMessageEvent
{
    /// <summary>The text the user sent (<c>message.text</c>, always present [C]).</summary>
    [JsonIgnore]
    public override string Text => Message?.Text ?? string.Empty;

    internal override string? FindMissingField() =>
        base.FindMissingField() ?? (Message?.Text is null ? "message.text" : null);
}

/// <summary><c>user_send_image</c>: the image in the first attachment (url, thumbnail); caption in <see cref="ZaloMessageEvent.Text"/>.</summary>
public sealed class UserSendImageEvent : UserMessageEvent;

/// <summary><c>user_send_gif</c>: url and thumbnail in the first attachment.</summary>
public sealed class UserSendGifEvent : UserMessageEvent;

/// <summary><c>user_send_sticker</c>: sticker id and url in the first attachment [S].</summary>
public sealed class UserSendStickerEvent : UserMessageEvent;

/// <summary><c>user_send_audio</c>: the voice message url in the first attachment.</summary>
public sealed class UserSendAudioEvent : UserMessageEvent;

/// <summary><c>user_send_video</c>: url, thumbnail and description in the first attachment [S].</summary>
public sealed class UserSendVideoEvent : UserMessageEvent;

/// <summary><c>user_send_file</c>: url, name, size, type (extension) in the first attachment.</summary>
public sealed class UserSendFileEvent : UserMessageEvent;

/// <summary><c>user_send_link</c>: url, title, description, thumbnail in the first attachment.</summary>
public sealed class UserSendLinkEvent : UserMessageEvent;

/// <summary><c>user_send_location</c>: the shared location.</summary>
public sealed class UserSendLocationEvent : UserMessageEvent
{
    /// <summary>The coordinates of the first location attachment.</summary>
    [JsonIgnore]
    public ZaloCoordinates? Coordinates => Attachments.Select(a => a.Payload?.Coordinates).FirstOrDefault(c => c is not null);
}

/// <summary><c>user_send_business_card</c>: a contact card; the contact name is in <see cref="ZaloMessageEvent.Text"/>.</summary>
public sealed class UserSendBusinessCardEvent : UserMessageEvent
{
    /// <summary>The phone and QR code decoded from the payload's <c>description</c>.</summary>
    [JsonIgnore]
    public ZaloBusinessCard? BusinessCard => FirstPayload?.BusinessCard;
}

/// <summary><c>user_send_contact</c> [U] (one source only); shaped like a business card.</summary>
public sealed class UserSendContactEvent : UserMessageEvent;

/// <summary>
/// An OA → user echo (<c>oa_send_text</c>, <c>oa_send_image</c>, <c>oa_send_list</c>,
/// <c>oa_send_gif</c>, <c>oa_send_file</c>, <c>oa_send_sticker</c>, <c>oa_send_template</c>):
/// <c>sender</c> is the OA, <c>recipient</c> the user. Tell them apart by <see cref="ZaloWebhookEvent.EventName"/>.
/// </summary>
public sealed class OaSendMessageEvent : ZaloMessageEvent
{
    /// <summary>The OA that sent the message (<c>sender.id</c> [C]).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user it was sent to (<c>recipient.id</c> [C]).</summary>
    [JsonIgnore]
    public override string UserId => base.UserId ?? string.Empty;

    /// <summary>The admin who sent it from the OA chat tool (<c>sender.admin_id</c>); null for API sends.</summary>
    [JsonIgnore]
    public string? AdminId => Sender?.AdminId;

    internal override string? FindMissingField() => MissingOaOrUser("sender.id", "recipient.id");
}

/// <summary>
/// A message with an anonymous user [S]: <c>anonymous_send_{text,image,file,sticker}</c> (from the
/// user) and <c>oa_send_anonymous_{text,image,file,sticker}</c> (from the OA).
/// </summary>
public sealed class AnonymousMessageEvent : ZaloMessageEvent
{
    /// <summary>True for <c>oa_send_anonymous_*</c>.</summary>
    [JsonIgnore]
    public bool IsFromOa => EventName.Value.StartsWith("oa_", StringComparison.Ordinal);
}
