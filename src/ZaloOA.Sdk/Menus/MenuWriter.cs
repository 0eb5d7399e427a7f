using System.Text.Json;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Menus;

/// <summary>Validates menus and writes the exact consultation-message JSON for them.</summary>
internal static class MenuWriter
{
    /// <summary><c>{"recipient":{"user_id"},"message":{"text","attachment":{"type":"template","payload":{"buttons":[…]}}}}</c></summary>
    public static byte[] Buttons(string userId, ZaloMenu menu)
    {
        ZaloText.Id(userId, nameof(userId));
        ArgumentNullException.ThrowIfNull(menu);
        var text = ZaloText.Required(menu.Text, "menu.Text", ZaloMenuLimits.MaxTextLength, " (a buttons message needs its text)");
        var items = Items(menu);
        return Write(w =>
        {
            WriteRecipient(w, userId);
            w.WriteStartObject("message");
            w.WriteString("text", text);
            w.WriteStartObject("attachment");
            w.WriteString("type", "template");
            w.WriteStartObject("payload");
            w.WriteStartArray("buttons");
            for (var i = 0; i < items.Count; i++)
            {
                WriteButton(w, items[i].Title, items[i].Action, $"menu.Items[{i}]");
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary><c>{"recipient":{"user_id"},"message":{"attachment":{"type":"template","payload":{"template_type":"list","elements":[…],"buttons":[…]}}}}</c></summary>
    public static byte[] List(string userId, ZaloMenu menu)
    {
        ZaloText.Id(userId, nameof(userId));
        ArgumentNullException.ThrowIfNull(menu);
        var text = menu.Text is null ? null : ZaloText.Max(menu.Text, "menu.Text", ZaloMenuLimits.MaxTextLength, string.Empty);
        var items = Items(menu);
        if (string.IsNullOrWhiteSpace(items[0].Subtitle))
        {
            throw ZaloText.Invalid("menu.Items[0].Subtitle is required: Zalo's list template needs a subtitle on its first element.", "menu.Items[0].Subtitle");
        }

        var buttons = menu.ListButtons ?? [];
        if (buttons.Count > ZaloMenuLimits.MaxItems)
        {
            throw ZaloText.Invalid($"menu.ListButtons has {buttons.Count} buttons; at most {ZaloMenuLimits.MaxItems} are allowed.", "menu.ListButtons");
        }

        return Write(w =>
        {
            WriteRecipient(w, userId);
            w.WriteStartObject("message");
            if (!string.IsNullOrEmpty(text))
            {
                w.WriteString("text", text);
            }

            w.WriteStartObject("attachment");
            w.WriteString("type", "template");
            w.WriteStartObject("payload");
            w.WriteString("template_type", "list");
            w.WriteStartArray("elements");
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var path = $"menu.Items[{i}]";
                w.WriteStartObject();
                w.WriteString("title", Title(item.Title, path));
                if (!string.IsNullOrWhiteSpace(item.Subtitle))
                {
                    w.WriteString("subtitle", ZaloText.Max(item.Subtitle, path + ".Subtitle", ZaloMenuLimits.MaxTextLength, string.Empty));
                }

                if (item.ImageUrl is not null)
                {
                    w.WriteString("image_url", ZaloUrl.Normalize(item.ImageUrl, path + ".ImageUrl"));
                }

                w.WriteStartObject("default_action");
                WriteAction(w, item.Action, path + ".Action", flat: true);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (buttons.Count > 0)
            {
                w.WriteStartArray("buttons");
                for (var i = 0; i < buttons.Count; i++)
                {
                    var button = buttons[i] ?? throw ZaloText.Invalid($"menu.ListButtons[{i}] is null.", $"menu.ListButtons[{i}]");
                    WriteButton(w, button.Title, button.Action, $"menu.ListButtons[{i}]");
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>The undocumented persistent-menu body: <c>{"menu":[{"title","type","payload"}…]}</c> [U].</summary>
    public static byte[] PersistentMenu(ZaloMenu menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        var items = Items(menu);
        return Write(w =>
        {
            w.WriteStartArray("menu");
            for (var i = 0; i < items.Count; i++)
            {
                WriteButton(w, items[i].Title, items[i].Action, $"menu.Items[{i}]");
            }

            w.WriteEndArray();
        });
    }

    private static IReadOnlyList<ZaloMenuItem> Items(ZaloMenu menu)
    {
        var items = menu.Items;
        if (items is null || items.Count == 0 || items.Count > ZaloMenuLimits.MaxItems)
        {
            throw ZaloText.Invalid($"menu.Items has {items?.Count ?? 0} items; a menu message carries 1 to {ZaloMenuLimits.MaxItems}.", "menu.Items");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null || items[i].Action is null)
            {
                throw ZaloText.Invalid($"menu.Items[{i}] needs a title and an action.", $"menu.Items[{i}]");
            }
        }

        return items;
    }

    private static string Title(string title, string path) =>
        ZaloText.Required(title, path + ".Title", ZaloMenuLimits.MaxTitleLength, string.Empty);

    private static void WriteButton(Utf8JsonWriter w, string title, ZaloAction action, string path)
    {
        w.WriteStartObject();
        w.WriteString("title", Title(title, path));
        WriteAction(w, action ?? throw ZaloText.Invalid($"{path}.Action is required.", path + ".Action"), path + ".Action", flat: false);
        w.WriteEndObject();
    }

    /// <summary>Writes <c>type</c> and the payload. Buttons nest the URL (<c>"payload":{"url"}</c>);
    /// a list element's <c>default_action</c> carries it flat (<c>"url"</c>), per §3.2.</summary>
    private static void WriteAction(Utf8JsonWriter w, ZaloAction action, string path, bool flat)
    {
        w.WriteString("type", action.Type);
        switch (action.Type)
        {
            case ZaloAction.OpenUrlType:
                var url = ZaloUrl.Normalize(action.Url, path + ".Url");
                if (flat)
                {
                    w.WriteString("url", url);
                }
                else
                {
                    w.WriteStartObject("payload");
                    w.WriteString("url", url);
                    w.WriteEndObject();
                }

                break;
            case ZaloAction.QueryShowType or ZaloAction.QueryHideType:
                w.WriteString("payload", ZaloText.Required(action.Query, path + ".Query", ZaloMenuLimits.MaxQueryLength, string.Empty));
                break;
            case ZaloAction.OpenSmsType:
                w.WriteStartObject("payload");
                w.WriteString("content", ZaloText.Required(action.SmsContent, path + ".SmsContent", ZaloMenuLimits.MaxSmsLength, string.Empty));
                w.WriteString("phone_code", Phone(action.PhoneCode, path));
                w.WriteEndObject();
                break;
            case ZaloAction.OpenPhoneType:
                w.WriteStartObject("payload");
                w.WriteString("phone_code", Phone(action.PhoneCode, path));
                w.WriteEndObject();
                break;
            default:
                throw ZaloText.Invalid($"{path} has the action type \"{action.Type}\", which menus do not support.", path);
        }
    }

    private static string Phone(string? phoneCode, string path)
    {
        if (string.IsNullOrWhiteSpace(phoneCode) || !phoneCode.All(c => char.IsAsciiDigit(c) || c == '+'))
        {
            throw ZaloText.Invalid($"{path}.PhoneCode \"{phoneCode}\" is not a phone number; give digits such as 84912345678 or 113.", path + ".PhoneCode");
        }

        return phoneCode;
    }

    private static void WriteRecipient(Utf8JsonWriter w, string userId)
    {
        w.WriteStartObject("recipient");
        w.WriteString("user_id", userId);
        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
