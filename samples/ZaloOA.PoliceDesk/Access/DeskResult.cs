namespace ZaloOA.PoliceDesk.Access;

/// <summary>Outcome of a desk action (cases, news), as the pages act on it.</summary>
public enum DeskOutcome
{
    Ok,
    /// <summary>The thing is outside the user's scope: answer 404.</summary>
    NotFound,
    /// <summary>The user may see it but not do this: answer 403.</summary>
    Forbidden,
    /// <summary>Bad input; <see cref="DeskResult.Message"/> says what to change.</summary>
    Invalid,
    /// <summary>Zalo refused or could not be reached; <see cref="DeskResult.Message"/> says why,
    /// and nothing the user entered was lost.</summary>
    Failed,
}

/// <summary>Result of a desk action, with a Vietnamese message for the page.</summary>
public sealed record DeskResult(DeskOutcome Outcome, string? Message = null)
{
    public static readonly DeskResult Ok = new(DeskOutcome.Ok);
    public static readonly DeskResult NotFound = new(DeskOutcome.NotFound);

    /// <summary>True for <see cref="DeskOutcome.Ok"/>.</summary>
    public bool Succeeded => Outcome == DeskOutcome.Ok;

    public static DeskResult Done(string message) => new(DeskOutcome.Ok, message);

    public static DeskResult Forbidden(string message) => new(DeskOutcome.Forbidden, message);

    public static DeskResult Invalid(string message) => new(DeskOutcome.Invalid, message);

    public static DeskResult Failed(string message) => new(DeskOutcome.Failed, message);

    /// <summary>A success carrying <paramref name="value"/>.</summary>
    public static DeskResult<T> Of<T>(T value) => new(DeskOutcome.Ok, value);

    /// <summary>This outcome (a failure) for an action that would have made a <typeparamref name="T"/>.</summary>
    public DeskResult<T> As<T>() => new(Outcome, default, Message);
}

/// <summary>A <see cref="DeskResult"/> that also carries what the action made (a saved draft, an image id, a page).</summary>
public sealed record DeskResult<T>(DeskOutcome Outcome, T? Value = default, string? Message = null)
{
    /// <summary>True for <see cref="DeskOutcome.Ok"/>; <see cref="Value"/> is set then.</summary>
    public bool Succeeded => Outcome == DeskOutcome.Ok;
}
