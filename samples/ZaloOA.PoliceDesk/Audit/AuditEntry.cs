namespace ZaloOA.PoliceDesk.Audit;

/// <summary>Who did what, when. Every desk action writes one.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Null for the system (intake, background workers).</summary>
    public int? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>A stable action code, see <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    public int? CaseId { get; set; }

    public int? UnitId { get; set; }

    /// <summary>What changed, without message text or citizens' personal data.</summary>
    public string? Detail { get; set; }
}

/// <summary>Audit action codes.</summary>
public static class AuditActions
{
    public const string CaseOpened = "case.opened";
    public const string MessageReceived = "message.received";
    public const string Acknowledged = "ack.sent";
    public const string AcknowledgementWindowClosed = "ack.window_closed";
    public const string AcknowledgementFailed = "ack.failed";
    public const string ReplyQueued = "reply.queued";
    public const string ReplyRetried = "reply.retried";
    public const string Replied = "reply.sent";
    public const string ReplyWindowClosed = "reply.window_closed";
    public const string ReplyFailed = "reply.failed";
    public const string NoteAdded = "note.added";
    public const string Assigned = "case.assigned";
    public const string StatusChanged = "case.status";
    public const string CategoryChanged = "case.category";
    public const string Transferred = "case.transferred";
    public const string SignedIn = "staff.signed_in";
    public const string SignInFailed = "staff.sign_in_failed";
    public const string OaLinked = "unit.oa_linked";
    public const string OaLinkRefused = "unit.oa_link_refused";
}
