using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Intake;

/// <summary>
/// A message a citizen sent to a unit's OA, as the webhook hands it to the desk
/// (<c>CitizenMessageHandler</c> maps the SDK's typed <c>user_send_*</c> events to this).
/// </summary>
public sealed record InboundCitizenMessage
{
    /// <summary>The OA that received it (the webhook's recipient id).</summary>
    public required string OaId { get; init; }

    /// <summary>The citizen's Zalo user id at that OA (the webhook's sender id).</summary>
    public required string CitizenUserId { get; init; }

    /// <summary>Zalo's <c>message.msg_id</c>; intake is idempotent on it.</summary>
    public required string MsgId { get; init; }

    public required MessageKind Kind { get; init; }

    /// <summary>The text, or the caption of an image.</summary>
    public string? Text { get; init; }

    /// <summary>Media to keep our own copy of (images, video, audio, files, stickers).</summary>
    public IReadOnlyList<InboundMedia> Media { get; init; } = [];

    public InboundLocation? Location { get; init; }

    /// <summary>A shared link.</summary>
    public string? LinkUrl { get; init; }

    /// <summary>When Zalo says the message was sent (the webhook's timestamp).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>One media attachment: the (expiring) Zalo URL and what is known about it.</summary>
public sealed record InboundMedia(string Url, string? FileName = null, string? ContentType = null, long? SizeBytes = null);

/// <summary>A shared location.</summary>
public sealed record InboundLocation(double Latitude, double Longitude);

/// <summary>What intake did with a message.</summary>
public enum IntakeOutcome
{
    /// <summary>A new case was opened for it.</summary>
    NewCase,
    /// <summary>It was added to the citizen's open case.</summary>
    AddedToOpenCase,
    /// <summary>It had been recorded before (a redelivery); nothing changed.</summary>
    Duplicate,
}

/// <summary>The result of <see cref="CaseIntakeService.RecordInboundAsync"/>.</summary>
public sealed record IntakeResult(IntakeOutcome Outcome, int CaseId, string CaseNumber, int MessageId);
