using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Deadlines;

/// <summary>
/// Default response targets (section <c>Desk:Deadlines</c>). A province's administrators override
/// them per field on the Thời hạn page (<see cref="DeadlineTarget"/>). The defaults are
/// illustrative, not a regulation: set your unit's own.
/// </summary>
public sealed class DeadlineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Desk:Deadlines";

    /// <summary>First officer reply, from the citizen's first message. Default 4 hours.</summary>
    public TimeSpan FirstReply { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Closing the case, from the citizen's first message. Default 7 days.</summary>
    public TimeSpan Handling { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Per-field defaults (<c>Desk:Deadlines:Categories:CrimeAndViolations:FirstReply</c>);
    /// a field not listed uses <see cref="FirstReply"/> and <see cref="Handling"/>.</summary>
    public Dictionary<CaseCategory, DeadlineTargetOptions> Categories { get; set; } = [];

    /// <summary>A first reply is "due soon" this long before it is due. Default 1 hour.</summary>
    public TimeSpan FirstReplyWarning { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Handling is "due soon" this long before it is due. Default 1 day.</summary>
    public TimeSpan HandlingWarning { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The configured default for a field.</summary>
    public (TimeSpan FirstReply, TimeSpan Handling) DefaultFor(CaseCategory category) =>
        Categories.TryGetValue(category, out var c) ? (c.FirstReply ?? FirstReply, c.Handling ?? Handling) : (FirstReply, Handling);
}

/// <summary>One field's default targets.</summary>
public sealed class DeadlineTargetOptions
{
    /// <summary>First reply; unset: <see cref="DeadlineOptions.FirstReply"/>.</summary>
    public TimeSpan? FirstReply { get; set; }

    /// <summary>Handling; unset: <see cref="DeadlineOptions.Handling"/>.</summary>
    public TimeSpan? Handling { get; set; }
}
