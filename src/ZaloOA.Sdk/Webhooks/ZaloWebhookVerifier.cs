using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>Why a webhook did or did not verify.</summary>
public enum ZaloWebhookVerificationStatus
{
    /// <summary>The signature matches the body and (if a tolerance is set) the timestamp is fresh.</summary>
    Valid = 0,

    /// <summary>No <c>X-ZEvent-Signature</c> header.</summary>
    MissingHeader,

    /// <summary>The header is not <c>[mac=]</c> followed by 64 hex digits.</summary>
    MalformedHeader,

    /// <summary>The signature does not match the body.</summary>
    Mismatch,

    /// <summary>The signature matches but the timestamp is outside the tolerance, in the past (a
    /// replay or a very late redelivery) or the future (a wrong clock); answer 400.</summary>
    Stale,

    /// <summary>The body has no usable <c>timestamp</c> field, so no signature can be computed.</summary>
    MissingTimestamp,

    /// <summary>No OA secret key is configured: every webhook is rejected (fail closed).</summary>
    NoSecretConfigured,

    /// <summary>The body's <c>app_id</c> is not one of the configured apps.</summary>
    UnknownApp,

    /// <summary>The body is not a JSON object: malformed JSON, text that is not valid Unicode (invalid
    /// UTF-8, an escaped lone surrogate in a name or value the verifier reads), or nested too
    /// deeply. Refused before the signature is checked; answer 400.</summary>
    MalformedBody,
}

/// <summary>The outcome of verifying a webhook.</summary>
/// <param name="Status">Valid, or why not.</param>
/// <param name="AppId">The app id the body named (when it could be read).</param>
public readonly record struct ZaloWebhookVerificationResult(ZaloWebhookVerificationStatus Status, string? AppId)
{
    /// <summary>True only for <see cref="ZaloWebhookVerificationStatus.Valid"/>.</summary>
    public bool IsValid => Status == ZaloWebhookVerificationStatus.Valid;
}

/// <summary>
/// Verifies <c>X-ZEvent-Signature</c>: <c>[mac=]hex(SHA-256(appId + rawBody + timestamp + oaSecretKey))</c>
/// over the body bytes exactly as received, compared in constant time. Fails closed: no secret,
/// no header, an unknown app or an unreadable body never verify. Use the static
/// <c>VerifySignature</c> methods anywhere (queue consumers, functions), or inject this class
/// (registered by <c>AddWebhooks</c>) to use the configured apps, tolerance and clock;
/// <see cref="VerifyAndParse"/> also builds the typed event in the same pass.
/// </summary>
public class ZaloWebhookVerifier
{
    private readonly IOptionsMonitor<ZaloWebhookOptions> _options = null!;
    private readonly IOptionsMonitor<ZaloOAOptions> _zaloOptions = null!;
    private readonly TimeProvider _time = TimeProvider.System;
    private AppsSnapshot? _apps;

    /// <summary>For mocking only.</summary>
    protected ZaloWebhookVerifier()
    {
    }

    /// <summary>Creates the verifier over the configured apps.</summary>
    public ZaloWebhookVerifier(IOptionsMonitor<ZaloWebhookOptions> options, IOptionsMonitor<ZaloOAOptions> zaloOptions, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zaloOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _zaloOptions = zaloOptions;
        _time = timeProvider;
    }

    /// <summary>Verifies a webhook against the configured apps (the body's <c>app_id</c> picks the key).</summary>
    /// <param name="rawBody">The body bytes exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-ZEvent-Signature</c> value, or null when absent.</param>
    public virtual ZaloWebhookVerificationResult Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        var options = _options.CurrentValue;
        return VerifyCore(rawBody, signatureHeader, ConfiguredApps(options), options.TimestampTolerance, _time, out _);
    }

    /// <summary>
    /// Verifies a webhook against the configured apps and, when it verifies, builds its typed
    /// event, reading the envelope once: the <c>event_name</c>, <c>app_id</c> and <c>timestamp</c>
    /// found while verifying pick the key and the event type, and the event is deserialised from
    /// <paramref name="rawBody"/> in place. Same checks as <see cref="Verify"/> then
    /// <see cref="ZaloWebhookParser.Parse(ReadOnlyMemory{byte})"/>; nothing is parsed unless the
    /// signature is valid.
    /// </summary>
    /// <param name="rawBody">The body bytes exactly as received. The event's
    /// <see cref="ZaloWebhookEvent.RawBody"/> refers to them (no copy): do not reuse the buffer
    /// while the event is in use.</param>
    /// <param name="signatureHeader">The <c>X-ZEvent-Signature</c> value, or null when absent.</param>
    /// <param name="webhookEvent">The typed event; set exactly when the result is
    /// <see cref="ZaloWebhookVerificationStatus.Valid"/>, null otherwise.</param>
    /// <returns>Valid, or why the webhook did not verify (nothing was parsed).</returns>
    /// <exception cref="ZaloWebhookParseException">The signature is valid but the body is not a Zalo
    /// event (no string <c>event_name</c>, a field of the wrong shape, a field Zalo always sends
    /// missing): answer 400.</exception>
    public virtual ZaloWebhookVerificationResult VerifyAndParse(ReadOnlyMemory<byte> rawBody, string? signatureHeader, out ZaloWebhookEvent? webhookEvent)
    {
        var options = _options.CurrentValue;
        var result = VerifyCore(rawBody.Span, signatureHeader, ConfiguredApps(options), options.TimestampTolerance, _time, out var envelope);
        webhookEvent = result.IsValid ? ZaloWebhookParser.Parse(rawBody, envelope) : null;
        return result;
    }

    /// <summary>The usable apps of the current options, rebuilt only when the options change (a
    /// reload gives new instances), so verifying a webhook allocates nothing for them.</summary>
    private List<SigningApp> ConfiguredApps(ZaloWebhookOptions options)
    {
        var zalo = _zaloOptions.CurrentValue;
        var cached = _apps;
        if (cached is not null && ReferenceEquals(cached.Options, options) && ReferenceEquals(cached.ZaloOptions, zalo) && cached.AppCount == options.Apps.Count)
        {
            return cached.Apps;
        }

        IEnumerable<ZaloWebhookApp> apps = options.Apps.Count > 0
            ? options.Apps
            : [new ZaloWebhookApp { AppId = zalo.AppId, OaSecretKey = zalo.OaSecretKey ?? string.Empty }];
        cached = new AppsSnapshot(options, zalo, options.Apps.Count, Usable(apps));
        _apps = cached;
        return cached.Apps;
    }

    /// <summary>Verifies a webhook of one app.</summary>
    /// <param name="rawBody">The body bytes exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-ZEvent-Signature</c> value (with or without <c>mac=</c>), or null.</param>
    /// <param name="appId">The app id; a body naming another app is <see cref="ZaloWebhookVerificationStatus.UnknownApp"/>.</param>
    /// <param name="oaSecretKey">The OA secret key; null or empty fails closed.</param>
    /// <param name="timestampTolerance">Optional replay window around now.</param>
    /// <param name="timeProvider">The clock for the tolerance; the system clock when null.</param>
    public static ZaloWebhookVerificationResult VerifySignature(ReadOnlySpan<byte> rawBody, string? signatureHeader, string? appId, string? oaSecretKey, TimeSpan? timestampTolerance = null, TimeProvider? timeProvider = null) =>
        VerifySignature(rawBody, signatureHeader, [new ZaloWebhookApp { AppId = appId ?? string.Empty, OaSecretKey = oaSecretKey ?? string.Empty }], timestampTolerance, timeProvider);

    /// <summary>Verifies a webhook of any of several apps; the body's <c>app_id</c> picks the key.</summary>
    /// <param name="rawBody">The body bytes exactly as received.</param>
    /// <param name="signatureHeader">The <c>X-ZEvent-Signature</c> value (with or without <c>mac=</c>), or null.</param>
    /// <param name="apps">The accepted apps and their OA secret keys.</param>
    /// <param name="timestampTolerance">Optional replay window around now.</param>
    /// <param name="timeProvider">The clock for the tolerance; the system clock when null.</param>
    public static ZaloWebhookVerificationResult VerifySignature(ReadOnlySpan<byte> rawBody, string? signatureHeader, IEnumerable<ZaloWebhookApp> apps, TimeSpan? timestampTolerance = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(apps);
        return VerifyCore(rawBody, signatureHeader, Usable(apps), timestampTolerance, timeProvider, out _);
    }

    /// <summary>The apps that can verify, with their id and key encoded once.</summary>
    private static List<SigningApp> Usable(IEnumerable<ZaloWebhookApp> apps) =>
        apps.Where(a => !string.IsNullOrEmpty(a.AppId) && !string.IsNullOrEmpty(a.OaSecretKey))
            .Select(a => new SigningApp(a.AppId, Encoding.UTF8.GetBytes(a.AppId), Encoding.UTF8.GetBytes(a.OaSecretKey)))
            .ToList();

    /// <summary>The checks of every verify method; <paramref name="envelope"/> is the body's
    /// envelope once it was read (default when the checks stopped before).</summary>
    private static ZaloWebhookVerificationResult VerifyCore(ReadOnlySpan<byte> rawBody, string? signatureHeader, List<SigningApp> configured, TimeSpan? timestampTolerance, TimeProvider? timeProvider, out ZaloWebhookEnvelope envelope)
    {
        envelope = default;
        if (configured.Count == 0)
        {
            return new(ZaloWebhookVerificationStatus.NoSecretConfigured, null);
        }

        if (signatureHeader is null || signatureHeader.Trim().Length == 0)
        {
            return new(ZaloWebhookVerificationStatus.MissingHeader, null);
        }

        Span<byte> expected = stackalloc byte[32];
        if (!TryDecodeHeader(signatureHeader, expected))
        {
            return new(ZaloWebhookVerificationStatus.MalformedHeader, null);
        }

        if (!ZaloWebhookEnvelope.TryRead(rawBody, out envelope, out _))
        {
            return new(ZaloWebhookVerificationStatus.MalformedBody, null);
        }

        if (!envelope.HasTimestamp)
        {
            return new(ZaloWebhookVerificationStatus.MissingTimestamp, envelope.AppId);
        }

        // The body's app_id picks the key. A body without one (never seen from Zalo) is accepted
        // only when a single app is configured, so there is no guessing between keys.
        var app = envelope.AppId is { Length: > 0 } bodyAppId
            ? Find(configured, bodyAppId)
            : configured.Count == 1 ? configured[0] : null;
        if (app is null)
        {
            return new(ZaloWebhookVerificationStatus.UnknownApp, envelope.AppId);
        }

        Span<byte> actual = stackalloc byte[32];
        var timestamp = envelope.Timestamp(rawBody);
        ZaloWebhookSignature.ComputeHash(app.AppIdUtf8, rawBody, timestamp, app.KeyUtf8, actual);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return new(ZaloWebhookVerificationStatus.Mismatch, app.AppId);
        }

        if (timestampTolerance is { } tolerance)
        {
            if (!long.TryParse(timestamp, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
                || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return new(ZaloWebhookVerificationStatus.MissingTimestamp, app.AppId);
            }

            var age = (timeProvider ?? TimeProvider.System).GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms);
            if (age.Duration() > tolerance)
            {
                return new(ZaloWebhookVerificationStatus.Stale, app.AppId);
            }
        }

        return new(ZaloWebhookVerificationStatus.Valid, app.AppId);
    }

    private static SigningApp? Find(List<SigningApp> apps, string appId)
    {
        foreach (var app in apps)
        {
            if (string.Equals(app.AppId, appId, StringComparison.Ordinal))
            {
                return app;
            }
        }

        return null;
    }

    /// <summary>Accepts <c>mac=&lt;64 hex&gt;</c> or <c>&lt;64 hex&gt;</c>, either case, surrounding spaces ignored.</summary>
    private static bool TryDecodeHeader(string header, Span<byte> destination)
    {
        var value = header.AsSpan().Trim();
        if (value.StartsWith("mac=", StringComparison.OrdinalIgnoreCase))
        {
            value = value[4..];
        }

        // FromHexString refuses any character that is not a hex digit.
        return value.Length == 64
            && Convert.FromHexString(value, destination, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
    }

    /// <summary>The usable apps of one options instance.</summary>
    private sealed record AppsSnapshot(ZaloWebhookOptions Options, ZaloOAOptions ZaloOptions, int AppCount, List<SigningApp> Apps);

    /// <summary>An app that can verify, with its id and OA secret key as the UTF-8 the signature
    /// covers (encoded once per configuration instead of per webhook).</summary>
    private sealed record SigningApp(string AppId, byte[] AppIdUtf8, byte[] KeyUtf8);
}
