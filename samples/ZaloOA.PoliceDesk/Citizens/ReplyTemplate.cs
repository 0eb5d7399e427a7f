namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>
/// A quick reply an officer inserts into the reply box. A template belongs to a unit and is offered
/// on the cases of that unit and of every unit under it (a province's templates reach every unit of
/// the province). Placeholders (<see cref="ReplyTemplates.Placeholders"/>) are filled when the reply is sent.
/// </summary>
public sealed class ReplyTemplate
{
    public const int MaxTitleLength = 100;
    public const int MaxTextLength = 2000;

    public int Id { get; set; }

    /// <summary>The owning unit.</summary>
    public int UnitId { get; set; }

    /// <summary>Shown in the picker.</summary>
    public string Title { get; set; } = "";

    /// <summary>The reply text, with placeholders.</summary>
    public string Text { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who last saved it (display name).</summary>
    public string UpdatedBy { get; set; } = "";
}
