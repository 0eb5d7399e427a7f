using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Deadlines;

/// <summary>A province's targets for one field, set by its administrators; a field without a row
/// uses <see cref="DeadlineOptions"/>.</summary>
public sealed class DeadlineTarget
{
    /// <summary>Longest target (a year), so a typo cannot overflow the clock.</summary>
    public const int MaxMinutes = 366 * 24 * 60;

    public int Id { get; set; }

    /// <summary>The province: a root unit of the hierarchy.</summary>
    public int ProvinceUnitId { get; set; }

    public CaseCategory Category { get; set; }

    /// <summary>First officer reply, in minutes from the citizen's first message.</summary>
    public int FirstReplyMinutes { get; set; }

    /// <summary>Closing the case, in minutes from the citizen's first message.</summary>
    public int HandlingMinutes { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
