using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
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

    /// <summary>DI key of an optional <see cref="System.TimeProvider"/> for the HTTP resilience
    /// pipeline (tests only; the system clock otherwise).</summary>
    public const string ResilienceClockKey = "ZaloOA.ResilienceClock";

    private const int MaxRawBodyChars = 4096;

    // An HttpClient from the factory is a thin object around the factory's pooled handler chain;
    // it is kept for a minute instead of made per call (each one is an object, a cancellation
    // source and the factory's configure actions), well inside the chain's two-minute lifetime,
    // so handler rotation still happens.
    private static readonly TimeSpan ClientReuse = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IZaloTokenManager _tokens;
    private readonly IOptionsMonitor<ZaloOAOptions> _options;
    private readonly ConcurrentDictionary<string, RateLimiter> _rateLimiters = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    // Absolute URIs of the query-less paths, per base URL (a reload may change it).
    private readonly ConcurrentDictionary<string, (Uri Base, Uri Full)> _uris = new(StringComparer.Ordinal);
    private (HttpClient Client, long CreatedAt)? _http;

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
        // Options are read per call, never here: the host builds its hosted services (and this
        // connection with them) before it validates options, and reading invalid options here
        // would stop it with one error instead of the full list.
    }

    public ZaloOAOptions Options => _options.CurrentValue;

    public TimeProvider TimeProvider => _time;

    /// <summary>Sends the call and deserialises <c>data</c>; throws when <c>data</c> is missing, or,
    /// with <paramref name="whenNoData"/>, returns its value for a bare success envelope.</summary>
    public Task<T> SendAsync<T>(string oaId, ZaloApiRequest request, JsonTypeInfo<T> dataType, CancellationToken cancellationToken, Func<T>? whenNoData = null) =>
        SendCoreAsync(oaId, request, dataType, whenNoData, accessToken: null, cancellationToken);

    /// <summary>Sends the call and ignores <c>data</c> (for calls that answer with a bare envelope).</summary>
    public Task SendAsync(string oaId, ZaloApiRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync<ZaloApiResponse>(oaId, request, null, null, accessToken: null, cancellationToken);

    /// <summary>Sends the call and returns the successful envelope for callers that read it themselves.</summary>
    public Task<ZaloApiResponse> SendRawAsync(string oaId, ZaloApiRequest request, CancellationToken cancellationToken) =>
        SendCoreAsync<ZaloApiResponse>(oaId, request, null, null, accessToken: null, cancellationToken);

    /// <summary>
    /// Sends the call with <paramref name="accessToken"/> instead of the OA's stored token (a
    /// consent's fresh token, checked before it is stored) and deserialises <c>data</c>. A
    /// rejected token is final: there is no stored pair to refresh.
    /// </summary>
    public Task<T> SendWithAccessTokenAsync<T>(string oaId, string accessToken, ZaloApiRequest request, JsonTypeInfo<T> dataType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return SendCoreAsync(oaId, request, dataType, null, accessToken, cancellationToken);
    }

    /// <summary>The one path of every call: rate limit, token, HTTP through the OA's pipelines,
    /// envelope, one forced refresh and replay on a rejected token, the log line and the metrics.
    /// One async method, so a call costs one state machine here. Without <paramref name="dataType"/>
    /// the envelope itself is the result (<typeparamref name="T"/> is <see cref="ZaloApiResponse"/>).
    /// With <paramref name="accessToken"/> the stored token is not used and a rejection is final.</summary>
    private async Task<T> SendCoreAsync<T>(string oaId, ZaloApiRequest request, JsonTypeInfo<T>? dataType, Func<T>? whenNoData, string? accessToken, CancellationToken cancellationToken)
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
        var attempts = 0;
        try
        {
            if (Options.MaxRequestsPerSecondPerOA is not null)
            {
                await AcquireRateLimitAsync(oaId, cancellationToken).ConfigureAwait(false);
            }

            var token = accessToken ?? await _tokens.GetAccessTokenAsync(oaId, cancellationToken).ConfigureAwait(false);
            ZaloApiResponse response;
            for (var replay = false; ; replay = true)
            {
                using var message = CreateMessage(oaId, request, token);
                HttpResponseMessage http;
                try
                {
                    // The resilience handler reads the body inside each attempt, so the content is
                    // buffered when this returns.
                    http = await Http().SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or Polly.CircuitBreaker.BrokenCircuitException or TimeoutRejectedException
                    || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    throw TransportFailure(ex, request.Operation, message);
                }
                finally
                {
                    attempts += message.Attempts;
                }

                using (http)
                {
                    response = Parse(request.Operation, http, await http.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), _time);
                }

                if (replay || accessToken is not null || !response.Error.IsAccessTokenRejected)
                {
                    break;
                }

                // Exactly one forced refresh and one replay; a second rejection is final.
                Log.TokenRejected(_logger, request.Operation, oaId, response.Error.Value);
                token = await _tokens.RefreshAsync(oaId, token, cancellationToken).ConfigureAwait(false);
            }

            if (response.Error != ZaloErrorCode.Success)
            {
                outcome = response.Error.Value.ToString(CultureInfo.InvariantCulture);
                Log.ZaloRefused(_logger, request.Operation, oaId, response.Error.Value, response.Message, attempts, _time.GetElapsedTime(started).TotalMilliseconds);
                throw new ZaloApiException(response.Error, response.Message, response.HttpStatus, response.RawBodyText(MaxRawBodyChars), request.Operation);
            }

            var result = dataType is null ? (T)(object)response
                : whenNoData is not null && !response.HasData ? whenNoData()
                : response.ReadData(dataType, request.Operation);
            outcome = "ok";
            Log.Succeeded(_logger, request.Operation, oaId, attempts, _time.GetElapsedTime(started).TotalMilliseconds);
            return result;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
        {
            // Only network failures are transport errors. Anything else (a misconfiguration, a bug
            // in a custom store) propagates as it is rather than posing as a retryable outage.
            Log.CallFailed(_logger, request.Operation, oaId, ex.Message, attempts, _time.GetElapsedTime(started).TotalMilliseconds);
            throw new ZaloTransportException($"Zalo call {request.Operation} failed: {ex.Message}", null, isTransient: true, ex);
        }
        catch (Exception ex) when (ex is ZaloTransportException or ZaloResponseFormatException)
        {
            // Timeouts, unreachable hosts, HTTP errors without an envelope, an open circuit, a body
            // that is no envelope: one line, no stack trace (an expected failure; the exception
            // carries the detail).
            Log.CallFailed(_logger, request.Operation, oaId, ex.Message, attempts, _time.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        finally
        {
            var elapsed = _time.GetElapsedTime(started).TotalSeconds;
            var tags = new TagList { { "operation", request.Operation }, { "outcome", outcome } };
            ZaloDiagnostics.Requests.Add(1, tags);
            ZaloDiagnostics.RequestDuration.Record(elapsed, tags);
        }
    }

    private ZaloHttpRequest CreateMessage(string oaId, ZaloApiRequest request, string accessToken)
    {
        var options = Options;
        var message = new ZaloHttpRequest(request.Method, RequestUri(options, request), oaId, request.Operation, request.Idempotent);
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

        if (request.JsonBody is { } json)
        {
            message.Content = new ByteArrayContent(json);
            message.Content.Headers.ContentType = ZaloApiRequest.JsonMediaType;
        }
        else
        {
            message.Content = request.Content?.Invoke();
        }

        return message;
    }

    /// <summary>The SDK's exception for a request that produced no answer: unreachable, timed out
    /// (a pipeline timeout, or the caller's token was not the one cancelled), or refused by an
    /// open circuit.</summary>
    private ZaloTransportException TransportFailure(Exception ex, string operation, ZaloHttpRequest message) => ex switch
    {
        HttpRequestException h => new ZaloTransportException($"Zalo call {operation} could not reach {message.RequestUri!.Host}: {h.Message}", h.StatusCode, isTransient: true, h),
        Polly.CircuitBreaker.BrokenCircuitException b => new ZaloCircuitOpenException(message.OaId, operation, b.RetryAfter, b),
        _ => new ZaloTransportException(
            $"Zalo call {operation} timed out (attempt timeout {Options.AttemptTimeout.TotalSeconds:0.#} s, total {Options.TotalTimeout.TotalSeconds:0.#} s).", null, isTransient: true, ex),
    };

    private HttpClient Http()
    {
        var current = _http;
        if (current is { } cached && _time.GetElapsedTime(cached.CreatedAt) < ClientReuse)
        {
            return cached.Client;
        }

        // Two callers may both renew at the turn of a minute; either client is as good.
        var client = _httpClientFactory.CreateClient(HttpClientName);
        _http = (client, _time.GetTimestamp());
        return client;
    }

    private Uri RequestUri(ZaloOAOptions options, ZaloApiRequest request)
    {
        var baseUrl = request.Host == ZaloApiHost.Business ? options.BusinessApiBaseUrl : options.ApiBaseUrl;
        if (request.Query is not null)
        {
            return new Uri(baseUrl, request.Path + "?" + request.Query);
        }

        if (_uris.TryGetValue(request.Path, out var known) && ReferenceEquals(known.Base, baseUrl))
        {
            return known.Full;
        }

        var uri = new Uri(baseUrl, request.Path);
        // Paths are constants of the area clients; the bound only guards against a path with ids in it.
        if (_uris.Count < 256)
        {
            _uris[request.Path] = (baseUrl, uri);
        }

        return uri;
    }

    /// <summary>One token bucket per OA: a busy OA waits for its own tokens, never another OA's.
    /// The synchronous attempt succeeds without allocating while the bucket has tokens.</summary>
    private async ValueTask AcquireRateLimitAsync(string oaId, CancellationToken cancellationToken)
    {
        var limiter = _rateLimiters.GetOrAdd(oaId, static (_, o) => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.MaxRequestsPerSecondPerOA!.Value,
            TokensPerPeriod = o.MaxRequestsPerSecondPerOA!.Value,
            ReplenishmentPeriod = o.RateLimitPeriod,
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }), Options);
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return;
        }

        using var queued = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!queued.IsAcquired)
        {
            throw new ZaloTransportException($"The client-side limit of {Options.MaxRequestsPerSecondPerOA} requests per second for OA {oaId} is saturated; try again later.", null, isTransient: true);
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

    /// <summary>The SDK's call events (README "Logging"). They carry the operation, the OA id, Zalo's
    /// code and message, attempts and elapsed time: never a token, a body or a citizen's text.</summary>
    private static partial class Log
    {
        [LoggerMessage(1100, LogLevel.Debug, "Zalo call {Operation} for OA {OaId} succeeded in {ElapsedMs:0.0} ms ({Attempts} attempt(s)).")]
        public static partial void Succeeded(ILogger logger, string operation, string oaId, int attempts, double elapsedMs);

        [LoggerMessage(1101, LogLevel.Warning, "Zalo rejected the access token of OA {OaId} on {Operation} (error {Error}); refreshing once and replaying.")]
        public static partial void TokenRejected(ILogger logger, string operation, string oaId, int error);

        [LoggerMessage(1103, LogLevel.Warning, "Zalo call {Operation} for OA {OaId} refused: Zalo error {ErrorCode} ({ZaloMessage}) after {Attempts} attempt(s) in {ElapsedMs:0} ms.")]
        public static partial void ZaloRefused(ILogger logger, string operation, string oaId, int errorCode, string? zaloMessage, int attempts, double elapsedMs);

        [LoggerMessage(1104, LogLevel.Warning, "Zalo call {Operation} for OA {OaId} failed: {Failure} ({Attempts} attempt(s), {ElapsedMs:0} ms).")]
        public static partial void CallFailed(ILogger logger, string operation, string oaId, string failure, int attempts, double elapsedMs);
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
