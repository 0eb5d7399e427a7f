using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ZaloOA.PoliceDesk.Load;

/// <summary>Officers reading the desk: who signs in where, which search they type, how fast they page.</summary>
public sealed record ReadLoadOptions
{
    /// <summary>The desk instances' base addresses, e.g. <c>http://127.0.0.1:5181/</c>; officer <c>i</c>
    /// works on instance <c>i mod count</c> (no load balancer, no sticky session needed).</summary>
    public required IReadOnlyList<Uri> BaseUrls { get; init; }

    /// <summary>The staff accounts that read (e.g. <c>tw.admin</c> and a few commune officers).</summary>
    public required IReadOnlyList<string> UserNames { get; init; }

    /// <summary>Their password (the generator gives every account the same one).</summary>
    public required string Password { get; init; }

    /// <summary>Pages per second over all officers (closed loop: a slow page delays the next).</summary>
    public double Rate { get; init; } = 2;

    /// <summary>How long to read.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Upper bound on pages read, whatever the rate and duration. Default no bound.</summary>
    public int MaxPages { get; init; } = int.MaxValue;

    /// <summary>The inbox search each officer types.</summary>
    public string Search { get; init; } = "xe máy";
}

/// <summary>The outcome of a read run: pages by kind and status, and latencies.</summary>
/// <param name="Pages">Pages loaded.</param>
/// <param name="StatusCounts">Answers by HTTP status (0 = no answer).</param>
/// <param name="LatenciesMs">Each page's latency in milliseconds by kind, sorted.</param>
public sealed record ReadLoadResult(int Pages, IReadOnlyDictionary<int, int> StatusCounts, IReadOnlyDictionary<string, IReadOnlyList<double>> LatenciesMs)
{
    /// <summary>A one-paragraph summary for the console and test output.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"read {Pages} pages; statuses {string.Join(", ", StatusCounts.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}; ") +
        string.Join("; ", LatenciesMs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Key} ms p50 {Nearest(p.Value, 50):F0}, p95 {Nearest(p.Value, 95):F0}, max {(p.Value.Count > 0 ? p.Value[^1] : 0):F0}")));

    private static double Nearest(IReadOnlyList<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>
/// Signed-in officers loading the inbox, a search, a case page (the first case their inbox lists)
/// and the statistics page in turn, at a bounded rate: the reading half of a soak. Each officer
/// signs in through the real form (anti-forgery token and cookie) and keeps its cookie.
/// </summary>
public static partial class ReadLoad
{
    /// <summary>The page kinds in the order each officer loads them.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["inbox", "search", "case", "statistics"];

    /// <summary>Signs every officer in, then reads until <see cref="ReadLoadOptions.Duration"/> has passed.</summary>
    /// <exception cref="InvalidOperationException">An officer could not sign in (wrong password, no such account).</exception>
    public static async Task<ReadLoadResult> RunAsync(ReadLoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Rate);
        ArgumentOutOfRangeException.ThrowIfZero(options.BaseUrls.Count);
        ArgumentOutOfRangeException.ThrowIfZero(options.UserNames.Count);
        var officers = new List<Officer>();
        try
        {
            for (var i = 0; i < options.UserNames.Count; i++)
            {
                officers.Add(await SignInAsync(options.BaseUrls[i % options.BaseUrls.Count], options.UserNames[i], options.Password, cancellationToken).ConfigureAwait(false));
            }

            var latencies = Kinds.ToDictionary(k => k, _ => new List<double>(), StringComparer.Ordinal);
            var statuses = new Dictionary<int, int>();
            var clock = Stopwatch.StartNew();
            var pages = 0;
            while (clock.Elapsed < options.Duration && pages < options.MaxPages)
            {
                // Page i is due at i / rate; a page slower than that delays the next (closed loop),
                // so a slow desk is not buried under a queue of reads.
                var wait = TimeSpan.FromSeconds(pages / options.Rate) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                var officer = officers[pages % officers.Count];
                var kind = Kinds[(pages / officers.Count) % Kinds.Count];
                var (status, elapsed) = await officer.LoadAsync(kind, options.Search, cancellationToken).ConfigureAwait(false);
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                latencies[kind].Add(elapsed);
                pages++;
            }

            return new ReadLoadResult(
                pages,
                statuses,
                latencies.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[.. p.Value.Order()], StringComparer.Ordinal));
        }
        finally
        {
            foreach (var officer in officers)
            {
                officer.Dispose();
            }
        }
    }

    private static async Task<Officer> SignInAsync(Uri baseUrl, string userName, string password, CancellationToken cancellationToken)
    {
        // A starved desk may fail a sign-in (a database timeout is a 500): try again a few times.
        // A refusal (the form again, 200) is final: the account or the password is wrong.
        for (var attempt = 1; ; attempt++)
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
            {
                BaseAddress = baseUrl,
                Timeout = TimeSpan.FromSeconds(60),
            };
            int status;
            try
            {
                status = await TrySignInAsync(http, userName, password, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                status = 0;
            }
            catch
            {
                http.Dispose();
                throw;
            }

            if (status == (int)HttpStatusCode.Redirect)
            {
                return new Officer(http);
            }

            http.Dispose();
            if (status is >= 200 and < 500 || attempt == SignInAttempts)
            {
                throw new InvalidOperationException($"{userName} could not sign in on {baseUrl} (HTTP {status}{(attempt > 1 ? string.Create(CultureInfo.InvariantCulture, $", attempt {attempt}") : "")}).");
            }

            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
    }

    private const int SignInAttempts = 5;

    /// <summary>The sign-in form, as a browser fills it: its answer's status (302 = signed in).</summary>
    private static async Task<int> TrySignInAsync(HttpClient http, string userName, string password, CancellationToken cancellationToken)
    {
        using var page = await http.GetAsync(new Uri("/Account/Login", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        if (!token.Success)
        {
            return page.IsSuccessStatusCode ? throw new InvalidOperationException($"No anti-forgery token on {http.BaseAddress}Account/Login.") : (int)page.StatusCode;
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        });
        using var response = await http.PostAsync(new Uri("/Account/Login", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("href=\"/Cases/(\\d+)\"")]
    private static partial Regex CaseLinkPattern();

    private sealed class Officer(HttpClient http) : IDisposable
    {
        private string? caseId;

        public async Task<(int Status, double ElapsedMs)> LoadAsync(string kind, string search, CancellationToken cancellationToken)
        {
            var path = kind switch
            {
                "inbox" => "/",
                "search" => "/?q=" + Uri.EscapeDataString(search),
                // No case listed yet: a case that does not exist, so the 404 shows in the statuses.
                "case" => "/Cases/" + (caseId ?? "0"),
                _ => "/Stats",
            };
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
                var html = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (kind == "inbox" && CaseLinkPattern().Match(html) is { Success: true } link)
                {
                    // The case page read next is the newest case this officer may see.
                    caseId = link.Groups[1].Value;
                }

                return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                return (0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        public void Dispose() => http.Dispose();
    }
}
