using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Menus;

/// <summary>
/// A menu sent as an in-chat message: a short text and up to five items, each a title and the
/// <see cref="ZaloAction"/> a tap triggers. Send it as buttons
/// (<see cref="MenusClient.SendButtonsAsync"/>) or as a list (<see cref="MenusClient.SendListAsync"/>).
/// </summary>
/// <remarks>
/// Use query actions (<see cref="ZaloAction.QueryShow"/>, <see cref="ZaloAction.QueryHide"/>)
/// with the same queries as the OA's admin menu (<c>#tintuc</c>, <c>#thutuc</c>, <c>#lienhe</c>):
/// a tap comes back as a <c>user_send_text</c> webhook whose text is the query, and
/// <see cref="ZaloMenuRouter"/> routes both the same way.
/// </remarks>
public sealed class ZaloMenu
{
    /// <summary>The text above the buttons (required for buttons, optional for a list):
    /// 1 to <see cref="ZaloMenuLimits.MaxTextLength"/> characters.</summary>
    public string? Text { get; init; }

    /// <summary>The items: 1 to <see cref="ZaloMenuLimits.MaxItems"/>.</summary>
    public required IReadOnlyList<ZaloMenuItem> Items { get; init; }

    /// <summary>Buttons under a list (list style only), at most <see cref="ZaloMenuLimits.MaxItems"/>.</summary>
    public IReadOnlyList<ZaloButton>? ListButtons { get; init; }
}

/// <summary>One menu item: its title, what a tap does, and (list style) a subtitle and image.</summary>
/// <param name="Title">The label: 1 to <see cref="ZaloMenuLimits.MaxTitleLength"/> characters.</param>
/// <param name="Action">What a tap does.</param>
public sealed record ZaloMenuItem(string Title, ZaloAction Action)
{
    /// <summary>The subtitle under the title (list style; Zalo requires it on the first element [S]).</summary>
    public string? Subtitle { get; init; }

    /// <summary>The element's image (list style): 500×320 for the first, 50×50 for the others.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The item as a button.</summary>
    public ZaloButton ToButton() => new(Title, Action);

    /// <summary>A menu item from a button.</summary>
    public static implicit operator ZaloMenuItem(ZaloButton button)
    {
        ArgumentNullException.ThrowIfNull(button);
        return new ZaloMenuItem(button.Title, button.Action);
    }

    /// <summary>A menu item from a button (the named alternative to the implicit conversion).</summary>
    public static ZaloMenuItem FromZaloButton(ZaloButton button) => button;
}

/// <summary>
/// The limits menus are checked against before sending. Sources: ≤5 buttons on ordinary messages
/// (PHP SDK <c>MAX_ELEMENT=5</c>), button titles ≤100 [S], query payloads ≤1,000, SMS text ≤160,
/// message text ≤2,000 [S]; lengths count characters after NFC normalisation.
/// </summary>
public static class ZaloMenuLimits
{
    /// <summary>Most buttons or list elements in one message.</summary>
    public const int MaxItems = 5;

    /// <summary>Longest item title.</summary>
    public const int MaxTitleLength = 100;

    /// <summary>Longest query payload of <c>oa.query.show</c>/<c>oa.query.hide</c>.</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>Longest SMS content of <c>oa.open.sms</c>.</summary>
    public const int MaxSmsLength = 160;

    /// <summary>Longest message text.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Longest auto-query syntax (<c>#tintuc</c>) the OA admin accepts for a menu item
    /// (oa.zalo.me → Quản lý → Thiết lập tự động/truy vấn) [S]. Keep router queries within it.</summary>
    public const int MaxAdminQueryLength = 40;
}
