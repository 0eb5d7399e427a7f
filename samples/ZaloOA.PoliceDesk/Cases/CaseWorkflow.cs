using System.Collections.Frozen;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>What a status change needs besides the new status.</summary>
public enum StatusRequirement
{
    /// <summary>Nothing more.</summary>
    None,

    /// <summary>A reason (kept on the case and in the audit entry).</summary>
    Reason,

    /// <summary>The number of the case it duplicates: one the officer can read, of the same
    /// citizen on the same OA.</summary>
    DuplicateOf,
}

/// <summary>
/// The ONE table of the case workflow: which status an officer may set from which, which of them
/// close the case (stamp <see cref="CitizenCase.ClosedAt"/>), what each needs, and what the desk's
/// own events (assignment, a sent reply, the citizen writing again, a transfer) do to the status.
/// The case page, <see cref="CaseDesk"/> and the JSON API all read it; nothing else decides.
/// </summary>
public static class CaseWorkflow
{
    private static readonly CaseStatus[] ClosingStatuses =
        [CaseStatus.Resolved, CaseStatus.NotOurJurisdiction, CaseStatus.Rejected, CaseStatus.Duplicate];

    // new → in progress → answered → closed, with the other closings from any open status, and
    // reopening (back to in progress) from any closed one. "Transferred" is set by a transfer only.
    private static readonly FrozenDictionary<CaseStatus, CaseStatus[]> Next = new Dictionary<CaseStatus, CaseStatus[]>
    {
        [CaseStatus.New] = [CaseStatus.InProgress, CaseStatus.Answered, CaseStatus.NotOurJurisdiction, CaseStatus.Rejected, CaseStatus.Duplicate],
        [CaseStatus.Transferred] = [CaseStatus.InProgress, CaseStatus.Answered, CaseStatus.NotOurJurisdiction, CaseStatus.Rejected, CaseStatus.Duplicate],
        [CaseStatus.InProgress] = [CaseStatus.Answered, CaseStatus.Resolved, CaseStatus.NotOurJurisdiction, CaseStatus.Rejected, CaseStatus.Duplicate],
        [CaseStatus.Answered] = [CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Duplicate],
        [CaseStatus.Resolved] = [CaseStatus.InProgress],
        [CaseStatus.NotOurJurisdiction] = [CaseStatus.InProgress],
        [CaseStatus.Rejected] = [CaseStatus.InProgress],
        [CaseStatus.Duplicate] = [CaseStatus.InProgress],
    }.ToFrozenDictionary();

    /// <summary>Statuses that close a case.</summary>
    public static IReadOnlyList<CaseStatus> Closing => ClosingStatuses;

    /// <summary>Whether <paramref name="status"/> closes the case.</summary>
    public static bool IsClosed(CaseStatus status) => ClosingStatuses.Contains(status);

    /// <summary>The statuses an officer may set next, in the order the page offers them.</summary>
    public static IReadOnlyList<CaseStatus> NextStatuses(CaseStatus from) =>
        Next.TryGetValue(from, out var next) ? next : [];

    /// <summary>Whether an officer may move a case from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool Allows(CaseStatus from, CaseStatus to) => NextStatuses(from).Contains(to);

    /// <summary>Whether moving from <paramref name="from"/> to <paramref name="to"/> reopens a closed case
    /// (refused while the citizen has another open case on the same OA).</summary>
    public static bool Reopens(CaseStatus from, CaseStatus to) => IsClosed(from) && !IsClosed(to);

    /// <summary>What setting <paramref name="to"/> needs.</summary>
    public static StatusRequirement Requires(CaseStatus to) => to switch
    {
        CaseStatus.NotOurJurisdiction or CaseStatus.Rejected => StatusRequirement.Reason,
        CaseStatus.Duplicate => StatusRequirement.DuplicateOf,
        _ => StatusRequirement.None,
    };

    /// <summary>An open case can be transferred; a closed one must be reopened first.</summary>
    public static bool CanTransfer(CaseStatus from) => !IsClosed(from);

    /// <summary>The status after a transfer: waiting for the receiving unit to pick it up.</summary>
    public const CaseStatus AfterTransfer = CaseStatus.Transferred;

    /// <summary>Assigning an officer, or the first reply reaching the citizen, picks up a new or
    /// transferred case.</summary>
    public static CaseStatus AfterPickedUp(CaseStatus status) =>
        status is CaseStatus.New or CaseStatus.Transferred ? CaseStatus.InProgress : status;

    /// <summary>The citizen writing again to an answered case puts it back in progress.</summary>
    public static CaseStatus AfterCitizenMessage(CaseStatus status) =>
        status == CaseStatus.Answered ? CaseStatus.InProgress : status;
}
