using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Sends Zalo API calls for every OA of the app: attaches the OA's access token, parses the
/// envelope, turns <c>error != 0</c> into <see cref="ZaloApiException"/> whatever the HTTP status,
/// and on a rejected token refreshes once and replays once, never more.
/// </summary>
internal sealed partial class ZaloApiConnection
{
    /// <summary>The name of the HttpClient the SDK registers for API calls.</summary>
    public const string HttpClientName = "ZaloOA";

    /// <summary>Request option that marks a request as safe to retry.</summary>
    public static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("ZaloOA.Idempotent");

    /// <summary>Request option carrying the OA id, so per-OA handlers (circuit breaker) can key on it.</summary>
    public static readonly HttpRequestOptionsKey<string> OaIdKey = new("ZaloOA.OaId");

    /// <summary>DI key of an optional <see cref="System.TimeProvider"/> for the HTTP resilience
    /// pipeline (tests only; the system clock otherwise).</summary>
    public const string ResilienceClockKey = "ZaloOA.ResilienceClock";

    private const int MaxRawBodyChars = 4096;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IZaloTokenManager _tokens;
    private readonly IOptionsMonitor<ZaloOAOptions> _options;
    private readonly PartitionedRateLimiter<string>? _rateLimiter;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public ZaloApiConnection(
        IHttpClientFactory httpClientFactory,
        IZaloTokenManager tokens,
        IOptionsMonitor<ZaloOAOptions> options,
        TimeProvider timeProvider,
        ILogger<ZaloApiConnection> logger)
    {
        _httpClientFactory = httpClientFactory;
        _tokens = tokens;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        if (options.CurrentValue.MaxRequestsPerSecondPerOA is int perSecond)
        {
            // One token bucket per OA: a busy OA waits for its own tokens, never another OA's.
            var period = options.CurrentValue.RateLimitPeriod;
            _rateLimiter = PartitionedRateLimiter.Create<string, string>(oaId => RateLimitPartition.GetTokenBucketLimiter(oaId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = period,
                QueueLimit = 10_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
        }
    }

    public ZaloOAOptions Options => _options.CurrentValue;

    public TimeProvider TimeProvider => _time;

    /// <summary>Sends the call and deserialises <c>data</c>; throws when <c>data</c> is missing.</summary>
    public async Task<T> SendAsync<T>(string oaId, ZaloApiRequest request, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
    {
        var response = await SendCoreAsync(oaId, request, accessToken: null, cancellationToken).ConfigureAwait(false);
        return response.ReadData(dataType, request.Operation);
    }

    /// <summary>Sends the call and ignores <c>data</c> (for calls that answer with a bare envelope).</summary>
    public async Task SendAsync(string oaId, ZaloApiRequest request, CancellationToken cancellationToken) =>
        await SendCoreAsync(oaId, request, accessToken: null, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends the call and returns the successful envelope for callers that read it themselves.</summary>
    public Task<ZaloApiResponse> SendRawAsync(string oaId, ZaloApiRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync(oaId, request, accessToken: null, cancellationToken);

    /// <summary>
    /// Sends the call with <paramref name="accessToken"/> instead of the OA's stored token (a
    /// consent's fresh token, checked before it is stored) and deserialises <c>data</c>. A
    /// rejected token is final: there is no stored pair to refresh.
    /// </summary>
    public async Task<T> SendWithAccessTokenAsync<T>(string oaId, string accessToken, ZaloApiRequest request, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        var response = await SendCoreAsync(oaId, request, accessToken, cancellationToken).ConfigureAwait(false);
        return response.ReadData(dataType, request.Operation);
    }

    private async Task<ZaloApiResponse> SendCoreAsync(string oaId, ZaloApiRequest request, string? accessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        // The activity name is only built when someone listens (the benchmarks count every allocation).
        using var activity = ZaloDiagnostics.ActivitySource.HasListeners()
            ? ZaloDiagnostics.ActivitySource.StartActivity("Zalo " + request.Operation, ActivityKind.Client)
            : null;
        activity?.SetTag("zalooa.operation", request.Operation);
        activity?.SetTag("zalooa.oa_id", oaId);
        var started = _time.GetTimestamp();
        var outcome = "error";
        try
        {
            if (_rateLimiter is not null)
            {
                using var lease = await _rateLimiter.AcquireAsync(oaId, 1, cancellationToken).ConfigureAwait(false);
                if (!lease.IsAcquired)
                {
                    throw new ZaloTransportException($"The client-side limit of {Options.MaxRequestsPerSecondPerOA} requests per second for OA {oaId} is saturated; try again later.", null, isTransient: true);
                }
            }

            var token = accessToken ?? await _tokens.GetAccessTokenAsync(oaId, cancellationToken).ConfigureAwait(false);
            var response = await SendOnceAsync(oaId, request, token, cancellationToken).ConfigureAwait(false);
            if (response.Error.IsAccessTokenRejected && accessToken is null)
            {
                // Exactly one forced refresh and one replay; a second rejection is final.
                Log.TokenRejected(_logger, request.Operation, oaId, response.Error.Value);
                token = await _tokens.RefreshAsync(oaId, token, cancellationToken).ConfigureAwait(false);
                response = await SendOnceAsync(oaId, request, token, cancellationToken).ConfigureAwait(false);
            }

            if (response.Error != ZaloErrorCode.Success)
            {
                outcome = response.Error.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                throw new ZaloApiException(response.Error, response.Message, response.HttpStatus, response.RawBodyText(MaxRawBodyChars), request.Operation);
            }

            outcome = "ok";
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            // Only network failures are transport errors. Anything else (a misconfiguration, a bug
            // in a custom store) propagates as it is rather than posing as a retryable outage.
            throw new ZaloTransportException($"Zalo call {request.Operation} failed: {ex.Message}", null, isTransient: true, ex);
        }
        finally
        {
            var elapsed = _time.GetElapsedTime(started).TotalSeconds;
            var tags = new TagList { { "operation", request.Operation }, { "outcome", outcome } };
            ZaloDiagnostics.Requests.Add(1, tags);
            ZaloDiagnostics.RequestDuration.Record(elapsed, tags);
        }
    }

    private async Task<ZaloApiResponse> SendOnceAsync(string oaId, ZaloApiRequest request, string accessToken, CancellationToken cancellationToken)
    {
        var options = Options;
        var baseUrl = request.Host == ZaloApiHost.Business ? options.BusinessApiBaseUrl : options.ApiBaseUrl;
        var uri = new Uri(baseUrl, request.Query is null ? request.Path : request.Path + "?" + request.Query);
        using var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.TryAddWithoutValidation("access_token", accessToken);
        if (options.UseAppSecretProof && !string.IsNullOrEmpty(options.SecretKey))
        {
            message.Headers.TryAddWithoutValidation("appsecret_proof", ComputeAppSecretProof(options.SecretKey, accessToken));
        }

        if (request.Headers is not null)
        {
            foreach (var (name, value) in request.Headers)
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Content = request.Content?.Invoke();
        message.Options.Set(IdempotentKey, request.Idempotent);
        message.Options.Set(OaIdKey, oaId);

        HttpResponseMessage response;
        var http = _httpClientFactory.CreateClient(HttpClientName);
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            throw new ZaloTransportException($"Zalo call {request.Operation} timed out (attempt timeout {options.AttemptTimeout.TotalSeconds:0.#} s, total {options.TotalTimeout.TotalSeconds:0.#} s).", null, isTransient: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ZaloTransportException($"Zalo call {request.Operation} could not reach {uri.Host}: {ex.Message}", ex.StatusCode, isTransient: true, ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            Log.CircuitOpen(_logger, request.Operation, oaId);
            throw new ZaloCircuitOpenException(oaId, request.Operation, ex.RetryAfter, ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Parse(request.Operation, response, body, _time);
        }
    }

    private static ZaloApiResponse Parse(string operation, HttpResponseMessage response, byte[] body, TimeProvider time)
    {
        var status = response.StatusCode;
        ZaloEnvelope envelope;
        try
        {
            envelope = ZaloEnvelope.Read(body);
        }
        catch (JsonException ex)
        {
            var text = Truncate(body);
            if (!response.IsSuccessStatusCode)
            {
                throw new ZaloTransportException(
                    $"Zalo call {operation} failed with HTTP {(int)status} {response.ReasonPhrase} and no Zalo envelope.",
                    status,
                    IsTransientStatus(status),
                    null,
                    ZaloRetryAfter.Of(response, time));
            }

            throw new ZaloResponseFormatException($"Zalo call {operation} answered HTTP {(int)status} with a body that is not a Zalo JSON envelope: {ex.Message}", status, text, ex);
        }

        if (envelope.Error is null)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ZaloTransportException($"Zalo call {operation} failed with HTTP {(int)status} {response.ReasonPhrase}.", status, IsTransientStatus(status), null, ZaloRetryAfter.Of(response, time));
            }

            if (!envelope.HasData)
            {
                throw new ZaloResponseFormatException($"Zalo call {operation} answered with JSON that has neither an error code nor data.", status, Truncate(body));
            }
        }

        return new ZaloApiResponse(body, envelope, status);
    }

    private static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static string Truncate(byte[] body) =>
        Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxRawBodyChars));

    internal static string ComputeAppSecretProof(string appSecret, string accessToken)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(accessToken));
        return Convert.ToHexStringLower(mac);
    }

    private static partial class Log
    {
        [LoggerMessage(1101, LogLevel.Warning, "Zalo rejected the access token of OA {OaId} on {Operation} (error {Error}); refreshing once and replaying.")]
        public static partial void TokenRejected(ILogger logger, string operation, string oaId, int error);

        [LoggerMessage(1102, LogLevel.Warning, "Zalo call {Operation} for OA {OaId} was not sent: the OA's circuit breaker is open.")]
        public static partial void CircuitOpen(ILogger logger, string operation, string oaId);
    }
}

/// <summary>A successful (or token-rejected) Zalo answer: the body and where its parts are.</summary>
internal sealed class ZaloApiResponse
{
    private readonly byte[] _body;
    private readonly ZaloEnvelope _envelope;

    public ZaloApiResponse(byte[] body, ZaloEnvelope envelope, HttpStatusCode status)
    {
        _body = body;
        _envelope = envelope;
        HttpStatus = status;
    }

    public ZaloErrorCode Error => new(_envelope.Error ?? 0);

    public string? Message => _envelope.Message;

    public HttpStatusCode HttpStatus { get; }

    public bool HasData => _envelope.HasData;

    /// <summary>The raw <c>data</c> bytes.</summary>
    public ReadOnlySpan<byte> DataSpan => _envelope.Data(_body);

    public T ReadData<T>(JsonTypeInfo<T> typeInfo, string operation)
    {
        if (!_envelope.HasData)
        {
            throw new ZaloResponseFormatException($"Zalo call {operation} succeeded but its answer has no data.", HttpStatus, RawBodyText(4096));
        }

        try
        {
            return JsonSerializer.Deserialize(_envelope.Data(_body), typeInfo)
                ?? throw new ZaloResponseFormatException($"Zalo call {operation} answered with null data.", HttpStatus, RawBodyText(4096));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException or FormatException or OverflowException or ArgumentException)
        {
            // The serializer and converters report some malformed values (invalid UTF-8, numbers
            // out of range) with these; the contract is one exception type for a bad body.
            throw new ZaloResponseFormatException($"Zalo call {operation} answered with data the SDK cannot read: {ex.Message}", HttpStatus, RawBodyText(4096), ex);
        }
    }

    public string RawBodyText(int maxChars) => Encoding.UTF8.GetString(_body, 0, Math.Min(_body.Length, maxChars));
}
