namespace ZaloOA.PoliceDesk.Domain;

/// <summary>Where a case stands. Stored by name (new members go at the end; the order is not meaning).
/// Which status may follow which, and what each needs, is in one table: <see cref="Cases.CaseWorkflow"/>.</summary>
public enum CaseStatus
{
    /// <summary>mới: received, nobody has acted yet.</summary>
    New,
    /// <summary>đang xử lý: an officer is handling it.</summary>
    InProgress,
    /// <summary>đã chuyển: handed to another unit, which has not picked it up yet.</summary>
    Transferred,
    /// <summary>đã giải quyết: closed. A later message from the citizen opens a new case.</summary>
    Resolved,
    /// <summary>đã trả lời: the unit answered the citizen; waiting to be closed (a new message
    /// from the citizen puts it back in progress).</summary>
    Answered,
    /// <summary>không thuộc thẩm quyền: closed, the matter belongs to another authority (reason required).</summary>
    NotOurJurisdiction,
    /// <summary>từ chối / tin rác: closed as abusive, spam or not a report (reason required).</summary>
    Rejected,
    /// <summary>trùng, đã gộp: closed as a duplicate of another open or closed case of the same
    /// citizen (<see cref="CitizenCase.MergedIntoCaseId"/>).</summary>
    Duplicate,
}

/// <summary>The report categories of the issue. Stored by name.</summary>
public enum CaseCategory
{
    /// <summary>an ninh trật tự</summary>
    PublicOrder,
    /// <summary>trật tự an toàn giao thông</summary>
    TrafficSafety,
    /// <summary>tội phạm, vi phạm pháp luật</summary>
    CrimeAndViolations,
    /// <summary>gương người tốt, việc tốt</summary>
    GoodDeeds,
    /// <summary>thủ tục hành chính</summary>
    AdministrativeProcedures,
    /// <summary>khác</summary>
    Other,
}

/// <summary>What a citizen (or the desk) sent.</summary>
public enum MessageKind
{
    Text,
    Image,
    Video,
    Audio,
    File,
    Location,
    Link,
    Sticker,
}

/// <summary>Who sent a message.</summary>
public enum MessageDirection
{
    /// <summary>From the citizen to the unit's OA.</summary>
    Inbound,
    /// <summary>From the desk to the citizen.</summary>
    Outbound,
}

/// <summary>What happened to a message the desk sent.</summary>
public enum DeliveryStatus
{
    /// <summary>Queued; the background sender has not sent it yet.</summary>
    Pending,
    /// <summary>Zalo accepted it.</summary>
    Sent,
    /// <summary>Zalo refused it with -230: the citizen has not interacted in the past 7 days.</summary>
    WindowClosed,
    /// <summary>Not delivered (retries exhausted or a permanent error).</summary>
    Failed,
}

/// <summary>State of a stored copy of a citizen's media.</summary>
public enum MediaStatus
{
    /// <summary>Waiting for the download worker.</summary>
    Pending,
    /// <summary>Our own copy is on disk.</summary>
    Stored,
    /// <summary>Could not be downloaded (Zalo URL expired, retries exhausted, or the source refused).</summary>
    Failed,
    /// <summary>Erased with the case's personal data (retention or a citizen's request).</summary>
    Purged,
}

/// <summary>Staff roles.</summary>
public enum StaffRole
{
    /// <summary>Cán bộ đơn vị: sees and acts on the cases of their own unit only.</summary>
    UnitOfficer,
    /// <summary>Quản trị: sees and acts on every unit in the subtree of their unit (provincial
    /// administrator when their unit is the province).</summary>
    Administrator,
}
