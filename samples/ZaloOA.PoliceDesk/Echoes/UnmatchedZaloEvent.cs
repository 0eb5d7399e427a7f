namespace ZaloOA.PoliceDesk.Echoes;

/// <summary>
/// An echo, receipt or reaction from Zalo about a conversation or message the desk does not know
/// (an OA Manager message to someone who never wrote to the desk, a receipt for a message sent
/// before the desk was installed). Zalo is answered 2xx and the event is kept here, one row per
/// message id, for administrators on the Operations page, until
/// <see cref="Live.LiveOptions.UnmatchedRetention"/> has passed.
/// </summary>
public sealed class UnmatchedZaloEvent
{
    public int Id { get; set; }

    /// <summary>Zalo's event name, e.g. <c>oa_send_text</c>, <c>user_seen_message</c>.</summary>
    public string EventName { get; set; } = "";

    /// <summary>The OA of the conversation.</summary>
    public string OaId { get; set; } = "";

    /// <summary>The citizen's Zalo user id at that OA.</summary>
    public string CitizenUserId { get; set; } = "";

    /// <summary>The message the event is about (the echoed message, the one read or reacted to).</summary>
    public string ZaloMsgId { get; set; } = "";

    /// <summary>The echoed text (clipped) or the reaction icon; null for receipts.</summary>
    public string? Detail { get; set; }

    /// <summary>The event's own time (Zalo's timestamp).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When the desk received it (retention runs from here).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
