using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Load;

/// <summary>What to send: where, how fast, for how long, and the Zalo app that signs the events.</summary>
public sealed record WebhookLoadOptions
{
    /// <summary>The desk's webhook, e.g. <c>http://127.0.0.1:5080/zalo/webhook</c>; with several
    /// (instances behind no load balancer) requests go to each in turn.</summary>
    public required IReadOnlyList<Uri> Urls { get; init; }

    /// <summary>Webhooks per second (open loop: a slow answer does not slow the schedule).</summary>
    public double Rate { get; init; } = 50;

    /// <summary>How long to send. The count is <c>Rate × Duration</c>, never more than <see cref="MaxCount"/>.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Upper bound on webhooks sent, whatever the rate and duration. Default 10,000.</summary>
    public int MaxCount { get; init; } = 10_000;

    /// <summary>Most requests in flight; when reached the schedule waits (and the achieved rate shows it).</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>The Zalo app id written into each event and used to sign it.</summary>
    public required string AppId { get; init; }

    /// <summary>The OA secret key the desk verifies signatures with.</summary>
    public required string OaSecretKey { get; init; }

    /// <summary>The OA the events are addressed to (linked to a unit in the desk).</summary>
    public required string OaId { get; init; }

    /// <summary>When not empty, each event goes to one of these OAs (spread by a multiplicative hash
    /// of its index) instead of <see cref="OaId"/>: intake over a whole province or country.</summary>
    public IReadOnlyList<string> OaIds { get; init; } = [];

    /// <summary>How many different citizens send (round robin). Default 20.</summary>
    public int Citizens { get; init; } = 20;

    /// <summary>Prefix of every <c>msg_id</c>, so runs never collide. Default a random one.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..12];
}

/// <summary>The outcome of a run.</summary>
/// <param name="Sent">Requests sent.</param>
/// <param name="StatusCounts">Answers by HTTP status (0 = no answer: a transport error).</param>
/// <param name="Elapsed">From the first send to the last answer.</param>
/// <param name="LatenciesMs">Each request's latency in milliseconds, sorted.</param>
/// <param name="MessageIds">The <c>msg_id</c> of every event sent.</param>
public sealed record WebhookLoadResult(int Sent, IReadOnlyDictionary<int, int> StatusCounts, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, IReadOnlyList<string> MessageIds)
{
    /// <summary>Requests answered per second over the whole run.</summary>
    public double AchievedRate => Elapsed > TimeSpan.Zero ? Sent / Elapsed.TotalSeconds : 0;

    /// <summary>The latency below which <paramref name="percent"/> % of requests finished (nearest rank).</summary>
    public double Percentile(double percent)
    {
        if (LatenciesMs.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percent / 100 * LatenciesMs.Count);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Count - 1)];
    }

    /// <summary>A one-paragraph summary for the console and test output.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"sent {Sent} in {Elapsed.TotalSeconds:F1} s = {AchievedRate:F1}/s; statuses {string.Join(", ", StatusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}; " +
        $"latency ms p50 {Percentile(50):F1}, p95 {Percentile(95):F1}, p99 {Percentile(99):F1}, max {(LatenciesMs.Count > 0 ? LatenciesMs[^1] : 0):F1}");
}

/// <summary>Sends signed <c>user_send_text</c> webhooks at a fixed rate for a fixed time.</summary>
public static class WebhookLoad
{
    /// <summary>Runs the load and waits for every answer.</summary>
    public static async Task<WebhookLoadResult> RunAsync(HttpClient http, WebhookLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Rate);
        ArgumentOutOfRangeException.ThrowIfZero(options.Urls.Count);
        var count = (int)Math.Min(options.MaxCount, Math.Floor(options.Rate * options.Duration.TotalSeconds));
        var latencies = new double[count];
        var statuses = new int[count];
        var ids = new string[count];
        using var inFlight = new SemaphoreSlim(options.MaxInFlight);
        var tasks = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            // Open loop: request i is due at i / rate, whatever happened to the earlier ones.
            var due = TimeSpan.FromSeconds(i / options.Rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            var index = i;
            ids[index] = string.Create(CultureInfo.InvariantCulture, $"load-{options.RunId}-{index:D6}");
            tasks.Add(SendOneAsync(http, options, index, ids[index], latencies, statuses, inFlight, cancellationToken));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        clock.Stop();
        Array.Sort(latencies);
        var byStatus = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return new WebhookLoadResult(count, byStatus, clock.Elapsed, latencies, ids);
    }

    /// <summary>The signed body of one event (exactly what Zalo sends for a text message).</summary>
    public static byte[] Body(WebhookLoadOptions options, int index, string messageId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var citizen = string.Create(CultureInfo.InvariantCulture, $"77{index % options.Citizens:D17}");
        var oaId = options.OaIds.Count == 0 ? options.OaId : options.OaIds[(int)(unchecked((uint)index * 2654435761u) % (uint)options.OaIds.Count)];
        var json = string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"app_id":"{{options.AppId}}","sender":{"id":"{{citizen}}"},"user_id_by_app":"{{citizen}}","recipient":{"id":"{{oaId}}"},"event_name":"user_send_text","message":{"text":"Tin báo thử tải số {{index}}","msg_id":"{{messageId}}"},"timestamp":"{{now.ToUnixTimeMilliseconds()}}"}""");
        return Encoding.UTF8.GetBytes(json);
    }

    private static async Task SendOneAsync(HttpClient http, WebhookLoadOptions options, int index, string messageId, double[] latencies, int[] statuses, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            var now = DateTimeOffset.UtcNow;
            var body = Body(options, index, messageId, now);
            var signature = ZaloWebhookSignature.ComputeHeaderValue(options.AppId, body, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), options.OaSecretKey);
            using var request = new HttpRequestMessage(HttpMethod.Post, options.Urls[index % options.Urls.Count]) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, signature);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                statuses[index] = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // No answer (a transport error, or HttpClient.Timeout): counted as status 0, the run goes on.
                statuses[index] = 0;
            }

            latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        finally
        {
            inFlight.Release();
        }
    }
}
