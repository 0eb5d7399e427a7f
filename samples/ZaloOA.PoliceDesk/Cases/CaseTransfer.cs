using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>One hand-over of a case between units. The units a case passed through keep reading it
/// (see <see cref="Access.CaseAccess.ReadableCases"/>), and the case page lists these as its progress.</summary>
public sealed class CaseTransfer
{
    /// <summary>Longest reason.</summary>
    public const int MaxReasonLength = 1000;

    public int Id { get; set; }

    public int CaseId { get; set; }

    /// <summary>The unit that handed the case over.</summary>
    public int FromUnitId { get; set; }

    public Unit FromUnit { get; set; } = null!;

    /// <summary>The unit that received it.</summary>
    public int ToUnitId { get; set; }

    public Unit ToUnit { get; set; } = null!;

    public int ByStaffId { get; set; }

    public StaffUser ByStaff { get; set; } = null!;

    public DateTimeOffset At { get; set; }

    public string? Reason { get; set; }
}
