namespace ZaloOA.PoliceDesk.Live;

/// <summary>Live updates of the inbox and case pages (section <c>Desk:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Desk:Live";

    /// <summary>How often each instance looks for changes made by other instances (one cheap query
    /// per instance, whatever the number of open pages). This instance's own changes are pushed at
    /// once. Default 2 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A comment line keeps idle connections open through proxies. Default 25 seconds.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>A connection is closed after this long and the browser reconnects (with
    /// <c>Last-Event-ID</c>), so sign-out, deactivation and role changes reach live pages too. Default 5 minutes.</summary>
    public TimeSpan MaxConnectionAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Open live connections allowed per signed-in officer on one instance (one per tab). Default 8.</summary>
    public int MaxConnectionsPerUser { get; set; } = 8;

    /// <summary>How long change rows are kept (a page reconnecting later reloads its list). Default 1 day.</summary>
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long Zalo events the desk could not match are kept for administrators. Default 30 days.</summary>
    public TimeSpan UnmatchedRetention { get; set; } = TimeSpan.FromDays(30);
}
