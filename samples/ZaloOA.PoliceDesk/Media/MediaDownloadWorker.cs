using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Media;

/// <summary>
/// Downloads citizens' media from Zalo's (expiring) URLs into our own storage. Works from the
/// durable <see cref="MediaFile"/> rows, so a restart resumes every pending download.
/// </summary>
public sealed partial class MediaDownloadWorker(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    MediaStorage storage,
    MediaSourcePolicy sources,
    IOptions<DeskOptions> options,
    MediaWorkSignal signal,
    TimeProvider time,
    ILogger<MediaDownloadWorker> logger) : PollingWorker(options, signal, time, logger)
{
    /// <summary>The named <see cref="HttpClient"/> used for downloads.</summary>
    public const string HttpClientName = "zalo-media";

    /// <summary>How long a claimed download is reserved for the instance running it (longer than
    /// the download's own timeout).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>Redirects followed, each to an allowed host only.</summary>
    public const int MaxRedirects = 3;

    private readonly TimeProvider _time = time;
    private readonly DeskOptions _options = options.Value;
    private readonly ILogger _logger = logger;

    public override async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var now = _time.GetUtcNow();
        var due = await db.Media
            .Where(m => m.Status == MediaStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(10)
            .ToListAsync(cancellationToken);

        var processed = 0;
        foreach (var media in due)
        {
            // Several instances poll the same table: take the row for a lease first, so only one
            // downloads it (see OutboxWorker).
            var claimed = await db.Media
                .Where(m => m.Id == media.Id && m.Status == MediaStatus.Pending && m.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + ClaimLease), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            processed++;
            await DownloadAsync(media, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return processed;
    }

    private async Task DownloadAsync(MediaFile media, CancellationToken ct)
    {
        media.Attempts++;
        if (!Uri.TryCreate(media.SourceUrl, UriKind.Absolute, out var uri))
        {
            Fail(media, "Địa chỉ tệp không hợp lệ.");
            return;
        }

        try
        {
            var http = httpClients.CreateClient(HttpClientName);
            HttpResponseMessage response;
            for (var redirects = 0; ; redirects++)
            {
                // The URL came in a webhook: only allowed hosts, checked again for every redirect
                // (and the connection itself only to public addresses, see MediaSourcePolicy).
                if (sources.Refusal(uri) is { } refusal)
                {
                    Fail(media, refusal);
                    return;
                }

                response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
                if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
                {
                    break;
                }

                response.Dispose();
                if (redirects == MaxRedirects)
                {
                    Fail(media, "Quá nhiều lần chuyển hướng.");
                    return;
                }

                uri = new Uri(uri, location);
            }

            using var owned = response;
            if (!response.IsSuccessStatusCode)
            {
                var permanent = (int)response.StatusCode is >= 400 and < 500
                    && response.StatusCode is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests;
                Retry(media, $"HTTP {(int)response.StatusCode}", permanent);
                return;
            }

            if (response.Content.Headers.ContentLength > _options.MaxMediaBytes)
            {
                Fail(media, $"Media is larger than the {_options.MaxMediaBytes} byte limit.");
                return;
            }

            var contentType = response.Content.Headers.ContentType?.MediaType ?? media.ContentType;
            var relative = MediaStorage.RelativePathFor(media.CaseId, media.Id, MediaStorage.ExtensionFor(contentType, media.FileName, media.SourceUrl));
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var size = await storage.WriteAsync(relative, body, _options.MaxMediaBytes, ct);

            media.StoredPath = relative;
            media.ContentType = contentType;
            media.SizeBytes = size;
            media.Status = MediaStatus.Stored;
            media.StoredAt = _time.GetUtcNow();
            media.LastError = null;
            LogStored(_logger, media.Id, media.CaseId, size);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (InvalidDataException ex)
        {
            Fail(media, ex.Message);
        }
        catch (HttpRequestException ex) when (ex.InnerException is MediaSourceRefusedException refused)
        {
            Fail(media, refused.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            Retry(media, ex.GetType().Name, permanent: false);
        }
    }

    private void Retry(MediaFile media, string error, bool permanent)
    {
        if (permanent || media.Attempts >= _options.Workers.MaxAttempts)
        {
            Fail(media, error);
            return;
        }

        media.LastError = error;
        media.NextAttemptAt = _time.GetUtcNow() + Backoff(media.Attempts);
        LogRetry(_logger, media.Id, media.Attempts, error);
    }

    private void Fail(MediaFile media, string error)
    {
        media.Status = MediaStatus.Failed;
        media.LastError = error;
        LogFailed(_logger, media.Id, media.Attempts, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored media {MediaId} of case {CaseId} ({Size} bytes).")]
    private static partial void LogStored(ILogger logger, int mediaId, int caseId, long size);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download of media {MediaId} failed (attempt {Attempt}: {Error}); will retry.")]
    private static partial void LogRetry(ILogger logger, int mediaId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up downloading media {MediaId} after {Attempts} attempts: {Error}.")]
    private static partial void LogFailed(ILogger logger, int mediaId, int attempts, string error);
}
