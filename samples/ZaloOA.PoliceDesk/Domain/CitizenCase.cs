using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Domain;

/// <summary>One matter raised by one citizen through a unit's Official Account.</summary>
public sealed class CitizenCase
{
    public int Id { get; set; }

    /// <summary>Case number shown to the citizen, e.g. <c>TV-2026-000123</c>.</summary>
    public string Number { get; set; } = "";

    /// <summary>The unit currently responsible (changes on transfer).</summary>
    public int UnitId { get; set; }

    public Unit Unit { get; set; } = null!;

    /// <summary>The unit whose OA received the first message.</summary>
    public int OriginUnitId { get; set; }

    /// <summary>The OA the conversation runs on. Zalo user ids are per OA, so replies always go
    /// through this OA, even after a transfer.</summary>
    public string OaId { get; set; } = "";

    /// <summary>The citizen's Zalo user id at <see cref="OaId"/>.</summary>
    public string CitizenUserId { get; set; } = "";

    public CaseCategory Category { get; set; }

    /// <summary>True once staff picked the category; keyword matching no longer changes it.</summary>
    public bool CategorySetByStaff { get; set; }

    /// <summary>Longest <see cref="StatusReason"/>.</summary>
    public const int MaxStatusReasonLength = 1000;

    /// <summary>Set only through <see cref="Cases.CaseWorkflow"/>'s rules (<see cref="Cases.CaseDesk"/>).</summary>
    public CaseStatus Status { get; set; }

    /// <summary>Why the case was closed as not our jurisdiction, rejected or a duplicate; cleared on reopening.</summary>
    public string? StatusReason { get; set; }

    /// <summary>The case this one duplicates (status <see cref="CaseStatus.Duplicate"/>).</summary>
    public int? MergedIntoCaseId { get; set; }

    public int? AssignedToId { get; set; }

    public StaffUser? AssignedTo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>When the citizen last wrote; the consultation window runs from here.</summary>
    public DateTimeOffset LastInboundAt { get; set; }

    /// <summary>When staff first answered (automatic acknowledgements do not count).</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }

    /// <summary>Set when resolved; an open case has none.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The start of the first text, for the inbox.</summary>
    public string? Summary { get; set; }

    /// <summary>When the citizen's personal data (texts, media, notes, Zalo user id) was erased, by
    /// retention or on request; the case's numbers and dates stay for statistics.</summary>
    public DateTimeOffset? AnonymizedAt { get; set; }

    /// <summary>The folded words of every message's text (<see cref="Cases.CaseSearchText"/> appends them
    /// on save, never set by hand): the one column the inbox's text search reads.</summary>
    public string? SearchText { get; set; }

    // The case's clock (Deadlines/CaseClock): stamped on save, never set by hand.

    /// <summary>When the citizen's first message arrived; deadlines and the first-reply time run from here.</summary>
    public DateTimeOffset? FirstMessageAt { get; set; }

    /// <summary>When the first officer reply is due (the field's target in the case's province).</summary>
    public DateTimeOffset? FirstReplyDueAt { get; set; }

    /// <summary>When the case is due to be closed.</summary>
    public DateTimeOffset? HandlingDueAt { get; set; }

    /// <summary>The deadline an officer works to next (<see cref="Deadlines.DeadlineRules.NextDue"/>): the
    /// first reply until one is sent, then closing; null once closed. Stored so "deadline first"
    /// is an index scan instead of a sort of every visible case.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    /// <summary>Seconds from the first message to the first officer reply sent, once there is one.</summary>
    public int? FirstReplySeconds { get; set; }

    /// <summary>Seconds from the first message to closing, while closed.</summary>
    public int? HandlingSeconds { get; set; }

    public List<CaseMessage> Messages { get; set; } = [];

    public List<CaseNote> Notes { get; set; } = [];

    /// <summary>The hand-overs between units, oldest first.</summary>
    public List<Cases.CaseTransfer> Transfers { get; set; } = [];
}

/// <summary>One message of a case's conversation, either direction.</summary>
public sealed class CaseMessage
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public CitizenCase Case { get; set; } = null!;

    public MessageDirection Direction { get; set; }

    public MessageKind Kind { get; set; }

    /// <summary>Zalo's <c>msg_id</c> of an inbound message; unique, so a redelivery is a no-op.</summary>
    public string? ZaloMsgId { get; set; }

    public string? Text { get; set; }

    /// <summary>Lower-case text without diacritics, for search.</summary>
    public string? SearchText { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>A shared link (kind <see cref="MessageKind.Link"/>).</summary>
    public string? LinkUrl { get; set; }

    /// <summary>Received (inbound) or created (outbound).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The staff member who sent an outbound message; null for automatic ones.</summary>
    public int? SentById { get; set; }

    public StaffUser? SentBy { get; set; }

    public bool IsAutomatic { get; set; }

    public DeliveryStatus? Delivery { get; set; }

    public string? DeliveryError { get; set; }

    /// <summary>Zalo's <c>message_id</c> of a sent outbound message (the desk's own or one echoed
    /// from Zalo's tools); unique among echoes, so an echo or its redelivery is recorded once.</summary>
    public string? OutboundZaloMessageId { get; set; }

    /// <summary>An outbound message an officer sent from Zalo's own tools (the OA Manager app or web
    /// page), which the desk learnt from Zalo's <c>oa_send_*</c> echo.</summary>
    public bool FromZaloTools { get; set; }

    /// <summary>When Zalo reported the outbound message delivered to the citizen's phone (<c>user_received_message</c>).</summary>
    public DateTimeOffset? ReceivedByCitizenAt { get; set; }

    /// <summary>When Zalo reported the citizen read the outbound message (<c>user_seen_message</c>).</summary>
    public DateTimeOffset? SeenByCitizenAt { get; set; }

    /// <summary>The citizen's reaction to an outbound message (<c>user_reacted_message</c>'s icon code).</summary>
    public string? CitizenReaction { get; set; }

    /// <summary>The OA's reaction to the citizen's message (<c>oa_reacted_message</c>'s icon code).</summary>
    public string? OaReaction { get; set; }

    public List<MediaFile> Media { get; set; } = [];
}

/// <summary>An internal note; never sent to the citizen.</summary>
public sealed class CaseNote
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public int AuthorId { get; set; }

    public StaffUser Author { get; set; } = null!;

    public string Text { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Per prefix and year, the last case number handed out.</summary>
public sealed class CaseNumberCounter
{
    /// <summary>E.g. <c>TV-2026</c>.</summary>
    public string Key { get; set; } = "";

    public int LastValue { get; set; }
}
