using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>
/// A message to a citizen as the outbox stores it: the SDK's message types are built to be sent,
/// not read back, so this is their stored form (text, buttons, a list, the request-information
/// form, or one of the desk's own files to upload at send time). <see cref="From"/> and <see cref="ToMessage"/> convert.
/// </summary>
public sealed record OutboundContent
{
    /// <summary>The text, or the caption of an image.</summary>
    public string? Text { get; init; }

    /// <summary>Buttons under the text, or under a list.</summary>
    public IReadOnlyList<OutboundButton>? Buttons { get; init; }

    /// <summary>The rows of a list template.</summary>
    public IReadOnlyList<OutboundListRow>? Rows { get; init; }

    /// <summary>One of the desk's stored files, uploaded to Zalo when sent.</summary>
    public OutboundFile? File { get; init; }

    /// <summary>Zalo's request-information form (the answer comes back as <c>user_submit_info</c>).</summary>
    public OutboundRequestInfo? RequestInfo { get; init; }

    /// <summary>The stored form of an SDK message the desk sends (text, buttons, list).</summary>
    public static OutboundContent From(ZaloMessage message) => message switch
    {
        ZaloTextMessage text => new() { Text = text.Text },
        ZaloButtonsMessage buttons => new() { Text = buttons.Text, Buttons = [.. buttons.Buttons.Select(OutboundButton.From)] },
        ZaloListMessage list => new()
        {
            Text = list.Text,
            Rows = [.. list.Elements.Select(e => new OutboundListRow(e.Title, e.Subtitle, e.ImageUrl, e.DefaultAction is null ? null : OutboundAction.From(e.DefaultAction)))],
            Buttons = list.Buttons.Count == 0 ? null : [.. list.Buttons.Select(OutboundButton.From)],
        },
        ZaloRequestUserInfoMessage request => new() { RequestInfo = new OutboundRequestInfo(request.Title, request.Subtitle, request.ImageUrl) },
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new NotSupportedException($"The outbox does not store {message.GetType().Name}; add it to {nameof(OutboundContent)}."),
    };

    /// <summary>The SDK message; <paramref name="uploaded"/> is Zalo's id of <see cref="File"/>
    /// once uploaded (an image's <c>attachment_id</c> or a file's token).</summary>
    public ZaloMessage ToMessage(string? uploaded = null)
    {
        if (File is { } file)
        {
            ArgumentException.ThrowIfNullOrEmpty(uploaded);
            return file.IsImage
                ? ZaloImageMessage.FromAttachment(uploaded, string.IsNullOrWhiteSpace(Text) ? null : Text)
                : new ZaloFileMessage(uploaded);
        }

        if (RequestInfo is { } request)
        {
            return new ZaloRequestUserInfoMessage(request.Title, request.Subtitle, request.ImageUrl);
        }

        if (Rows is { Count: > 0 } rows)
        {
            return new ZaloListMessage(
                [.. rows.Select(r => new ZaloListElement(r.Title, r.Subtitle, r.ImageUrl, r.DefaultAction?.ToAction()))],
                Buttons is null ? null : [.. Buttons.Select(b => b.ToButton())]) { Text = Text };
        }

        return Buttons is { Count: > 0 } buttons
            ? new ZaloButtonsMessage(Text ?? "", [.. buttons.Select(b => b.ToButton())])
            : new ZaloTextMessage(Text ?? "");
    }

    /// <summary>The JSON stored in <see cref="OutboxMessage.Content"/>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, OutboxJsonContext.Default.OutboundContent);

    /// <summary>Reads <see cref="OutboxMessage.Content"/>.</summary>
    public static OutboundContent Parse(string json) =>
        JsonSerializer.Deserialize(json, OutboxJsonContext.Default.OutboundContent)
        ?? throw new JsonException("An outbox row has empty content.");
}

/// <summary>A button: its title and what a tap does.</summary>
public sealed record OutboundButton(string Title, OutboundAction Action)
{
    internal static OutboundButton From(ZaloButton button) => new(button.Title, OutboundAction.From(button.Action));

    internal ZaloButton ToButton() => new(Title, Action.ToAction());
}

/// <summary>A list row (an article card).</summary>
public sealed record OutboundListRow(string Title, string? Subtitle, string? ImageUrl, OutboundAction? DefaultAction);

/// <summary>A <see cref="ZaloAction"/> as stored.</summary>
public sealed record OutboundAction(string Type, string? Url = null, string? Query = null, string? PhoneCode = null, string? SmsContent = null)
{
    internal static OutboundAction From(ZaloAction action) => new(action.Type, action.Url, action.Query, action.PhoneCode, action.SmsContent);

    internal ZaloAction ToAction() => Type switch
    {
        ZaloAction.OpenUrlType => ZaloAction.OpenUrl(Url!),
        ZaloAction.QueryShowType => ZaloAction.QueryShow(Query!),
        ZaloAction.QueryHideType => ZaloAction.QueryHide(Query!),
        ZaloAction.OpenPhoneType => ZaloAction.OpenPhone(PhoneCode!),
        ZaloAction.OpenSmsType => ZaloAction.OpenSms(PhoneCode!, SmsContent!),
        _ => throw new JsonException($"Unknown stored action type '{Type}'."),
    };
}

/// <summary>The request-information form: its title, subtitle and optional picture.</summary>
public sealed record OutboundRequestInfo(string Title, string Subtitle, string? ImageUrl);

/// <summary>A file the desk stored (<c>MediaStorage</c>) to send as an image or a file.</summary>
public sealed record OutboundFile(string StoredPath, string FileName, string ContentType, bool IsImage);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OutboundContent))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
