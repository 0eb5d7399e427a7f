using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Api;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Privacy;

/// <summary>Everything the desk holds about one citizen, as exported on request.</summary>
/// <param name="ExportedAt">When.</param>
/// <param name="ExportedBy">The administrator.</param>
/// <param name="OaId">The OA the citizen wrote to (Zalo user ids are per OA).</param>
/// <param name="CitizenUserId">The citizen's Zalo user id at that OA.</param>
/// <param name="Cases">Each case with its conversation, media list and internal notes.</param>
/// <param name="Profile">The citizen's profile (Zalo name, what they shared, blocking), if the desk holds one.</param>
public sealed record CitizenExport(DateTimeOffset ExportedAt, string ExportedBy, string OaId, string CitizenUserId, IReadOnlyList<CaseDetailDto> Cases, CitizenProfileExport? Profile = null);

/// <summary>The citizen's profile as exported.</summary>
/// <param name="DisplayName">Zalo's display name.</param>
/// <param name="HasAvatar">Whether the desk holds a copy of the Zalo avatar.</param>
/// <param name="ProfileFetchedAt">When the Zalo profile was read.</param>
/// <param name="SharedName">The name the citizen shared.</param>
/// <param name="SharedPhone">The phone number the citizen shared.</param>
/// <param name="SharedAddress">The address the citizen shared.</param>
/// <param name="InfoSharedAt">When they shared it.</param>
/// <param name="BlockedAt">When staff blocked them, if blocked.</param>
public sealed record CitizenProfileExport(string? DisplayName, bool HasAvatar, DateTimeOffset? ProfileFetchedAt, string? SharedName, string? SharedPhone, string? SharedAddress, DateTimeOffset? InfoSharedAt, DateTimeOffset? BlockedAt);

/// <summary>
/// A citizen's requests about their data, handled by an administrator: export everything the desk
/// holds about them, or erase it (<see cref="CaseAnonymizer"/>). The citizen is found from one of
/// their case numbers (Zalo user ids are per OA, so "the citizen" is that OA's user); every case of
/// that citizen in the administrator's scope is included. Both are audited per case.
/// </summary>
public sealed class CitizenDataRequests(DeskDbContext db, CaseAccess access, CaseAnonymizer anonymizer, DeskAudit audit, TimeProvider time)
{
    private static readonly JsonSerializerOptions ExportJson = new(CitizenExportJsonContext.Default.Options)
    {
        // Vietnamese stays readable in the file.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The export as UTF-8 JSON; null when the case number is not in the administrator's scope.</summary>
    public async Task<(CitizenExport Export, byte[] Json)?> ExportAsync(DeskUser admin, string? caseNumber, CancellationToken cancellationToken = default)
    {
        var cases = await CasesOfAsync(admin, caseNumber, cancellationToken);
        if (cases is null)
        {
            return null;
        }

        var details = new List<CaseDetailDto>(cases.Count);
        foreach (var @case in cases)
        {
            details.Add(await CasesApi.DetailAsync(db, @case, cancellationToken));
            audit.Add(admin, AuditActions.CitizenExported, @case.UnitId, @case.Id, @case.Number);
        }

        await db.SaveChangesAsync(cancellationToken);
        var profile = await db.Citizens.AsNoTracking().Where(z => z.OaId == cases[0].OaId && z.UserId == cases[0].CitizenUserId)
            .Select(z => new CitizenProfileExport(z.DisplayName, z.Avatar != null, z.ProfileFetchedAt, z.SharedName, z.SharedPhone, z.SharedAddress, z.InfoSharedAt, z.BlockedAt))
            .FirstOrDefaultAsync(cancellationToken);
        var export = new CitizenExport(time.GetUtcNow(), admin.DisplayName, cases[0].OaId, cases[0].CitizenUserId, details, profile);
        return (export, JsonSerializer.SerializeToUtf8Bytes(export, ExportJson.GetTypeInfo(typeof(CitizenExport))));
    }

    /// <summary>Erases the citizen's personal data from every case of theirs in scope (open ones are closed).</summary>
    public async Task<DeskResult> EraseAsync(DeskUser admin, string? caseNumber, CancellationToken cancellationToken = default)
    {
        var cases = await CasesOfAsync(admin, caseNumber, cancellationToken);
        if (cases is null)
        {
            return DeskResult.NotFound;
        }

        // Read before erasing: the anonymizer rewrites the tracked cases' citizen id.
        var (oaId, userId) = (cases[0].OaId, cases[0].CitizenUserId);
        var counts = await anonymizer.EraseAsync([.. cases.Select(c => c.Id)], (erased, total) =>
        {
            foreach (var @case in erased)
            {
                audit.Add(admin, AuditActions.CitizenErased, @case.UnitId, @case.Id, $"{@case.Number} (yêu cầu của người dân; cùng lần: {total})");
            }
        }, cancellationToken);
        // Zalo events kept for a conversation the desk had not matched (echoes, receipts) can hold
        // this citizen's messages too: they go with the rest, not only at their 30-day expiry.
        await db.UnmatchedZaloEvents.Where(e => e.OaId == oaId && e.CitizenUserId == userId).ExecuteDeleteAsync(cancellationToken);
        return new DeskResult(DeskOutcome.Ok, $"Đã xóa dữ liệu cá nhân của người dân: {counts}.");
    }

    private async Task<List<CitizenCase>?> CasesOfAsync(DeskUser admin, string? caseNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!CaseAccess.CanManageCitizenData(admin) || string.IsNullOrWhiteSpace(caseNumber))
        {
            return null;
        }

        var number = caseNumber.Trim().ToUpperInvariant();
        var citizen = await access.HandledCases(admin).Where(c => c.Number == number && c.AnonymizedAt == null)
            .Select(c => new { c.OaId, c.CitizenUserId }).FirstOrDefaultAsync(cancellationToken);
        if (citizen is null)
        {
            return null;
        }

        return await access.HandledCases(admin)
            .Where(c => c.OaId == citizen.OaId && c.CitizenUserId == citizen.CitizenUserId && c.AnonymizedAt == null)
            .Include(c => c.Unit).Include(c => c.AssignedTo)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>Source-generated JSON for <see cref="CitizenExport"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(CitizenExport))]
internal sealed partial class CitizenExportJsonContext : JsonSerializerContext;
