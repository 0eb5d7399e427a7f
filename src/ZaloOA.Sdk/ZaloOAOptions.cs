using System.ComponentModel.DataAnnotations;

namespace ZaloOA.Sdk;

/// <summary>
/// Settings for one Zalo app and the Official Accounts it serves. Bind from the <c>Zalo</c>
/// configuration section (<c>Zalo:AppId</c>, <c>Zalo__SecretKey</c>, ...). Validated at start-up.
/// </summary>
public sealed class ZaloOAOptions
{
    /// <summary>The configuration section name the SDK binds by default: <c>Zalo</c>.</summary>
    public const string SectionName = "Zalo";

    /// <summary>The Zalo app id (developers.zalo.me → your app). Required.</summary>
    [Required(ErrorMessage = "Zalo:AppId is required: the app id from developers.zalo.me.")]
    public string AppId { get; set; } = string.Empty;

    /// <summary>The app secret key, sent as the <c>secret_key</c> header to the OAuth token
    /// endpoint. Required to exchange codes and refresh tokens.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The OA secret key from the app's Webhook settings, used to verify webhook
    /// signatures. Not the app secret. Without it every webhook is rejected (fail closed).</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>OA Open API base address. Default <c>https://openapi.zalo.me/</c>.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://openapi.zalo.me/");

    /// <summary>OAuth base address. Default <c>https://oauth.zaloapp.com/</c>.</summary>
    [Required]
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.zaloapp.com/");

    /// <summary>ZNS/ZBS template message base address. Default <c>https://business.openapi.zalo.me/</c>.</summary>
    [Required]
    public Uri BusinessApiBaseUrl { get; set; } = new("https://business.openapi.zalo.me/");

    /// <summary>How long before the access token's expiry the SDK refreshes it. Zalo's OA tokens
    /// live 25 hours; the default refreshes one hour early.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Timeout of one HTTP attempt. Default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Total time for a call including retries. Default 90 seconds.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many times an idempotent read is retried on a transient failure. Sends and
    /// token refreshes are never retried. Default 3.</summary>
    [Range(0, 10)]
    public int MaxReadRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered back-off between read retries (when Zalo
    /// sends no Retry-After). Internal: tests shorten it.</summary>
    internal TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The per-OA circuit breaker (<c>Zalo:CircuitBreaker</c>): one OA whose calls keep
    /// failing fails fast without slowing the others. On by default; see
    /// <see cref="ZaloCircuitBreakerOptions"/> for the thresholds.</summary>
    [Microsoft.Extensions.Options.ValidateObjectMembers]
    public ZaloCircuitBreakerOptions CircuitBreaker { get; } = new();

    /// <summary>The period over which <see cref="MaxRequestsPerSecondPerOA"/> tokens are
    /// replenished. Internal: tests lengthen it so a saturated OA stays saturated.</summary>
    internal TimeSpan RateLimitPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the authorization URL carries a PKCE <c>code_challenge</c>. On by default;
    /// Zalo accepts flows without it too.</summary>
    public bool UsePkce { get; set; } = true;

    /// <summary>Optional client-side limit of requests per second per Official Account, so one
    /// busy OA cannot exhaust the app-wide Zalo limit. Null (the default) means no limit.</summary>
    [Range(1, 10_000)]
    public int? MaxRequestsPerSecondPerOA { get; set; }

    /// <summary>When true, every OA API call carries <c>appsecret_proof</c>
    /// (HMAC-SHA256 of the access token keyed by the app secret). Off by default.</summary>
    public bool UseAppSecretProof { get; set; }

    /// <summary>Official Accounts to seed from configuration (scripted set-ups): each with its OA
    /// id and a refresh token. Tokens already in the token store win over these.</summary>
    public IList<ZaloAccountOptions> Accounts { get; } = [];
}

/// <summary>One Official Account configured by its refresh token (for scripted set-ups).</summary>
public sealed class ZaloAccountOptions
{
    /// <summary>The Official Account id.</summary>
    public string OaId { get; set; } = string.Empty;

    /// <summary>A refresh token for the OA (from the consent flow or Zalo's API Explorer).</summary>
    public string? RefreshToken { get; set; }
}
