using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace ZaloOA.Sdk.Internal;

/// <summary>
/// One Zalo API request as sent: the OA it acts for, whether it may be retried, and how many HTTP
/// attempts it took. The resilience handler reads these instead of request options, so a call
/// allocates no options dictionary.
/// </summary>
internal sealed class ZaloHttpRequest(HttpMethod method, Uri uri, string oaId, string operation, bool idempotent) : HttpRequestMessage(method, uri)
{
    public string OaId { get; } = oaId;

    public string Operation { get; } = operation;

    /// <summary>Reads may be retried; sends are not, since a message whose answer was lost may
    /// still have been delivered.</summary>
    public bool Idempotent { get; } = idempotent;

    /// <summary>HTTP attempts made so far (retries included).</summary>
    public int Attempts { get; set; }
}

/// <summary>
/// The SDK's resilience pipelines, one pair per OA and kept for the life of the app (a singleton,
/// so a circuit's state survives IHttpClientFactory rotating its handlers). Both share the OA's
/// circuit breaker and attempt timeout; only reads add the total timeout and the retry, so a send,
/// which is never retried, runs through two strategies instead of four on its success path.
/// Built with Polly directly and without Polly's telemetry: the SDK logs its own events
/// (<see cref="ZaloApiConnection"/>) and meters calls itself.
/// </summary>
internal sealed partial class ZaloResiliencePipelines
{
    private static readonly ResiliencePropertyKey<ZaloHttpRequest> RequestKey = new("ZaloOA.Request");

    private readonly ConcurrentDictionary<string, (ResiliencePipeline<HttpResponseMessage> Send, ResiliencePipeline<HttpResponseMessage> Read)> _byOa = new(StringComparer.Ordinal);
    private readonly Func<string, (ResiliencePipeline<HttpResponseMessage>, ResiliencePipeline<HttpResponseMessage>)> _create;
    private readonly IOptionsMonitor<ZaloOAOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <param name="options">Read when an OA's pipelines are built (on its first call).</param>
    /// <param name="clock">Network timeouts, back-off and circuit breaks run on the wall clock, not on
    /// the TimeProvider that drives token expiry: a fake clock there (in tests, ours or our users')
    /// must not freeze them. Tests step through a break with a clock registered under
    /// <see cref="ZaloApiConnection.ResilienceClockKey"/>.</param>
    /// <param name="logger">The connection's logger: retries and circuit changes are call events.</param>
    public ZaloResiliencePipelines(IOptionsMonitor<ZaloOAOptions> options, TimeProvider clock, ILogger<ZaloApiConnection> logger)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        _create = Create;
    }

    /// <summary>Runs one attempt loop for <paramref name="request"/>: <paramref name="attempt"/> sends
    /// it down the handler chain and reads the whole body inside the attempt, so each attempt's
    /// timeout covers the body and a connection cut mid-body is a transient failure the retry and
    /// the breaker see.</summary>
    public async Task<HttpResponseMessage> ExecuteAsync(ZaloHttpRequest request, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> attempt, CancellationToken cancellationToken)
    {
        var pipelines = _byOa.GetOrAdd(request.OaId, _create);
        var pipeline = request.Idempotent ? pipelines.Read : pipelines.Send;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (ctx, state) =>
                {
                    state.Request.Attempts++;
                    HttpResponseMessage? response = null;
                    try
                    {
                        response = await state.Attempt(state.Request, ctx.CancellationToken).ConfigureAwait(false);
                        await response.Content.LoadIntoBufferAsync(ctx.CancellationToken).ConfigureAwait(false);
                        return Outcome.FromResult(response);
                    }
                    catch (Exception ex)
                    {
                        response?.Dispose();
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                (Request: request, Attempt: attempt)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private (ResiliencePipeline<HttpResponseMessage>, ResiliencePipeline<HttpResponseMessage>) Create(string oaId)
    {
        var o = _options.CurrentValue;
        var attempt = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _clock };
        if (o.CircuitBreaker.Enabled)
        {
            // Built once per OA: the breaker's state is the OA's own, so a unit whose OA keeps
            // failing cannot open the circuit of the hundreds of others sharing the HttpClient.
            attempt.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = o.CircuitBreaker.FailureRatio,
                MinimumThroughput = o.CircuitBreaker.MinimumThroughput,
                SamplingDuration = o.CircuitBreaker.SamplingDuration,
                BreakDuration = o.CircuitBreaker.BreakDuration,
                OnOpened = args =>
                {
                    Log.CircuitOpened(_logger, oaId, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                    return default;
                },
                OnClosed = _ =>
                {
                    Log.CircuitClosed(_logger, oaId);
                    return default;
                },
            });
        }

        var send = attempt.AddTimeout(o.AttemptTimeout).Build();
        var read = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _clock }.AddTimeout(o.TotalTimeout);
        if (o.MaxReadRetries > 0)
        {
            var maxWait = o.TotalTimeout;
            read.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.MaxReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
                // An open circuit is not retried (it would still be open), and neither is a
                // Retry-After longer than the whole call may take: waiting would only end in a
                // timeout that hides Zalo's hint from the caller.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not BrokenCircuitException
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !(args.Outcome.Result is { } response && ZaloRetryAfter.Of(response, _clock) > maxWait)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RequestKey, out var request))
                    {
                        Log.Retrying(_logger, request.Operation, request.OaId, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                    }

                    return default;
                },
            });
        }

        // The same attempt pipeline instance (and so the same breaker) under both.
        return (send, read.AddPipeline(send).Build());
    }

    /// <summary>What went wrong, in one line and without a stack trace.</summary>
    internal static string Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : "no response",
        Polly.Timeout.TimeoutRejectedException t => $"timed out after {t.Timeout.TotalSeconds:0.#} s",
        HttpRequestException h => h.StatusCode is HttpStatusCode status ? $"HTTP {(int)status}" : $"{h.HttpRequestError}: {h.Message}",
        var e => $"{e.GetType().Name}: {e.Message}",
    };

    private static partial class Log
    {
        [LoggerMessage(1105, LogLevel.Debug, "Zalo call {Operation} for OA {OaId}: attempt {Attempt} failed ({Failure}); retrying in {DelayMs:0} ms.")]
        public static partial void Retrying(ILogger logger, string operation, string oaId, int attempt, string failure, double delayMs);

        [LoggerMessage(1106, LogLevel.Warning, "The circuit breaker of OA {OaId} opened for {BreakSeconds:0.#} s after repeated failures (last: {Failure}); its calls fail fast until a trial call succeeds.")]
        public static partial void CircuitOpened(ILogger logger, string oaId, double breakSeconds, string failure);

        [LoggerMessage(1107, LogLevel.Information, "The circuit breaker of OA {OaId} closed: calls go through again.")]
        public static partial void CircuitClosed(ILogger logger, string oaId);
    }
}

/// <summary>Runs each request of the SDK's named HttpClient through its OA's pipelines
/// (<see cref="ZaloResiliencePipelines"/>). A request that is not the SDK's is passed through.</summary>
internal sealed class ZaloResilienceHandler : DelegatingHandler
{
    private readonly ZaloResiliencePipelines _pipelines;

    // One delegate for the life of the handler, not one per call.
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> _attempt;

    public ZaloResilienceHandler(ZaloResiliencePipelines pipelines)
    {
        _pipelines = pipelines;
        _attempt = (request, cancellationToken) => base.SendAsync(request, cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request is ZaloHttpRequest call
            ? _pipelines.ExecuteAsync(call, _attempt, cancellationToken)
            : base.SendAsync(request, cancellationToken);
}
