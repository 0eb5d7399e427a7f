using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// The content of a consultation ("tư vấn") message. Pick a derived type: <see cref="ZaloTextMessage"/>,
/// <see cref="ZaloImageMessage"/>, <see cref="ZaloGifMessage"/>, <see cref="ZaloStickerMessage"/>,
/// <see cref="ZaloFileMessage"/>, <see cref="ZaloRequestUserInfoMessage"/>, <see cref="ZaloListMessage"/>
/// or <see cref="ZaloButtonsMessage"/>. Limits (<see cref="ZaloMessageLimits"/>) are checked before sending.
/// </summary>
public abstract class ZaloMessage
{
    private protected ZaloMessage()
    {
    }

    /// <summary>Validates and writes the <c>message</c> object; throws <see cref="ZaloValidationException"/>.</summary>
    internal abstract void Write(Utf8JsonWriter writer);

    private protected static void WriteTemplateStart(Utf8JsonWriter writer, string? templateType)
    {
        writer.WriteStartObject(ZaloJsonNames.Attachment);
        writer.WriteString(ZaloJsonNames.Type, ZaloJsonNames.Template);
        writer.WriteStartObject(ZaloJsonNames.Payload);
        if (templateType is not null)
        {
            writer.WriteString(ZaloJsonNames.TemplateType, templateType);
        }
    }

    private protected static void WriteTemplateEnd(Utf8JsonWriter writer)
    {
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private protected static void WriteMediaElement(Utf8JsonWriter writer, string? text, Action<Utf8JsonWriter> element)
    {
        writer.WriteStartObject("message");
        if (text is not null)
        {
            writer.WriteString("text", text);
        }

        WriteTemplateStart(writer, "media");
        writer.WriteStartArray("elements");
        writer.WriteStartObject();
        element(writer);
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteTemplateEnd(writer);
        writer.WriteEndObject();
    }
}

/// <summary>A text message, optionally quoting an earlier message.</summary>
/// <param name="text">At most 2,000 characters after NFC normalisation; the NFC form is sent.</param>
public sealed class ZaloTextMessage(string text) : ZaloMessage
{
    /// <summary>The text.</summary>
    public string Text { get; } = text;

    /// <summary>Quote this message above the text (<c>message.quote_message_id</c>), or null.</summary>
    public string? QuoteMessageId { get; init; }

    internal override void Write(Utf8JsonWriter writer)
    {
        var text = ZaloGuard.Text(Text, "message.text", ZaloMessageLimits.MaxTextLength, required: true);
        writer.WriteStartObject("message");
        writer.WriteString("text", text);
        if (QuoteMessageId is not null)
        {
            writer.WriteString("quote_message_id", ZaloGuard.Required(QuoteMessageId, "message.quote_message_id"));
        }

        writer.WriteEndObject();
    }
}

/// <summary>An image by public URL or by an uploaded <c>attachment_id</c> (never both), with an optional caption.</summary>
public sealed class ZaloImageMessage : ZaloMessage
{
    private ZaloImageMessage(string? url, string? attachmentId, string? caption)
    {
        Url = url;
        AttachmentId = attachmentId;
        Caption = caption;
    }

    /// <summary>The image URL, or null.</summary>
    public string? Url { get; }

    /// <summary>The attachment id from <c>UploadsClient.UploadImageAsync</c>, or null.</summary>
    public string? AttachmentId { get; }

    /// <summary>Text shown with the image (<c>message.text</c>), at most 2,000 characters.</summary>
    public string? Caption { get; }

    /// <summary>An image Zalo downloads from <paramref name="url"/>.</summary>
    public static ZaloImageMessage FromUrl(string url, string? caption = null) => new(url, null, caption);

    /// <summary>An image uploaded beforehand (ids expire after about 7 days).</summary>
    public static ZaloImageMessage FromAttachment(string attachmentId, string? caption = null) => new(null, attachmentId, caption);

    internal override void Write(Utf8JsonWriter writer)
    {
        if ((Url is null) == (AttachmentId is null))
        {
            throw ZaloGuard.Invalid("An image message needs exactly one of url or attachment_id, never both.", "message.attachment.payload.elements[0]");
        }

        var url = Url is null ? null : ZaloGuard.HttpUrl(Url, "message.attachment.payload.elements[0].url");
        var id = AttachmentId is null ? null : ZaloGuard.Required(AttachmentId, "message.attachment.payload.elements[0].attachment_id");
        var caption = ZaloGuard.Text(Caption, "message.text", ZaloMessageLimits.MaxTextLength, required: false);
        WriteMediaElement(writer, string.IsNullOrEmpty(caption) ? null : caption, w =>
        {
            w.WriteString("media_type", "image");
            if (url is not null)
            {
                w.WriteString("url", url);
            }
            else
            {
                w.WriteString("attachment_id", id);
            }
        });
    }
}

/// <summary>An uploaded GIF; Zalo requires its width and height.</summary>
/// <param name="attachmentId">The id from <c>UploadsClient.UploadGifAsync</c>.</param>
/// <param name="width">Width in pixels (1 to 4,096).</param>
/// <param name="height">Height in pixels (1 to 4,096).</param>
public sealed class ZaloGifMessage(string attachmentId, int width, int height) : ZaloMessage
{
    /// <summary>The GIF's attachment id.</summary>
    public string AttachmentId { get; } = attachmentId;

    /// <summary>Width in pixels.</summary>
    public int Width { get; } = width;

    /// <summary>Height in pixels.</summary>
    public int Height { get; } = height;

    /// <summary>Optional text shown with the GIF.</summary>
    public string? Caption { get; init; }

    internal override void Write(Utf8JsonWriter writer)
    {
        var id = ZaloGuard.Required(AttachmentId, "message.attachment.payload.elements[0].attachment_id");
        ZaloGuard.Range(Width, "message.attachment.payload.elements[0].width", 1, 4096);
        ZaloGuard.Range(Height, "message.attachment.payload.elements[0].height", 1, 4096);
        var caption = ZaloGuard.Text(Caption, "message.text", ZaloMessageLimits.MaxTextLength, required: false);
        WriteMediaElement(writer, string.IsNullOrEmpty(caption) ? null : caption, w =>
        {
            w.WriteString("media_type", "gif");
            w.WriteString("attachment_id", id);
            w.WriteNumber("width", Width);
            w.WriteNumber("height", Height);
        });
    }
}

/// <summary>A sticker by its Zalo sticker id (see stickers.zaloapp.com).</summary>
/// <param name="stickerId">The sticker's id.</param>
public sealed class ZaloStickerMessage(string stickerId) : ZaloMessage
{
    /// <summary>The sticker id.</summary>
    public string StickerId { get; } = stickerId;

    internal override void Write(Utf8JsonWriter writer)
    {
        var id = ZaloGuard.Required(StickerId, "message.attachment.payload.elements[0].attachment_id");
        WriteMediaElement(writer, null, w =>
        {
            w.WriteString("media_type", "sticker");
            w.WriteString("attachment_id", id);
        });
    }
}

/// <summary>A file (PDF, DOC, DOCX) by the token <c>UploadsClient.UploadFileAsync</c> returned.</summary>
/// <param name="token">The upload token.</param>
public sealed class ZaloFileMessage(string token) : ZaloMessage
{
    /// <summary>The upload token.</summary>
    public string Token { get; } = token;

    internal override void Write(Utf8JsonWriter writer)
    {
        var token = ZaloGuard.Required(Token, "message.attachment.payload.token");
        writer.WriteStartObject("message");
        writer.WriteStartObject("attachment");
        writer.WriteString("type", "file");
        writer.WriteStartObject("payload");
        writer.WriteString("token", token);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>
/// Asks the follower to share their name, phone and address with the OA. The answer arrives later as a
/// <c>user_submit_info</c> webhook.
/// </summary>
/// <param name="title">At most <see cref="ZaloMessageLimits.MaxRequestUserInfoTitleLength"/> characters.</param>
/// <param name="subtitle">At most <see cref="ZaloMessageLimits.MaxRequestUserInfoSubtitleLength"/> characters.</param>
/// <param name="imageUrl">The picture shown (for example the OA's logo), or null.</param>
public sealed class ZaloRequestUserInfoMessage(string title, string subtitle, string? imageUrl = null) : ZaloMessage
{
    /// <summary>The title.</summary>
    public string Title { get; } = title;

    /// <summary>The subtitle.</summary>
    public string Subtitle { get; } = subtitle;

    /// <summary>The picture URL, or null.</summary>
    public string? ImageUrl { get; } = imageUrl;

    internal override void Write(Utf8JsonWriter writer)
    {
        const string element = "message.attachment.payload.elements[0]";
        var title = ZaloGuard.Text(Title, element + ".title", ZaloMessageLimits.MaxRequestUserInfoTitleLength, required: true);
        var subtitle = ZaloGuard.Text(Subtitle, element + ".subtitle", ZaloMessageLimits.MaxRequestUserInfoSubtitleLength, required: true);
        var image = ImageUrl is null ? null : ZaloGuard.HttpUrl(ImageUrl, element + ".image_url");
        writer.WriteStartObject("message");
        WriteTemplateStart(writer, "request_user_info");
        writer.WriteStartArray("elements");
        writer.WriteStartObject();
        writer.WriteString("title", title);
        writer.WriteString("subtitle", subtitle);
        if (image is not null)
        {
            writer.WriteString("image_url", image);
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteTemplateEnd(writer);
        writer.WriteEndObject();
    }
}

/// <summary>One row of a list template, the one model of a list row (a menu sent as a list is a
/// <see cref="ZaloListMessage"/> of these).</summary>
/// <param name="Title">The row's title (at most <see cref="ZaloMessageLimits.MaxListElementTitleLength"/> characters).</param>
/// <param name="Subtitle">The row's subtitle (at most <see cref="ZaloMessageLimits.MaxListElementSubtitleLength"/>); required on the first element.</param>
/// <param name="ImageUrl">Picture URL (500×320 for the first element, 50×50 for the others), or null.</param>
/// <param name="DefaultAction">What a tap on the row does, or null.</param>
public sealed record ZaloListElement(string Title, string? Subtitle = null, string? ImageUrl = null, ZaloAction? DefaultAction = null);

/// <summary>
/// A list template: up to 5 elements (rows) and up to 5 buttons. Zalo documents this template for
/// the v2 message endpoint; whether every OA may send it on <c>/v3.0/oa/message/cs</c> is unconfirmed. [U]
/// </summary>
/// <param name="elements">1 to 5 rows; the first needs a subtitle.</param>
/// <param name="buttons">0 to 5 buttons, or null.</param>
public sealed class ZaloListMessage(IReadOnlyList<ZaloListElement> elements, IReadOnlyList<ZaloButton>? buttons = null) : ZaloMessage
{
    /// <summary>The rows.</summary>
    public IReadOnlyList<ZaloListElement> Elements { get; } = elements;

    /// <summary>The buttons under the list.</summary>
    public IReadOnlyList<ZaloButton> Buttons { get; } = buttons ?? [];

    /// <summary>Optional text sent with the list (<c>message.text</c>, at most 2,000 characters), as
    /// Zalo's .NET SDK sends it; null or empty sends none.</summary>
    public string? Text { get; init; }

    internal override void Write(Utf8JsonWriter writer)
    {
        const string payload = "message.attachment.payload";
        const string elementsPath = payload + ".elements";
        var text = ZaloGuard.Text(Text, "message.text", ZaloMessageLimits.MaxTextLength, required: false);
        var elements = ZaloGuard.Count(Elements, elementsPath, 1, ZaloMessageLimits.MaxListElements);
        var buttons = ZaloActionWire.ValidateButtons(Buttons, payload + ".buttons", 0);

        // Each element is validated just before it is written: a failure throws the whole body
        // away, so nothing invalid is sent, and no validated copy of the list is needed.
        writer.WriteStartObject(ZaloJsonNames.Message);
        if (!string.IsNullOrEmpty(text))
        {
            writer.WriteString(ZaloJsonNames.Text, text);
        }

        WriteTemplateStart(writer, "list");
        writer.WriteStartArray(ZaloJsonNames.Elements);
        var elementsField = new ZaloField(elementsPath);
        for (var i = 0; i < elements.Count; i++)
        {
            var name = elementsField.Index(i);
            var e = elements[i] ?? throw ZaloGuard.Invalid($"{name} is null.", name);
            var title = ZaloGuard.Text(e.Title, name.Member("title"), ZaloMessageLimits.MaxListElementTitleLength, required: true)!;
            var subtitle = ZaloGuard.Text(e.Subtitle, name.Member("subtitle"), ZaloMessageLimits.MaxListElementSubtitleLength, required: i == 0);
            var image = e.ImageUrl is null ? null : ZaloGuard.HttpUrl(e.ImageUrl, name.Member("image_url"));
            var action = e.DefaultAction is null ? null : ZaloActionWire.Validate(e.DefaultAction, name.Member("default_action"));
            writer.WriteStartObject();
            writer.WriteString(ZaloJsonNames.Title, title);
            if (!string.IsNullOrEmpty(subtitle))
            {
                writer.WriteString(ZaloJsonNames.Subtitle, subtitle);
            }

            if (image is not null)
            {
                writer.WriteString(ZaloJsonNames.ImageUrl, image);
            }

            if (action is not null)
            {
                ZaloActionWire.WriteDefaultAction(writer, action);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (buttons.Count > 0)
        {
            writer.WriteStartArray(ZaloJsonNames.Buttons);
            foreach (var button in buttons)
            {
                ZaloActionWire.WriteButton(writer, button);
            }

            writer.WriteEndArray();
        }

        WriteTemplateEnd(writer);
        writer.WriteEndObject();
    }
}

/// <summary>
/// Text with up to 5 buttons under it: <c>{"text","attachment":{"type":"template","payload":{"buttons":[…]}}}</c>.
/// The usual way to offer a menu in the chat (a menu is simply this message: there is no separate
/// menu type); <c>oa.query.*</c> buttons come back as the follower's text.
/// </summary>
/// <remarks>Integrations send this shape with no <c>template_type</c>; some add <c>"button"</c>. [S]</remarks>
/// <param name="text">At most 2,000 characters after NFC normalisation.</param>
/// <param name="buttons">1 to 5 buttons, titles at most 100 characters.</param>
public sealed class ZaloButtonsMessage(string text, IReadOnlyList<ZaloButton> buttons) : ZaloMessage
{
    /// <summary>The text above the buttons.</summary>
    public string Text { get; } = text;

    /// <summary>The buttons.</summary>
    public IReadOnlyList<ZaloButton> Buttons { get; } = buttons;

    internal override void Write(Utf8JsonWriter writer)
    {
        var text = ZaloGuard.Text(Text, "message.text", ZaloMessageLimits.MaxTextLength, required: true);
        var buttons = ZaloActionWire.ValidateButtons(Buttons, "message.attachment.payload.buttons", 1);
        writer.WriteStartObject("message");
        writer.WriteString("text", text);
        WriteTemplateStart(writer, null);
        writer.WriteStartArray("buttons");
        foreach (var button in buttons)
        {
            ZaloActionWire.WriteButton(writer, button);
        }

        writer.WriteEndArray();
        WriteTemplateEnd(writer);
        writer.WriteEndObject();
    }
}
