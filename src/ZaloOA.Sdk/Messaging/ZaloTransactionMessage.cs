using System.Globalization;
using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// A transaction template type (<c>template_type</c>). An open set: the documented values are
/// named, others can be wrapped with the constructor.
/// </summary>
public readonly struct ZaloTransactionTemplateType : IEquatable<ZaloTransactionTemplateType>
{
    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The wire value, e.g. <c>transaction_order</c>.</param>
    public ZaloTransactionTemplateType(string value) => Value = value;

    /// <summary>The wire value.</summary>
    public string Value { get; }

    /// <summary><c>transaction_billing</c>.</summary>
    public static ZaloTransactionTemplateType Billing { get; } = new("transaction_billing");
    /// <summary><c>transaction_order</c>.</summary>
    public static ZaloTransactionTemplateType Order { get; } = new("transaction_order");
    /// <summary><c>transaction_reward</c>.</summary>
    public static ZaloTransactionTemplateType Reward { get; } = new("transaction_reward");
    /// <summary><c>transaction_contract</c>.</summary>
    public static ZaloTransactionTemplateType Contract { get; } = new("transaction_contract");
    /// <summary><c>transaction_booking</c>.</summary>
    public static ZaloTransactionTemplateType Booking { get; } = new("transaction_booking");
    /// <summary><c>transaction_membership</c>.</summary>
    public static ZaloTransactionTemplateType Membership { get; } = new("transaction_membership");
    /// <summary><c>transaction_event</c>.</summary>
    public static ZaloTransactionTemplateType Event { get; } = new("transaction_event");
    /// <summary><c>transaction_transaction</c>.</summary>
    public static ZaloTransactionTemplateType Transaction { get; } = new("transaction_transaction");
    /// <summary><c>transaction_account</c>.</summary>
    public static ZaloTransactionTemplateType Account { get; } = new("transaction_account");
    /// <summary><c>transaction_internal</c>.</summary>
    public static ZaloTransactionTemplateType Internal { get; } = new("transaction_internal");
    /// <summary><c>transaction_partnership</c>.</summary>
    public static ZaloTransactionTemplateType Partnership { get; } = new("transaction_partnership");
    /// <summary><c>transaction_education</c> (the official .NET SDK wrongly sends <c>transaction_transaction</c> for it).</summary>
    public static ZaloTransactionTemplateType Education { get; } = new("transaction_education");
    /// <summary><c>transaction_rating</c>.</summary>
    public static ZaloTransactionTemplateType Rating { get; } = new("transaction_rating");

    /// <inheritdoc />
    public bool Equals(ZaloTransactionTemplateType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZaloTransactionTemplateType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    public static bool operator ==(ZaloTransactionTemplateType left, ZaloTransactionTemplateType right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    public static bool operator !=(ZaloTransactionTemplateType left, ZaloTransactionTemplateType right) => !left.Equals(right);
}

/// <summary>The language of a transaction or promotion template.</summary>
public enum ZaloTemplateLanguage
{
    /// <summary><c>VI</c>: Vietnamese.</summary>
    Vietnamese,

    /// <summary><c>EN</c>: English.</summary>
    English,
}

/// <summary>Text alignment of a header or text element.</summary>
public enum ZaloTextAlign
{
    /// <summary><c>left</c>.</summary>
    Left,

    /// <summary><c>center</c>.</summary>
    Center,

    /// <summary><c>right</c>.</summary>
    Right,
}

/// <summary>One block of a transaction or promotion template: banner, header, text or table.</summary>
public abstract class ZaloTemplateElement
{
    private protected ZaloTemplateElement()
    {
    }

    /// <summary>A banner picture by URL.</summary>
    public static ZaloTemplateElement BannerFromUrl(string imageUrl) => new ZaloBannerElement(imageUrl, null);

    /// <summary>A banner picture uploaded beforehand.</summary>
    public static ZaloTemplateElement BannerFromAttachment(string attachmentId) => new ZaloBannerElement(null, attachmentId);

    /// <summary>A header line.</summary>
    public static ZaloTemplateElement Header(string content, ZaloTextAlign? align = null) => new ZaloTextElement("header", content, align);

    /// <summary>A paragraph.</summary>
    public static ZaloTemplateElement Text(string content, ZaloTextAlign? align = null) => new ZaloTextElement("text", content, align);

    /// <summary>A key/value table.</summary>
    public static ZaloTemplateElement Table(IReadOnlyList<ZaloTableRow> rows) => new ZaloTableElement(rows);

    internal abstract void Write(Utf8JsonWriter writer, string paramName);
}

/// <summary>Colour of a table value; Zalo honours it only on the row keyed "Trạng thái" / "Status".</summary>
public readonly struct ZaloTableRowStyle : IEquatable<ZaloTableRowStyle>
{
    /// <summary>Wraps a raw value.</summary>
    /// <param name="value">The wire value, e.g. <c>green</c>.</param>
    public ZaloTableRowStyle(string value) => Value = value;

    /// <summary>The wire value.</summary>
    public string Value { get; }

    /// <summary><c>green</c>.</summary>
    public static ZaloTableRowStyle Green { get; } = new("green");
    /// <summary><c>blue</c>.</summary>
    public static ZaloTableRowStyle Blue { get; } = new("blue");
    /// <summary><c>yellow</c>.</summary>
    public static ZaloTableRowStyle Yellow { get; } = new("yellow");
    /// <summary><c>red</c>.</summary>
    public static ZaloTableRowStyle Red { get; } = new("red");
    /// <summary><c>grey</c>.</summary>
    public static ZaloTableRowStyle Grey { get; } = new("grey");

    /// <inheritdoc />
    public bool Equals(ZaloTableRowStyle other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZaloTableRowStyle other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    public static bool operator ==(ZaloTableRowStyle left, ZaloTableRowStyle right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    public static bool operator !=(ZaloTableRowStyle left, ZaloTableRowStyle right) => !left.Equals(right);
}

/// <summary>A table row.</summary>
/// <param name="Key">The label.</param>
/// <param name="Value">The value.</param>
/// <param name="Style">Optional colour of the value (status rows only).</param>
public sealed record ZaloTableRow(string Key, string Value, ZaloTableRowStyle? Style = null);

/// <summary>
/// Shared content of transaction and promotion templates. Legacy: Zalo discontinued these OA
/// templates on 2026-03-01 in favour of ZBS templates sent by user id
/// (<see cref="MessagesClient.SendTemplateByUserIdAsync"/>). [S]
/// </summary>
public abstract class ZaloRichTemplateMessage
{
    private protected ZaloRichTemplateMessage()
    {
    }

    /// <summary>VI (default) or EN.</summary>
    public ZaloTemplateLanguage Language { get; init; } = ZaloTemplateLanguage.Vietnamese;

    /// <summary>The blocks, in order.</summary>
    public required IReadOnlyList<ZaloTemplateElement> Elements { get; init; }

    /// <summary>Up to <see cref="ZaloMessageLimits.MaxTemplateButtons"/> buttons, titles at most
    /// <see cref="ZaloMessageLimits.MaxTemplateButtonTitleLength"/> characters, each with an optional
    /// <see cref="ZaloButton.ImageIcon"/>.</summary>
    public IReadOnlyList<ZaloButton> Buttons { get; init; } = [];

    internal abstract string WireTemplateType { get; }

    internal void Write(Utf8JsonWriter writer)
    {
        const string payload = "message.attachment.payload";
        var elements = ZaloGuard.Count(Elements, payload + ".elements", 1, int.MaxValue);
        var buttons = ZaloActionWire.ValidateButtons(
            Buttons, payload + ".buttons", 0, ZaloMessageLimits.MaxTemplateButtons, ZaloMessageLimits.MaxTemplateButtonTitleLength, allowIcons: true);

        writer.WriteStartObject("message");
        writer.WriteStartObject("attachment");
        writer.WriteString("type", "template");
        writer.WriteStartObject("payload");
        writer.WriteString("template_type", ZaloGuard.Required(WireTemplateType, payload + ".template_type"));
        writer.WriteString("language", Language == ZaloTemplateLanguage.English ? "EN" : "VI");
        writer.WriteStartArray("elements");
        for (var i = 0; i < elements.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{payload}.elements[{i}]");
            var element = elements[i] ?? throw ZaloGuard.Invalid($"{name} is null.", name);
            element.Write(writer, name);
        }

        writer.WriteEndArray();
        if (buttons.Count > 0)
        {
            writer.WriteStartArray("buttons");
            foreach (var button in buttons)
            {
                ZaloActionWire.WriteButton(writer, button, withIcon: true);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>
/// A transaction template (<c>POST /v3.0/oa/message/transaction</c>). Legacy: discontinued on
/// 2026-03-01 and replaced by template-by-UID. [S]
/// </summary>
public sealed class ZaloTransactionMessage : ZaloRichTemplateMessage
{
    /// <summary>The transaction kind, e.g. <see cref="ZaloTransactionTemplateType.Order"/>.</summary>
    public required ZaloTransactionTemplateType TemplateType { get; init; }

    internal override string WireTemplateType => TemplateType.Value;
}

/// <summary>
/// A personal promotion template (<c>POST /v3.0/oa/message/promotion</c>). Legacy: discontinued
/// on 2026-03-01 and replaced by template-by-UID; blocked 22:00 to 06:00 (-234). [S]
/// </summary>
public sealed class ZaloPromotionMessage : ZaloRichTemplateMessage
{
    internal override string WireTemplateType => "promotion";
}

internal sealed class ZaloBannerElement(string? imageUrl, string? attachmentId) : ZaloTemplateElement
{
    internal override void Write(Utf8JsonWriter writer, string paramName)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "banner");
        if ((imageUrl is null) == (attachmentId is null))
        {
            throw ZaloGuard.Invalid($"{paramName} (banner) needs exactly one of image_url or attachment_id.", paramName);
        }

        if (imageUrl is not null)
        {
            writer.WriteString("image_url", ZaloGuard.HttpUrl(imageUrl, paramName + ".image_url"));
        }
        else
        {
            writer.WriteString("attachment_id", ZaloGuard.Required(attachmentId, paramName + ".attachment_id"));
        }

        writer.WriteEndObject();
    }
}

internal sealed class ZaloTextElement(string type, string content, ZaloTextAlign? align) : ZaloTemplateElement
{
    internal override void Write(Utf8JsonWriter writer, string paramName)
    {
        // Zalo publishes no per-block limit we could confirm; the message text limit is the sanity bound.
        var text = ZaloGuard.Text(content, paramName + ".content", ZaloMessageLimits.MaxTextLength, required: true);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("content", text);
        if (align is { } a)
        {
            writer.WriteString("align", a switch { ZaloTextAlign.Center => "center", ZaloTextAlign.Right => "right", _ => "left" });
        }

        writer.WriteEndObject();
    }
}

internal sealed class ZaloTableElement(IReadOnlyList<ZaloTableRow> rows) : ZaloTemplateElement
{
    internal override void Write(Utf8JsonWriter writer, string paramName)
    {
        var list = ZaloGuard.Count(rows, paramName + ".content", 1, int.MaxValue);
        writer.WriteStartObject();
        writer.WriteString("type", "table");
        writer.WriteStartArray("content");
        for (var i = 0; i < list.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{paramName}.content[{i}]");
            var row = list[i] ?? throw ZaloGuard.Invalid($"{name} is null.", name);
            writer.WriteStartObject();
            writer.WriteString("key", ZaloGuard.Text(row.Key, name + ".key", ZaloMessageLimits.MaxTextLength, required: true));
            writer.WriteString("value", ZaloGuard.Text(row.Value, name + ".value", ZaloMessageLimits.MaxTextLength, required: true));
            if (row.Style is { } style)
            {
                writer.WriteString("style", style.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
