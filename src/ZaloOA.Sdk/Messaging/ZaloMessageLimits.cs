namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// Zalo's limits on consultation messages, buttons, lists, menus and group chats, declared once: the SDK checks
/// every message against them before sending, and the menu router and applications use the same
/// numbers to cut or split what they send. Lengths count characters after NFC normalisation.
/// </summary>
/// <remarks>Sources (api-reference.md §3.3): at most 5 buttons on ordinary messages (PHP SDK
/// <c>MAX_ELEMENT=5</c>), 4 on transaction and promotion templates; button titles at most 100
/// characters (35 on those templates) [S]; message text at most 2,000 [S].</remarks>
public static class ZaloMessageLimits
{
    /// <summary>Longest message text (<c>message.text</c>) or caption. [S]</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Most buttons under a consultation message or a list.</summary>
    public const int MaxButtons = 5;

    /// <summary>Longest button title on a consultation message. [S]</summary>
    public const int MaxButtonTitleLength = 100;

    /// <summary>Longest query of <c>oa.query.show</c>/<c>oa.query.hide</c>; it comes back as the follower's text.</summary>
    public const int MaxQueryLength = 1000;

    /// <summary>Longest SMS text of <c>oa.open.sms</c>.</summary>
    public const int MaxSmsContentLength = 160;

    /// <summary>Most rows (elements) in a list.</summary>
    public const int MaxListElements = 5;

    /// <summary>Longest list row title.</summary>
    public const int MaxListElementTitleLength = 100;

    /// <summary>Longest list row subtitle.</summary>
    public const int MaxListElementSubtitleLength = 500;

    /// <summary>Longest title of a request-user-info message. [S]</summary>
    public const int MaxRequestUserInfoTitleLength = 100;

    /// <summary>Longest subtitle of a request-user-info message. [S]</summary>
    public const int MaxRequestUserInfoSubtitleLength = 500;

    /// <summary>Most buttons on a transaction or promotion template. [S]</summary>
    public const int MaxTemplateButtons = 4;

    /// <summary>Longest button title on a transaction or promotion template. [S]</summary>
    public const int MaxTemplateButtonTitleLength = 35;

    /// <summary>Longest auto-query syntax (<c>#tintuc</c>) the OA admin accepts for a menu item
    /// (oa.zalo.me → Quản lý → Thiết lập tự động/truy vấn) [S]. Keep menu-router queries within it.</summary>
    public const int MaxAdminQueryLength = 40;

    /// <summary>Most members a group chat (GMF) is created with; larger groups are filled by
    /// invitation. Messages posted into a group follow the consultation limits above. [S]</summary>
    public const int MaxGroupInitialMembers = 99;
}
