using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk;

/// <summary>
/// Settings for one Zalo app and the Official Accounts it serves. Bind from the <c>Zalo</c>
/// configuration section (<c>Zalo:AppId</c>, <c>Zalo__SecretKey</c>, ...). Validated when the host
/// starts: every problem is reported at once, each naming the configuration key to set.
/// </summary>
public sealed class ZaloOAOptions : IValidatableObject
{
    private Uri _apiBaseUrl = new("https://openapi.zalo.me/");
    private Uri _oauthBaseUrl = new("https://oauth.zaloapp.com/");
    private Uri _businessApiBaseUrl = new("https://business.openapi.zalo.me/");

    /// <summary>The configuration section name the SDK binds by default: <c>Zalo</c>.</summary>
    public const string SectionName = "Zalo";

    /// <summary>The Zalo app id (developers.zalo.me → your app). Required.</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: set it to the numeric app id from developers.zalo.me.")]
    [ZaloNumericId(ErrorMessage = "{0} \"{1}\" must be the numeric app id from developers.zalo.me (digits only).")]
    public string AppId { get; set; } = string.Empty;

    /// <summary>The app secret key, sent as the <c>secret_key</c> header to the OAuth token
    /// endpoint. Required (checked at start-up) when tokens are refreshed from configured
    /// <see cref="Accounts"/> or the ASP.NET Core OAuth endpoints exchange codes; not needed
    /// otherwise (webhooks only, or tokens saved by another process).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The OA secret key from the app's Webhook settings, used to verify webhook
    /// signatures. Not the app secret. Without it every webhook is rejected (fail closed).</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>OA Open API base address, with or without a trailing slash (paths resolve under
    /// it either way). Default <c>https://openapi.zalo.me/</c>.</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: an absolute http(s) URL (default https://openapi.zalo.me/).")]
    [ZaloHttpUrl(ErrorMessage = "{0} \"{1}\" must be an absolute http(s) URL such as https://openapi.zalo.me/.")]
    public Uri ApiBaseUrl { get => _apiBaseUrl; set => _apiBaseUrl = ZaloOAOptionsRules.WithTrailingSlash(value); }

    /// <summary>OAuth base address, with or without a trailing slash. Default
    /// <c>https://oauth.zaloapp.com/</c>.</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: an absolute http(s) URL (default https://oauth.zaloapp.com/).")]
    [ZaloHttpUrl(ErrorMessage = "{0} \"{1}\" must be an absolute http(s) URL such as https://oauth.zaloapp.com/.")]
    public Uri OAuthBaseUrl { get => _oauthBaseUrl; set => _oauthBaseUrl = ZaloOAOptionsRules.WithTrailingSlash(value); }

    /// <summary>ZNS/ZBS template message base address, with or without a trailing slash. Default
    /// <c>https://business.openapi.zalo.me/</c>.</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: an absolute http(s) URL (default https://business.openapi.zalo.me/).")]
    [ZaloHttpUrl(ErrorMessage = "{0} \"{1}\" must be an absolute http(s) URL such as https://business.openapi.zalo.me/.")]
    public Uri BusinessApiBaseUrl { get => _businessApiBaseUrl; set => _businessApiBaseUrl = ZaloOAOptionsRules.WithTrailingSlash(value); }

    /// <summary>How long before the access token's expiry the SDK refreshes it at the latest, from
    /// 0 to 12 hours (each OA's refresh point is moved earlier still by its share of
    /// <see cref="RefreshSpread"/>). Zalo's OA tokens live 25 hours; the default refreshes at least
    /// one hour early.</summary>
    [ZaloTimeRange("00:00:00", "12:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:00 and 12:00:00 (default 01:00:00).")]
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far, at most, each OA's refresh point is moved earlier than
    /// <see cref="RefreshBeforeExpiry"/>, from 0 to 12 hours. Every OA gets its own fixed share of
    /// this window, derived from its OA id (the same on every instance), so OAs whose tokens
    /// expire together (linked in one morning) are refreshed spread over the window rather than in
    /// one burst against Zalo's app-wide limit. The default one hour refreshes a 25-hour token
    /// between one and two hours before it expires. Zero refreshes every OA exactly
    /// <see cref="RefreshBeforeExpiry"/> early. For a short-lived token both are scaled down so
    /// the lead never exceeds half its lifetime.</summary>
    [ZaloTimeRange("00:00:00", "12:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:00 and 12:00:00 (default 01:00:00).")]
    public TimeSpan RefreshSpread { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many token refreshes that are merely due (the access token still works) are
    /// started per second, 1 to 1,000; default 10. Beyond it, an OA's current token is served and
    /// its refresh tried again a second later, so a crowd of OAs falling due together (a restart
    /// after an outage, <see cref="RefreshSpread"/> set to zero) cannot flood Zalo's token
    /// endpoint. Expired or rejected tokens are refreshed regardless. Zalo publishes no limit for
    /// its token endpoint (its only figure seen, 4,000 requests a minute per app for the OA API, is
    /// unconfirmed). Counted by the registered <see cref="Authentication.IZaloTokenRefreshLimiter"/>:
    /// per process by default (N instances start at most N times as many); for the whole app,
    /// every instance together, with the Redis package's <c>UseRedis</c>.</summary>
    [ZaloRange(1, 1_000, ErrorMessage = "{0} is {1}; it must be between 1 and 1000 (default 10).")]
    public int MaxTokenRefreshesPerSecond { get; set; } = 10;

    /// <summary>Timeout of one HTTP attempt, from 1 second to 10 minutes. Default 30 seconds.</summary>
    [ZaloTimeRange("00:00:01", "00:10:00", ErrorMessage = "{0} is {1}; it must be between 00:00:01 and 00:10:00 (default 00:00:30).")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Total time for a call including retries, from 1 second to 30 minutes and at least
    /// <see cref="AttemptTimeout"/>. Default 90 seconds.</summary>
    [ZaloTimeRange("00:00:01", "00:30:00", ErrorMessage = "{0} is {1}; it must be between 00:00:01 and 00:30:00 (default 00:01:30).")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How many times an idempotent read is retried on a transient failure, 0 to 10.
    /// Sends and token refreshes are never retried. Default 3.</summary>
    [ZaloRange(0, 10, ErrorMessage = "{0} is {1}; it must be between 0 and 10 (default 3).")]
    public int MaxReadRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered back-off between read retries (when Zalo
    /// sends no Retry-After). Internal: tests shorten it.</summary>
    internal TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The per-OA circuit breaker (<c>Zalo:CircuitBreaker</c>): one OA whose calls keep
    /// failing fails fast without slowing the others. On by default; see
    /// <see cref="ZaloCircuitBreakerOptions"/> for the thresholds.</summary>
    [ValidateObjectMembers]
    public ZaloCircuitBreakerOptions CircuitBreaker { get; } = new();

    /// <summary>The period over which <see cref="MaxRequestsPerSecondPerOA"/> tokens are
    /// replenished. Internal: tests lengthen it so a saturated OA stays saturated.</summary>
    internal TimeSpan RateLimitPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether the authorization URL carries a PKCE <c>code_challenge</c>. On by default;
    /// Zalo accepts flows without it too.</summary>
    public bool UsePkce { get; set; } = true;

    /// <summary>Optional client-side limit of requests per second per Official Account (1 to
    /// 10,000), so one busy OA cannot exhaust the app-wide Zalo limit. Null (the default) means no
    /// limit.</summary>
    [ZaloRange(1, 10_000, ErrorMessage = "{0} is {1}; it must be between 1 and 10000 when set (unset means no limit).")]
    public int? MaxRequestsPerSecondPerOA { get; set; }

    /// <summary>When true, every OA API call carries <c>appsecret_proof</c>
    /// (HMAC-SHA256 of the access token keyed by the app secret). Off by default.</summary>
    public bool UseAppSecretProof { get; set; }

    /// <summary>Official Accounts to seed from configuration (scripted set-ups): each with its OA
    /// id and a refresh token. Tokens already in the token store win over these. Refresh tokens
    /// here make <see cref="SecretKey"/> required.</summary>
    [ValidateEnumeratedItems]
    public IList<ZaloAccountOptions> Accounts { get; } = [];

    /// <summary>The rules across settings (single settings carry attributes); run by the
    /// start-up validation, not meant to be called.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult($"Zalo:TotalTimeout ({TotalTimeout}) must be at least Zalo:AttemptTimeout ({AttemptTimeout}): raise Zalo:TotalTimeout or lower Zalo:AttemptTimeout.");
        }

        if (string.IsNullOrEmpty(SecretKey) && Accounts.Any(a => !string.IsNullOrEmpty(a.RefreshToken)))
        {
            yield return new ValidationResult("Zalo:SecretKey is required: Zalo:Accounts lists refresh tokens, and Zalo's token endpoint needs the app secret to use them. Set it to the app secret from developers.zalo.me (not the OA secret key).");
        }
    }
}

/// <summary>One Official Account configured by its refresh token (for scripted set-ups).</summary>
public sealed class ZaloAccountOptions
{
    /// <summary>The Official Account id (digits).</summary>
    [ZaloRequired(ErrorMessage = "{0} is required: the numeric id of the Official Account.")]
    [ZaloNumericId(ErrorMessage = "{0} \"{1}\" must be the numeric id of the Official Account (digits only).")]
    public string OaId { get; set; } = string.Empty;

    /// <summary>A refresh token for the OA (from the consent flow or Zalo's API Explorer).</summary>
    public string? RefreshToken { get; set; }
}
