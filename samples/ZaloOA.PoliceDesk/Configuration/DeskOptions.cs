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

    /// <summary>The local Zalo emulator used when no <see cref="AppId"/> is configured.</summary>
    public DeskEmulatorOptions Emulator { get; set; } = new();

    /// <summary>True when an app id is configured (so the desk can talk to Zalo).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId);
}

/// <summary>The <c>Zalo:Emulator</c> section: the in-process Zalo emulator of emulator mode.</summary>
public sealed class DeskEmulatorOptions
{
    /// <summary>Start the emulator when no <c>Zalo:AppId</c> is configured (default true). Without
    /// an app id and without the emulator the desk cannot reach citizens and refuses to start.</summary>
    public bool Enabled { get; set; } = true;

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
