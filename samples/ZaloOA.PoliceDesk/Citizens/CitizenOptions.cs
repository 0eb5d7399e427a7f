namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>Citizen profiles (configuration section <c>Desk:Citizens</c>).</summary>
public sealed class CitizenOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Desk:Citizens";

    /// <summary>How old a cached Zalo profile (name, avatar) may get before it is read again. Default 1 day.</summary>
    public TimeSpan ProfileRefresh { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Failed profile reads in a row before the desk waits a whole <see cref="ProfileRefresh"/>
    /// before trying again. Default 5 (back-off 30 s, 1, 2, 4 min in between).</summary>
    public int MaxProfileAttempts { get; set; } = 5;

    /// <summary>Largest avatar kept (Zalo's 120 px avatar is a few kilobytes). Default 64 KB.</summary>
    public int MaxAvatarBytes { get; set; } = 64 * 1024;

    /// <summary>The picture shown in the request-information message (an https URL, e.g. the unit's
    /// logo), or empty for none.</summary>
    public string? RequestInfoImageUrl { get; set; }
}
