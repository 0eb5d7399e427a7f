using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Groups;

/// <summary>
/// A Zalo group chat (GMF) a unit uses, e.g. with its neighbourhood security teams: one of the
/// groups its OA manages, chosen by the unit. Warnings are broadcast only to linked groups.
/// </summary>
public sealed class UnitGroupLink
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public Unit Unit { get; set; } = null!;

    /// <summary>The OA the group was linked through (the unit's OA at the time): a link made
    /// through an OA the unit no longer uses is kept but not sent to.</summary>
    public string OaId { get; set; } = "";

    /// <summary>Zalo's group id.</summary>
    public string GroupId { get; set; } = "";

    /// <summary>The group's name as Zalo gave it when linked.</summary>
    public string Name { get; set; } = "";

    public DateTimeOffset LinkedAt { get; set; }

    public int LinkedById { get; set; }
}
