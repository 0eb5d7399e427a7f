namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// What happens when a follower taps a button, a list element or a menu item. Create one with the
/// factory methods; each maps to one of Zalo's action types and its payload shape.
/// </summary>
/// <remarks>
/// Wire forms: in a button the payload sits under <c>payload</c>
/// (<c>{"title","type":"oa.open.url","payload":{"url":"…"}}</c>); in a list element's
/// <c>default_action</c> the URL is flat (<c>{"type":"oa.open.url","url":"…"}</c>). URLs are sent
/// percent-encoded (spaces, Vietnamese characters). A tap on a query action comes back to the
/// webhook as a <c>user_send_text</c> whose text is the query.
/// </remarks>
public sealed class ZaloAction
{
    /// <summary><c>oa.open.url</c>: open a web page.</summary>
    public const string OpenUrlType = "oa.open.url";

    /// <summary><c>oa.query.show</c>: send the query back as a message the follower sees.</summary>
    public const string QueryShowType = "oa.query.show";

    /// <summary><c>oa.query.hide</c>: send the query back without showing it to the follower.</summary>
    public const string QueryHideType = "oa.query.hide";

    /// <summary><c>oa.open.sms</c>: open the SMS composer with a number and text.</summary>
    public const string OpenSmsType = "oa.open.sms";

    /// <summary><c>oa.open.phone</c>: call a number.</summary>
    public const string OpenPhoneType = "oa.open.phone";

    private ZaloAction(string type, string? url = null, string? query = null, string? phoneCode = null, string? smsContent = null)
    {
        Type = type;
        Url = url;
        Query = query;
        PhoneCode = phoneCode;
        SmsContent = smsContent;
    }

    /// <summary>The Zalo action type, one of the <c>*Type</c> constants.</summary>
    public string Type { get; }

    /// <summary>The page to open (<see cref="OpenUrlType"/>).</summary>
    public string? Url { get; }

    /// <summary>The query text sent back (<see cref="QueryShowType"/>, <see cref="QueryHideType"/>).</summary>
    public string? Query { get; }

    /// <summary>The phone number, e.g. <c>84912345678</c> or a hotline such as <c>113</c>
    /// (<see cref="OpenPhoneType"/>, <see cref="OpenSmsType"/>).</summary>
    public string? PhoneCode { get; }

    /// <summary>The SMS text (<see cref="OpenSmsType"/>, at most <see cref="ZaloMessageLimits.MaxSmsContentLength"/> characters).</summary>
    public string? SmsContent { get; }

    /// <summary>Opens <paramref name="url"/> (absolute http or https).</summary>
    public static ZaloAction OpenUrl(string url) => new(OpenUrlType, url: url);

    /// <summary>Sends <paramref name="query"/> back as a visible message (at most <see cref="ZaloMessageLimits.MaxQueryLength"/> characters).</summary>
    public static ZaloAction QueryShow(string query) => new(QueryShowType, query: query);

    /// <summary>Sends <paramref name="query"/> back without showing it (at most <see cref="ZaloMessageLimits.MaxQueryLength"/> characters).</summary>
    public static ZaloAction QueryHide(string query) => new(QueryHideType, query: query);

    /// <summary>Calls <paramref name="phoneCode"/>.</summary>
    public static ZaloAction OpenPhone(string phoneCode) => new(OpenPhoneType, phoneCode: phoneCode);

    /// <summary>Opens an SMS to <paramref name="phoneCode"/> with <paramref name="content"/>.</summary>
    public static ZaloAction OpenSms(string phoneCode, string content) => new(OpenSmsType, phoneCode: phoneCode, smsContent: content);

    /// <summary>Describes the action.</summary>
    public override string ToString() => Type + " " + (Url ?? Query ?? PhoneCode);
}

/// <summary>
/// A button: a title and the action a tap triggers. The one model of a button, for consultation
/// messages, lists, transaction and promotion templates and the persistent menu.
/// </summary>
/// <param name="Title">The button's label: at most <see cref="ZaloMessageLimits.MaxButtonTitleLength"/>
/// characters (<see cref="ZaloMessageLimits.MaxTemplateButtonTitleLength"/> on templates).</param>
/// <param name="Action">What a tap does.</param>
public sealed record ZaloButton(string Title, ZaloAction Action)
{
    /// <summary>The icon of a transaction or promotion template button (<c>image_icon</c>): a URL or
    /// an attachment id; null or empty for Zalo's default icon. Other messages have no button icons,
    /// so a button that sets one is refused there rather than sent without it.</summary>
    public string? ImageIcon { get; init; }
}
