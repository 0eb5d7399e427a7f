using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Statistics;

/// <summary>
/// The settled figures of the cases one unit received in one field on one Vietnam day, kept by
/// <see cref="StatisticsAggregator"/>. Every column is a count, so any set of days, units and fields
/// sums to the figures of its cases. "Settled" misses are those a reply or the closing already
/// decided; the ones that depend on "now" (an open case past its deadline) are counted live.
/// </summary>
public sealed class CaseDayFigures
{
    /// <summary>The Vietnam day the cases were received (<see cref="CitizenCase.CreatedAt"/>).</summary>
    public DateOnly Day { get; set; }

    /// <summary>The unit handling the cases now.</summary>
    public int UnitId { get; set; }

    /// <summary>The cases' field.</summary>
    public CaseCategory Category { get; set; }

    /// <summary>Cases received.</summary>
    public int Cases { get; set; }

    /// <summary>Of those, with an officer's reply.</summary>
    public int Answered { get; set; }

    /// <summary>Of those, closed.</summary>
    public int Closed { get; set; }

    /// <summary>Replied (or closed without a reply) after the first-reply deadline.</summary>
    public int MissedFirstReply { get; set; }

    /// <summary>Closed after the handling deadline.</summary>
    public int MissedHandling { get; set; }
}

/// <summary>Which duration a <see cref="CaseDayDuration"/> row counts.</summary>
public enum DurationMeasure
{
    /// <summary>First message to first reply.</summary>
    FirstReply,

    /// <summary>First message to closing.</summary>
    Handling,
}

/// <summary>One bucket of a duration histogram (<see cref="CaseStatistics.DurationEdges"/>) of the
/// cases of one day, unit and field: buckets add up across days and units, medians do not.</summary>
public sealed class CaseDayDuration
{
    /// <summary>The Vietnam day the cases were received.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The unit handling the cases now.</summary>
    public int UnitId { get; set; }

    /// <summary>The cases' field.</summary>
    public CaseCategory Category { get; set; }

    /// <summary>The duration counted.</summary>
    public DurationMeasure Measure { get; set; }

    /// <summary>Index into <see cref="CaseStatistics.DurationEdges"/> (the last bucket is open).</summary>
    public int Bucket { get; set; }

    /// <summary>Cases in the bucket.</summary>
    public int Count { get; set; }
}

/// <summary>A Vietnam day whose figures must be rebuilt: written in the same transaction as the case
/// change that moved a case between figures (<see cref="StatisticsChangeMarker"/>).</summary>
public sealed class StatisticsDayChange
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The day to rebuild.</summary>
    public DateOnly Day { get; set; }
}

/// <summary>The one row that says how fresh the figures are and which instance builds them.</summary>
public sealed class StatisticsState
{
    /// <summary>Always <see cref="SingleId"/>.</summary>
    public int Id { get; set; }

    /// <summary>The id of the single row.</summary>
    public const int SingleId = 1;

    /// <summary>Every case change committed before this time is in the figures; null until the first build finished.</summary>
    public DateTimeOffset? FreshAt { get; set; }

    /// <summary>Whether the days of the cases that existed before the table did were queued for the first build.</summary>
    public bool Initialized { get; set; }

    /// <summary>The instance building now, until <see cref="LeaseUntil"/>.</summary>
    public Guid? LeaseOwner { get; set; }

    /// <summary>End of the current builder's lease.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
