using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Menus;

public partial class MenusClient
{
    /// <summary>
    /// Sends <paramref name="menu"/> as a consultation message with buttons
    /// (<c>POST /v3.0/oa/message/cs</c>): the text, then one button per item — the same message as
    /// <see cref="MessagesClient.SendButtonsAsync"/>. Subject to the consultation window (the
    /// follower wrote within 7 days, else <c>-230</c>).
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="menu">The menu; <see cref="ZaloMenu.Text"/> is required.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message id (and quota) Zalo answered with.</returns>
    /// <exception cref="ZaloValidationException">The menu breaks a limit (see <see cref="ZaloMenuLimits"/>);
    /// the parameter name is the menu's property path, e.g. <c>menu.Items[0].Title</c>.</exception>
    public virtual Task<ZaloSendResult> SendButtonsAsync(string userId, ZaloMenu menu, CancellationToken cancellationToken = default) =>
        Messages.SendAsync(CheckUser(userId), ToButtonsMessage(menu), cancellationToken);

    /// <summary>
    /// Sends <paramref name="menu"/> as a list template (<c>template_type: list</c>) — the same
    /// message as <see cref="MessagesClient.SendListAsync"/>: one element per item with its
    /// subtitle and image, the item's action as the element's <c>default_action</c>,
    /// <see cref="ZaloMenu.ListButtons"/> under the list, and <see cref="ZaloMenu.Text"/> (optional)
    /// as the message text.
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="menu">The menu; the first item needs a <see cref="ZaloMenuItem.Subtitle"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message id (and quota) Zalo answered with.</returns>
    /// <remarks>Zalo documents the list template only for the v2 message endpoint; that it works on
    /// <c>/v3.0/oa/message/cs</c> is [U]. Prefer <see cref="SendButtonsAsync"/> when in doubt.</remarks>
    /// <exception cref="ZaloValidationException">The menu breaks a limit (see <see cref="ZaloMenuLimits"/>).</exception>
    public virtual Task<ZaloSendResult> SendListAsync(string userId, ZaloMenu menu, CancellationToken cancellationToken = default) =>
        Messages.SendAsync(CheckUser(userId), ToListMessage(menu), cancellationToken);

    /// <summary>
    /// Sets the OA's persistent bottom menu through the <b>undocumented</b> <c>/v2.0/oa/menu</c>
    /// call (a constant in the Java SDK that nothing uses; no public contract, no observed
    /// success) with <c>{"menu":[{"title","type","payload"}…]}</c>. Off unless
    /// <paramref name="options"/>.<see cref="ZaloUndocumentedMenuOptions.Enabled"/> is true.
    /// The supported way is the OA admin: oa.zalo.me → Quản lý → Thanh menu.
    /// </summary>
    /// <param name="menu">The items (1 to 5).</param>
    /// <param name="options">The explicit opt-in.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The call was not explicitly enabled.</exception>
    [Experimental("ZALO002")]
    public virtual Task SetPersistentMenuAsync(ZaloMenu menu, ZaloUndocumentedMenuOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            throw new InvalidOperationException(
                "Setting the OA menu through the API is undocumented: Zalo publishes no menu endpoint, and /v2.0/oa/menu is a guess that may fail or change. " +
                "Configure the menu at oa.zalo.me → Quản lý → Thanh menu instead, or set ZaloUndocumentedMenuOptions.Enabled = true to try the call anyway.");
        }

        var buttons = ToButtons(menu);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("menu");
            foreach (var button in buttons)
            {
                ZaloActionWire.WriteButton(w, button);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Connection.SendAsync(OaId, ZaloApiRequest.PostJsonBytes("menus.set_persistent", options.Path, buffer.WrittenSpan.ToArray()), cancellationToken);
    }

    // The checks below only name failures in the caller's terms (menu.Items[0].Title rather than
    // message.attachment.payload.buttons[0].title); the JSON is written by the messaging types.
    private static string CheckUser(string userId) => ZaloGuard.Required(userId, nameof(userId));

    private static ZaloButtonsMessage ToButtonsMessage(ZaloMenu menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        var text = ZaloGuard.Text(menu.Text, "menu.Text", ZaloMenuLimits.MaxTextLength, required: true)!;
        return new ZaloButtonsMessage(text, ToButtons(menu));
    }

    private static ZaloListMessage ToListMessage(ZaloMenu menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        var text = ZaloGuard.Text(menu.Text, "menu.Text", ZaloMenuLimits.MaxTextLength, required: false);
        var items = Items(menu);
        var elements = new ZaloListElement[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"menu.Items[{i}]";

            // Zalo's list template needs a subtitle on its first element; later ones are optional.
            var subtitle = string.IsNullOrWhiteSpace(item.Subtitle) && i > 0
                ? null
                : ZaloGuard.Text(item.Subtitle, path + ".Subtitle", ZaloListMessage.MaxElementSubtitleLength, required: true);
            elements[i] = new ZaloListElement(
                Title(item.Title, path),
                subtitle,
                item.ImageUrl is null ? null : ZaloGuard.HttpUrl(item.ImageUrl, path + ".ImageUrl"),
                ZaloActionWire.Validate(item.Action, path + ".Action", modelNames: true));
        }

        var listButtons = ZaloGuard.Count(menu.ListButtons, "menu.ListButtons", 0, ZaloMenuLimits.MaxItems);
        var buttons = new ZaloButton[listButtons.Count];
        for (var i = 0; i < buttons.Length; i++)
        {
            var path = $"menu.ListButtons[{i}]";
            var button = listButtons[i] ?? throw ZaloGuard.Invalid($"{path} is null.", path);
            buttons[i] = new ZaloButton(Title(button.Title, path), ZaloActionWire.Validate(button.Action, path + ".Action", modelNames: true));
        }

        return new ZaloListMessage(elements, buttons) { Text = text };
    }

    private static ZaloButton[] ToButtons(ZaloMenu menu)
    {
        ArgumentNullException.ThrowIfNull(menu);
        var items = Items(menu);
        var buttons = new ZaloButton[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"menu.Items[{i}]";
            buttons[i] = new ZaloButton(Title(items[i].Title, path), ZaloActionWire.Validate(items[i].Action, path + ".Action", modelNames: true));
        }

        return buttons;
    }

    private static IReadOnlyList<ZaloMenuItem> Items(ZaloMenu menu)
    {
        var items = ZaloGuard.Count(menu.Items, "menu.Items", 1, ZaloMenuLimits.MaxItems);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw ZaloGuard.Invalid($"menu.Items[{i}] is null; give a title and an action.", $"menu.Items[{i}]");
            }
        }

        return items;
    }

    private static string Title(string title, string path) =>
        ZaloGuard.Text(title, path + ".Title", ZaloMenuLimits.MaxTitleLength, required: true)!;
}

/// <summary>Opt-in for <see cref="MenusClient.SetPersistentMenuAsync"/>, the undocumented menu call.</summary>
[Experimental("ZALO002")]
public sealed class ZaloUndocumentedMenuOptions
{
    /// <summary>Must be true to send the call. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>The path tried, relative to the API host. Default <c>v2.0/oa/menu</c>.</summary>
    public string Path { get; init; } = "v2.0/oa/menu";
}
