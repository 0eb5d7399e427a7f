using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.Sdk;

namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>New citizens whose Zalo profile is due.</summary>
public sealed class CitizenProfileSignal : WorkSignal;

/// <summary>
/// Reads citizens' Zalo profiles (<c>GET /v3.0/oa/user/detail</c> through the SDK) off the request
/// path: the webhook only adds the citizen's row (<see cref="CitizenProfiles.TrackAsync"/>), this
/// worker fills in the display name and the avatar (<see cref="AvatarImage"/>) and reads them again
/// once they are older than <c>Desk:Citizens:ProfileRefresh</c>. A failure is logged with the
/// citizen's row id, the OA and the error code only, and retried with back-off; after
/// <c>Desk:Citizens:MaxProfileAttempts</c> failures in a row it waits a whole refresh period.
/// Several instances share the table: each row is claimed for a lease before it is read.
/// </summary>
public sealed partial class CitizenProfileWorker(
    IServiceScopeFactory scopes,
    IZaloOAClientFactory clients,
    AvatarImage avatars,
    IOptions<CitizenOptions> citizenOptions,
    IOptions<DeskOptions> options,
    CitizenProfileSignal signal,
    TimeProvider time,
    ILogger<CitizenProfileWorker> logger) : PollingWorker(options, signal, time, logger)
{
    /// <summary>How long a claimed row is reserved for the instance reading it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    /// <inheritdoc />
    public override async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var now = _time.GetUtcNow();
        var due = await db.Citizens
            .Where(c => c.ProfileDueAt != null && c.ProfileDueAt <= now)
            .OrderBy(c => c.ProfileDueAt)
            .Take(10)
            .ToListAsync(cancellationToken);
        var processed = 0;
        foreach (var citizen in due)
        {
            var claimed = await db.Citizens
                .Where(c => c.Id == citizen.Id && c.ProfileDueAt != null && c.ProfileDueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ProfileDueAt, now + ClaimLease), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            processed++;
            await RefreshAsync(citizen, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Erased while its profile was being read: nothing to keep. The context no longer
                // tracks the rest of the batch, so the next batch reads them afresh.
                db.ChangeTracker.Clear();
                break;
            }
        }

        return processed;
    }

    private async Task RefreshAsync(Citizen citizen, CancellationToken cancellationToken)
    {
        var settings = citizenOptions.Value;
        var now = _time.GetUtcNow();
        try
        {
            var profile = await clients.GetClient(citizen.OaId).Users.GetAsync(citizen.UserId, cancellationToken);
            citizen.DisplayName = string.IsNullOrWhiteSpace(profile.DisplayName) ? citizen.DisplayName : Clip(profile.DisplayName.Trim(), Citizen.MaxNameLength);
            var url = profile.Avatars is { } sizes && sizes.TryGetValue("120", out var small) ? small : profile.Avatar;
            if (avatars.Refusal(url) is { } refusal)
            {
                // Not fetched, and not shown: the name is kept, the avatar is not.
                LogAvatarRefused(_logger, citizen.Id, refusal);
                citizen.Avatar = null;
                citizen.AvatarContentType = null;
            }
            else if (await avatars.FetchAsync(url, settings.MaxAvatarBytes, cancellationToken) is { } image)
            {
                citizen.Avatar = image.Bytes;
                citizen.AvatarContentType = image.ContentType;
            }
            else
            {
                LogAvatarRefused(_logger, citizen.Id, "not a small image");
            }

            citizen.ProfileFetchedAt = now;
            citizen.ProfileAttempts = 0;
            citizen.ProfileDueAt = now + settings.ProfileRefresh;
            LogRefreshed(_logger, citizen.Id, citizen.OaId);
        }
        catch (Exception ex) when (ex is ZaloException or HttpRequestException or IOException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            citizen.ProfileAttempts++;
            var giveUp = citizen.ProfileAttempts >= Math.Max(1, settings.MaxProfileAttempts);
            citizen.ProfileDueAt = now + (giveUp ? settings.ProfileRefresh : Backoff(citizen.ProfileAttempts));
            if (giveUp)
            {
                citizen.ProfileAttempts = 0;
            }

            LogFailed(_logger, citizen.Id, citizen.OaId, ex.GetType().Name, (ex as ZaloApiException)?.ErrorCode.Value, citizen.ProfileDueAt.Value);
        }
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Citizen {CitizenId} of OA {OaId}: Zalo profile read.")]
    private static partial void LogRefreshed(ILogger logger, int citizenId, string oaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Citizen {CitizenId} of OA {OaId}: reading the Zalo profile failed ({Failure}, code {ErrorCode}); next attempt at {NextAttempt}.")]
    private static partial void LogFailed(ILogger logger, int citizenId, string oaId, string failure, int? errorCode, DateTimeOffset nextAttempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Citizen {CitizenId}: avatar not kept ({Reason}).")]
    private static partial void LogAvatarRefused(ILogger logger, int citizenId, string reason);
}
