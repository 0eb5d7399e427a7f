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

    /// <summary>The client's address (after the trusted proxies' forwarded headers); null for the system.</summary>
    public string? RemoteAddress { get; set; }
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
    public const string SignInLocked = "staff.sign_in_locked";
    public const string StaffUpdated = "staff.updated";
    public const string OaLinked = "unit.oa_linked";
    public const string OaLinkRefused = "unit.oa_link_refused";

    // Reads: who looked at a citizen's data.
    public const string CaseViewed = "case.viewed";
    public const string MediaViewed = "media.viewed";
    public const string ApiCasesListed = "api.cases_listed";
    public const string ApiCaseRead = "api.case_read";

    // Privacy: a citizen's data exported or erased on request, retention runs.
    public const string CitizenExported = "citizen.exported";
    public const string CitizenErased = "citizen.erased";
    public const string RetentionRun = "retention.run";

    /// <summary>Sign-in attempts, for the audit page's filter.</summary>
    public static readonly IReadOnlyList<string> SignIns = [SignedIn, SignInFailed, SignInLocked];

    /// <summary>Reads and exports of citizens' data, for the audit page's filter.</summary>
    public static readonly IReadOnlyList<string> Reads = [CaseViewed, MediaViewed, ApiCasesListed, ApiCaseRead, CitizenExported];
}
