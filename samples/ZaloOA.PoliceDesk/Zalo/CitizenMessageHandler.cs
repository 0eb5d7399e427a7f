using System.Globalization;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Zalo;

/// <summary>
/// Every <c>user_send_*</c> event → <see cref="CaseIntakeService.RecordInboundAsync"/>. Runs inline in
/// the webhook request (see <see cref="PoliceDeskZaloExtensions"/>), so the message is committed
/// before Zalo gets its 200; an exception answers 500 and Zalo redelivers, which intake ignores once
/// recorded (keyed on <c>msg_id</c>).
/// </summary>
public sealed partial class CitizenMessageHandler(CaseIntakeService intake, ILogger<CitizenMessageHandler> logger) : IZaloWebhookHandler<UserMessageEvent>
{
    /// <inheritdoc />
    public async Task HandleAsync(UserMessageEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var message = ToInbound(webhookEvent);
        if (message is null)
        {
            // Without an OA, a sender or a message id there is nothing to file; a 500 would only make
            // Zalo redeliver the same unusable event.
            LogUnusable(logger, webhookEvent.EventName.Value);
            return;
        }

        await intake.RecordInboundAsync(message, cancellationToken);
    }

    /// <summary>Maps a typed Zalo event to the desk's intake record; null when it lacks ids.</summary>
    public static InboundCitizenMessage? ToInbound(UserMessageEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (string.IsNullOrWhiteSpace(e.OaId) || string.IsNullOrWhiteSpace(e.UserId) || string.IsNullOrWhiteSpace(e.MessageId))
        {
            return null;
        }

        var payload = e.FirstPayload;
        var text = string.IsNullOrWhiteSpace(e.Text) ? null : e.Text;
        InboundMedia? Media(string? contentType = null) =>
            string.IsNullOrWhiteSpace(payload?.Url) ? null : new InboundMedia(payload.Url, payload.Name, contentType, payload.SizeBytes);

        (MessageKind Kind, InboundMedia? Media, InboundLocation? Location, string? Link) mapped = e switch
        {
            UserSendImageEvent or UserSendGifEvent => (MessageKind.Image, Media(), null, null),
            UserSendStickerEvent => (MessageKind.Sticker, Media(), null, null),
            UserSendAudioEvent => (MessageKind.Audio, Media(), null, null),
            UserSendVideoEvent => (MessageKind.Video, Media(), null, null),
            UserSendFileEvent => (MessageKind.File, Media(), null, null),
            UserSendLinkEvent => (MessageKind.Link, null, null, payload?.Url),
            UserSendLocationEvent loc when loc.Coordinates is { LatitudeValue: { } lat, LongitudeValue: { } lon } =>
                (MessageKind.Location, null, new InboundLocation(lat, lon), null),
            UserSendLocationEvent => (MessageKind.Location, null, null, null),
            _ => (MessageKind.Text, null, null, null),
        };
        var (kind, media, location, link) = mapped;

        if (e is UserSendLinkEvent && text is null)
        {
            text = payload?.Title ?? payload?.Description;
        }
        else if (e is UserSendBusinessCardEvent or UserSendContactEvent)
        {
            // A shared contact card: keep the name and phone as text so staff can call back.
            var phone = payload?.BusinessCard?.Phone;
            text = string.Create(CultureInfo.InvariantCulture, $"[Danh thiếp] {text}{(phone is null ? "" : " – " + phone)}");
        }

        return new InboundCitizenMessage
        {
            OaId = e.OaId,
            CitizenUserId = e.UserId,
            MsgId = e.MessageId,
            Kind = kind,
            Text = text,
            Media = media is null ? [] : [media],
            Location = location,
            LinkUrl = link,
            ReceivedAt = e.Timestamp,
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a {EventName} event without OA, sender or message id.")]
    private static partial void LogUnusable(ILogger logger, string eventName);
}
