using System.Linq.Expressions;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Deadlines;

/// <summary>Where an open case stands against its deadlines.</summary>
public enum DeadlineState
{
    /// <summary>Closed, or no deadline near.</summary>
    None,

    /// <summary>A deadline falls within its warning period.</summary>
    DueSoon,

    /// <summary>The first reply or the handling deadline has passed.</summary>
    Late,
}

/// <summary>
/// The deadline rules, defined once for every reader (the inbox, statistics, the API): as
/// expressions the database evaluates (so filters and counts scale) and as the same rule in memory
/// for a row already loaded. Deadlines are stamped on the case (<see cref="CaseClock"/>), so the
/// rules compare columns with "now" and need no per-field arithmetic in SQL.
/// <list type="bullet">
/// <item><b>Late</b> (the inbox): open, and the first reply is overdue (none sent and its deadline
/// passed) or the handling deadline passed.</item>
/// <item><b>Due soon</b>: open, not late, and a deadline falls within its warning period
/// (<see cref="DeadlineOptions.FirstReplyWarning"/>, <see cref="DeadlineOptions.HandlingWarning"/>).</item>
/// <item><b>Missed first reply / missed handling</b> (statistics, any case): the deadline came
/// before the reply (or the closing, or now when neither came).</item>
/// </list>
/// </summary>
public static class DeadlineRules
{
    /// <summary>Open cases past a deadline now.</summary>
    public static Expression<Func<CitizenCase, bool>> IsLate(DateTimeOffset now) => c =>
        c.ClosedAt == null && ((c.FirstResponseAt == null && c.FirstReplyDueAt < now) || c.HandlingDueAt < now);

    /// <summary>Open cases not late with a deadline inside its warning period.</summary>
    public static Expression<Func<CitizenCase, bool>> IsDueSoon(DateTimeOffset now, DeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var firstReplyHorizon = now + options.FirstReplyWarning;
        var handlingHorizon = now + options.HandlingWarning;
        return c => c.ClosedAt == null
            && !((c.FirstResponseAt == null && c.FirstReplyDueAt < now) || c.HandlingDueAt < now)
            && ((c.FirstResponseAt == null && c.FirstReplyDueAt < firstReplyHorizon) || c.HandlingDueAt < handlingHorizon);
    }

    /// <summary>Cases whose first reply came after its deadline, or has not come and the deadline passed.</summary>
    public static Expression<Func<CitizenCase, bool>> MissedFirstReply(DateTimeOffset now) => c =>
        c.FirstReplyDueAt < (c.FirstResponseAt ?? c.ClosedAt ?? now);

    /// <summary>Cases closed after their handling deadline, or still open past it.</summary>
    public static Expression<Func<CitizenCase, bool>> MissedHandling(DateTimeOffset now) => c =>
        c.HandlingDueAt < (c.ClosedAt ?? now);

    /// <summary>The same rule as <see cref="IsLate"/> and <see cref="IsDueSoon"/> for a loaded row.</summary>
    public static DeadlineState StateOf(CaseDeadlines c, DateTimeOffset now, DeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(options);
        if (c.ClosedAt is not null)
        {
            return DeadlineState.None;
        }

        var firstReplyOpen = c.FirstResponseAt is null;
        if ((firstReplyOpen && c.FirstReplyDueAt < now) || c.HandlingDueAt < now)
        {
            return DeadlineState.Late;
        }

        return (firstReplyOpen && c.FirstReplyDueAt < now + options.FirstReplyWarning) || c.HandlingDueAt < now + options.HandlingWarning
            ? DeadlineState.DueSoon
            : DeadlineState.None;
    }

    /// <summary>The deadline an officer works to next: the first reply until one is sent, then closing
    /// (<see cref="CaseClock"/> stores it as <see cref="CitizenCase.NextDueAt"/> for the inbox's order).</summary>
    public static DateTimeOffset? NextDue(CaseDeadlines c) =>
        c is null || c.ClosedAt is not null ? null : c.FirstResponseAt is null ? c.FirstReplyDueAt : c.HandlingDueAt;
}

/// <summary>A case's deadline columns, as a list row carries them.</summary>
public sealed record CaseDeadlines(DateTimeOffset? FirstReplyDueAt, DateTimeOffset? HandlingDueAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ClosedAt);
