using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// Validates and writes <see cref="ZaloAction"/> and <see cref="ZaloButton"/> in Zalo's two wire
/// forms: nested under <c>payload</c> in a button, beside <c>type</c> in a list element's
/// <c>default_action</c>. The one writer for buttons and lists, used by every message that has them
/// and by the persistent-menu call.
/// </summary>
internal static class ZaloActionWire
{
    private static readonly JsonEncodedText OpenUrlValue = JsonEncodedText.Encode(ZaloAction.OpenUrlType);
    private static readonly JsonEncodedText QueryShowValue = JsonEncodedText.Encode(ZaloAction.QueryShowType);
    private static readonly JsonEncodedText QueryHideValue = JsonEncodedText.Encode(ZaloAction.QueryHideType);
    private static readonly JsonEncodedText OpenSmsValue = JsonEncodedText.Encode(ZaloAction.OpenSmsType);
    private static readonly JsonEncodedText OpenPhoneValue = JsonEncodedText.Encode(ZaloAction.OpenPhoneType);

    /// <summary>Checks the action's payload against Zalo's limits. Returns the action itself when its
    /// texts are already NFC and its URL needs no percent-encoding (the usual case), otherwise a copy.
    /// Failures name <paramref name="paramName"/> plus the wire field (<c>.url</c>, <c>.payload</c>,
    /// <c>.content</c>, <c>.phone_code</c>).</summary>
    public static ZaloAction Validate(ZaloAction? action, ZaloField paramName)
    {
        if (action is null)
        {
            throw ZaloGuard.Invalid($"{paramName} is required; create one with ZaloAction.OpenUrl, QueryShow, QueryHide, OpenPhone or OpenSms.", paramName);
        }

        switch (action.Type)
        {
            case ZaloAction.OpenUrlType:
                var url = ZaloGuard.HttpUrl(action.Url, paramName.Member("url"));
                return string.Equals(url, action.Url, StringComparison.Ordinal) ? action : ZaloAction.OpenUrl(url);
            case ZaloAction.QueryShowType:
            case ZaloAction.QueryHideType:
                var query = ZaloGuard.Text(action.Query, paramName.Member("payload"), ZaloMessageLimits.MaxQueryLength, required: true)!;
                return ReferenceEquals(query, action.Query) ? action
                    : action.Type == ZaloAction.QueryShowType ? ZaloAction.QueryShow(query) : ZaloAction.QueryHide(query);
            case ZaloAction.OpenPhoneType:
                Phone(action.PhoneCode, paramName.Member("phone_code"));
                return action;
            case ZaloAction.OpenSmsType:
                Phone(action.PhoneCode, paramName.Member("phone_code"));
                var content = ZaloGuard.Text(action.SmsContent, paramName.Member("content"), ZaloMessageLimits.MaxSmsContentLength, required: true)!;
                return ReferenceEquals(content, action.SmsContent) ? action : ZaloAction.OpenSms(action.PhoneCode!, content);
            default:
                throw ZaloGuard.Invalid($"{paramName} has the unknown action type '{action.Type}'.", paramName);
        }
    }

    /// <summary>Validates a button list (count, titles, actions); returns the list itself when every
    /// text is already NFC, otherwise NFC copies. Consultation buttons (the default limits) have no
    /// icon; templates pass their own limits and <paramref name="allowIcons"/>.</summary>
    public static IReadOnlyList<ZaloButton> ValidateButtons(
        IReadOnlyList<ZaloButton>? buttons,
        ZaloField paramName,
        int min,
        int max = ZaloMessageLimits.MaxButtons,
        int maxTitleLength = ZaloMessageLimits.MaxButtonTitleLength,
        bool allowIcons = false)
    {
        var list = ZaloGuard.Count(buttons, paramName, min, max);
        ZaloButton[]? copies = null;
        for (var i = 0; i < list.Count; i++)
        {
            var name = paramName.Index(i);
            var button = list[i] ?? throw ZaloGuard.Invalid($"{name} is null.", name);
            var title = ZaloGuard.Text(button.Title, name.Member("title"), maxTitleLength, required: true)!;
            var action = Validate(button.Action, name.Member("payload"));
            if (!allowIcons && !string.IsNullOrEmpty(button.ImageIcon))
            {
                throw ZaloGuard.Invalid($"{name.Member("image_icon")} is set, but only transaction and promotion template buttons carry an icon; remove ImageIcon.", name.Member("image_icon"));
            }

            if (copies is null && (!ReferenceEquals(title, button.Title) || !ReferenceEquals(action, button.Action)))
            {
                copies = new ZaloButton[list.Count];
                for (var j = 0; j < i; j++)
                {
                    copies[j] = list[j];
                }
            }

            if (copies is not null)
            {
                copies[i] = ReferenceEquals(title, button.Title) && ReferenceEquals(action, button.Action) ? button : button with { Title = title, Action = action };
            }
        }

        return copies ?? list;
    }

    /// <summary>Writes <c>{"title","type","payload"}</c>; with <paramref name="withIcon"/> (templates)
    /// also <c>image_icon</c>, empty for Zalo's default icon.</summary>
    public static void WriteButton(Utf8JsonWriter writer, ZaloButton button, bool withIcon = false)
    {
        writer.WriteStartObject();
        writer.WriteString(ZaloJsonNames.Title, button.Title);
        if (withIcon)
        {
            writer.WriteString(ZaloJsonNames.ImageIcon, button.ImageIcon ?? string.Empty);
        }

        WriteTypeAndPayload(writer, button.Action, urlBesideType: false);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes a list element's <c>default_action</c>: the URL and the query sit beside <c>type</c>
    /// (<c>{"type":"oa.open.url","url":…}</c>, <c>{"type":"oa.query.show","payload":"#q"}</c>), while
    /// SMS and phone keep their payload object (<c>{"type":"oa.open.phone","payload":{"phone_code":…}}</c>),
    /// as Zalo's .NET SDK writes them (<c>parseListElement2Json</c>).
    /// </summary>
    public static void WriteDefaultAction(Utf8JsonWriter writer, ZaloAction action)
    {
        writer.WriteStartObject(ZaloJsonNames.DefaultAction);
        WriteTypeAndPayload(writer, action, urlBesideType: true);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>type</c> and the action's payload. The two wire forms differ only in the
    /// URL: nested as <c>payload.url</c> in a button, beside <c>type</c> in a <c>default_action</c>.</summary>
    private static void WriteTypeAndPayload(Utf8JsonWriter writer, ZaloAction action, bool urlBesideType)
    {
        if (EncodedType(action.Type) is { } type)
        {
            writer.WriteString(ZaloJsonNames.Type, type);
        }
        else
        {
            writer.WriteString(ZaloJsonNames.Type, action.Type);
        }

        switch (action.Type)
        {
            case ZaloAction.OpenUrlType when urlBesideType:
                writer.WriteString(ZaloJsonNames.Url, action.Url);
                break;
            case ZaloAction.OpenUrlType:
                writer.WriteStartObject(ZaloJsonNames.Payload);
                writer.WriteString(ZaloJsonNames.Url, action.Url);
                writer.WriteEndObject();
                break;
            case ZaloAction.QueryShowType:
            case ZaloAction.QueryHideType:
                writer.WriteString(ZaloJsonNames.Payload, action.Query);
                break;
            case ZaloAction.OpenSmsType:
                writer.WriteStartObject(ZaloJsonNames.Payload);
                writer.WriteString(ZaloJsonNames.Content, action.SmsContent);
                writer.WriteString(ZaloJsonNames.PhoneCode, action.PhoneCode);
                writer.WriteEndObject();
                break;
            case ZaloAction.OpenPhoneType:
                writer.WriteStartObject(ZaloJsonNames.Payload);
                writer.WriteString(ZaloJsonNames.PhoneCode, action.PhoneCode);
                writer.WriteEndObject();
                break;
        }
    }

    private static JsonEncodedText? EncodedType(string type) => type switch
    {
        ZaloAction.OpenUrlType => OpenUrlValue,
        ZaloAction.QueryShowType => QueryShowValue,
        ZaloAction.QueryHideType => QueryHideValue,
        ZaloAction.OpenSmsType => OpenSmsValue,
        ZaloAction.OpenPhoneType => OpenPhoneValue,
        _ => null,
    };

    private static string Phone(string? value, ZaloField paramName)
    {
        ZaloGuard.Required(value, paramName);
        foreach (var c in value!)
        {
            if (!char.IsAsciiDigit(c) && c != '+')
            {
                throw ZaloGuard.Invalid($"{paramName} must contain digits only, e.g. 84912345678 or 113.", paramName);
            }
        }

        return value;
    }
}
