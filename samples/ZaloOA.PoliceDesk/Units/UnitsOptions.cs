namespace ZaloOA.PoliceDesk.Units;

/// <summary>The unit hierarchy at start-up (section <c>Desk:Units</c>).</summary>
public sealed class UnitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Desk:Units";

    /// <summary>
    /// A hierarchy file (<c>.csv</c> or <c>.json</c>, relative to the content root or absolute)
    /// imported at every start: units are updated by code and created when missing, nothing is
    /// deleted. A file with a bad row stops the start with the validation report.
    /// </summary>
    public string? ImportFile { get; set; }

    /// <summary>The sample an empty database is seeded with when no <see cref="ImportFile"/> is
    /// set. Default <see cref="HierarchySample.TraVinh2021"/>.</summary>
    public HierarchySample Sample { get; set; } = HierarchySample.TraVinh2021;

    /// <summary>
    /// The unit selects (inbox filter, statistics, transfer, templates) list every unit of a scope
    /// of at most this many units; a larger scope is picked a level at a time (a province, then
    /// its communes). Default <see cref="UnitPicker.DefaultListLimit"/>.
    /// </summary>
    public int PickerListLimit { get; set; } = UnitPicker.DefaultListLimit;
}
