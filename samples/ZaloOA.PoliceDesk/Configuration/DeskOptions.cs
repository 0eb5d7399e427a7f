namespace ZaloOA.PoliceDesk.Configuration;

/// <summary>Desk settings (configuration section <c>Desk</c>).</summary>
public sealed class DeskOptions
{
    public const string SectionName = "Desk";

    /// <summary>Case numbers look like <c>{prefix}-{year}-{000123}</c>. Default <c>TV</c> (Trà Vinh).</summary>
    public string CaseNumberPrefix { get; set; } = "TV";

    /// <summary>Where stored media copies live. Empty: <c>App_Data/media</c> under the content root.</summary>
    public string? MediaPath { get; set; }

    /// <summary>Create the documented demo accounts (<c>admin.tinh</c>, <c>canbo.*</c>) when the
    /// database has no staff. On in Development only (appsettings.Development.json).</summary>
    public bool SeedDemoUsers { get; set; }

    /// <summary>An administrator created at the province when no staff exist yet (production
    /// first start). Leave empty to create none.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Background workers (media download, acknowledgement sender).</summary>
    public WorkerOptions Workers { get; set; } = new();

    /// <summary>Largest media file downloaded from Zalo. Default 50 MB.</summary>
    public long MaxMediaBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// The hosts citizens' media may be downloaded from: a name matches itself and its subdomains.
    /// Empty: <see cref="DefaultMediaHosts"/> (Zalo's CDN). Emulator mode adds the emulator's own
    /// address. Anything else is refused and recorded on the media row.
    /// </summary>
    public List<string> MediaHosts { get; set; } = [];

    /// <summary>Zalo's media CDN domains (attachment URLs seen in Zalo's webhooks are on these).</summary>
    public static IReadOnlyList<string> DefaultMediaHosts { get; } = ["zadn.vn", "zdn.vn"];

    /// <summary>Sign-in throttling and lockout.</summary>
    public SignInOptions SignIn { get; set; } = new();

    /// <summary>How often a signed-in session is checked against the staff record on an instance
    /// that did not make the change (the instance making it applies it at once). Default 1 minute.</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Retention of closed cases' personal data.</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>The reverse proxies whose <c>X-Forwarded-*</c> headers are believed.</summary>
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
}

/// <summary>Sign-in throttling (section <c>Desk:SignIn</c>). Failures are counted from the audit
/// log, so every instance sees the same counts.</summary>
public sealed class SignInOptions
{
    /// <summary>Failed attempts for one user name within <see cref="Window"/> before it is locked
    /// (known and unknown names alike). Default 5.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed attempts from one address within <see cref="Window"/> before that address
    /// may not sign in. Default 20.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>How far back failures count, which is also the longest a lockout lasts. Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Retention (section <c>Desk:Retention</c>): closed cases' personal data and media are
/// anonymised once they have been closed for <see cref="ClosedCaseMonths"/> months.</summary>
public sealed class RetentionOptions
{
    /// <summary>Months after closing; 0 (default) keeps everything.</summary>
    public int ClosedCaseMonths { get; set; }

    /// <summary>Only count and log what would be anonymised, change nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>Cases per transaction, so the inbox is never locked for long. Default 100.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How often the retention run starts. Default once a day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>True when a period is set.</summary>
    public bool IsEnabled => ClosedCaseMonths > 0;
}

/// <summary>Reverse proxies (section <c>Desk:ForwardedHeaders</c>). Only requests arriving from
/// these addresses may set the client address, scheme and host through <c>X-Forwarded-For</c>,
/// <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>. Loopback is always trusted.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are unwrapped. Default 1.</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>First administrator for a production database.</summary>
public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary>Background worker settings.</summary>
public sealed class WorkerOptions
{
    /// <summary>Run the workers. Tests switch them off and drive them by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a worker looks for due rows when nothing woke it. Default 15 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts before a media download or an acknowledgement is given up. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;
}

/// <summary>
/// The <c>Zalo</c> section as the desk reads it: the SDK's settings plus, per configured
/// account, the unit it belongs to (<c>Zalo__Accounts__0__UnitCode</c>; the province when absent).
/// The same section configures the SDK (<c>AddZaloOA</c>).
/// </summary>
public sealed class DeskZaloOptions
{
    public const string SectionName = "Zalo";

    public string? AppId { get; set; }

    public string? SecretKey { get; set; }

    public string? OaSecretKey { get; set; }

    public Uri? ApiBaseUrl { get; set; }

    public Uri? OAuthBaseUrl { get; set; }

    public Uri? BusinessApiBaseUrl { get; set; }

    public List<DeskZaloAccount> Accounts { get; set; } = [];

    /// <summary>Where the SDK keeps OA tokens when talking to the real Zalo (a JSON file written
    /// atomically; one process). Empty: <c>App_Data/zalo-tokens.json</c>. Keep it private: it holds tokens.</summary>
    public string? TokenFile { get; set; }

    /// <summary>The local Zalo emulator, used without an <see cref="AppId"/> in Development or when
    /// <c>Zalo:Emulator:Enabled</c> is true.</summary>
    public DeskEmulatorOptions Emulator { get; set; } = new();

    /// <summary>True when an app id is configured (so the desk can talk to Zalo).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId);
}

/// <summary>The <c>Zalo:Emulator</c> section: the in-process Zalo emulator of emulator mode.</summary>
public sealed class DeskEmulatorOptions
{
    /// <summary>
    /// Without a <c>Zalo:AppId</c>: true starts the emulator (outside Development with fresh random
    /// keys, never the public ones); false leaves the desk unable to reach citizens, so it refuses to
    /// start. Unset: the emulator in Development; anywhere else the desk refuses to start and says
    /// what to set.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>The emulator's loopback port; a free one when unset.</summary>
    public int? Port { get; set; }

    /// <summary>Where the emulator posts citizens' webhooks. Unset: this app's own
    /// <c>/zalo/webhook</c> on the first address it listens on.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Link every unit without an OA to its own emulated OA at start-up (default true).</summary>
    public bool LinkUnits { get; set; } = true;
}

/// <summary>One OA from configuration.</summary>
public sealed class DeskZaloAccount
{
    public string OaId { get; set; } = "";

    public string? RefreshToken { get; set; }

    /// <summary>The unit's code; the provincial (root) unit when absent.</summary>
    public string? UnitCode { get; set; }
}

/// <summary>Storage settings (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string. Empty with SQLite: <c>App_Data/policedesk.db</c>. Also read from
    /// <c>ConnectionStrings:PoliceDesk</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgreSql => string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "Npgsql", StringComparison.OrdinalIgnoreCase);
}
