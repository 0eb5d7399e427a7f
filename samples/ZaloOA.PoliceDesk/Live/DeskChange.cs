using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Live;

/// <summary>
/// One change to a case (a message in or out, a delivery or read mark, a status, a transfer),
/// appended in the same transaction as the change by <see cref="DeskChangeRecorder"/>. Its id is the
/// cursor live views follow (the SSE event id), on every instance: the database, not an
/// instance's memory, says what changed. Rows are kept for <see cref="LiveOptions.ChangeRetention"/>.
/// </summary>
public sealed class DeskChange
{
    /// <summary>The cursor: grows with every change.</summary>
    public long Id { get; set; }

    /// <summary>The case that changed. Who may hear of it is decided when it is read, by the
    /// reader's access to this case at that moment.</summary>
    public int CaseId { get; set; }

    /// <summary>The case (for the recorder to link a case that has no id yet).</summary>
    public CitizenCase? Case { get; set; }

    /// <summary>What changed: <see cref="DeskChangeKinds"/>.</summary>
    public string Kind { get; set; } = DeskChangeKinds.Update;

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; set; }
}

/// <summary>The kinds of <see cref="DeskChange"/>, which are also the SSE event names.</summary>
public static class DeskChangeKinds
{
    /// <summary>A citizen wrote (a new report or a reply): the title badge counts these.</summary>
    public const string Report = "report";

    /// <summary>Anything else on the case (an answer, a delivery or read mark, a reaction, a status).</summary>
    public const string Update = "update";
}
