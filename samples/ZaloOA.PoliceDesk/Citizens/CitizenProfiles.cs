using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>A citizen as a case page or an inbox row shows them.</summary>
/// <param name="DisplayName">Zalo's display name, or null before the first profile read.</param>
/// <param name="AvatarDataUri">The stored avatar as a <c>data:</c> URI, or null.</param>
/// <param name="BlockedAt">Set while blocked.</param>
/// <param name="SharedName">The submitted name.</param>
/// <param name="SharedPhone">The submitted phone number.</param>
/// <param name="SharedAddress">The submitted address.</param>
/// <param name="InfoSharedAt">When the citizen last submitted information.</param>
/// <param name="InfoRequestedAt">When staff last asked for it.</param>
/// <param name="ProfileFetchedAt">When the Zalo profile was last read.</param>
public sealed record CitizenCard(
    string? DisplayName, string? AvatarDataUri, DateTimeOffset? BlockedAt,
    string? SharedName, string? SharedPhone, string? SharedAddress, DateTimeOffset? InfoSharedAt,
    DateTimeOffset? InfoRequestedAt, DateTimeOffset? ProfileFetchedAt)
{
    /// <summary>Nothing known yet.</summary>
    public static readonly CitizenCard Unknown = new(null, null, null, null, null, null, null, null, null);

    /// <summary>True while the citizen is blocked.</summary>
    public bool IsBlocked => BlockedAt is not null;

    /// <summary>For lists (the inbox): the display name with phone and id numbers masked.</summary>
    public string? ListName => PersonalData.Mask(DisplayName ?? SharedName);

    internal static CitizenCard From(Citizen c) => new(
        c.DisplayName, AvatarUri(c.Avatar, c.AvatarContentType), c.BlockedAt,
        c.SharedName, c.SharedPhone, c.SharedAddress, c.InfoSharedAt, c.InfoRequestedAt, c.ProfileFetchedAt);

    private static string? AvatarUri(byte[]? bytes, string? type) =>
        bytes is { Length: > 0 } && AvatarImage.IsAllowedType(type) ? $"data:{type};base64,{Convert.ToBase64String(bytes)}" : null;
}

/// <summary>Another case of the same citizen, as the case page lists it.</summary>
public sealed record EarlierCase(int Id, string Number, CaseStatus Status, DateTimeOffset CreatedAt, string UnitName, string? Summary);

/// <summary>
/// The citizen behind a case: their cached Zalo profile, what they shared, their other cases, and
/// the officer's actions on them (ask for contact information, block, unblock). Every action starts
/// from a case id the officer may read (<see cref="CaseAccess"/>): a citizen of a case outside the
/// officer's scope does not exist for them. Intake and the webhook use the <c>Track</c>/<c>Record</c>
/// members; they never call Zalo (the profile is read by <see cref="CitizenProfileWorker"/>).
/// </summary>
public sealed partial class CitizenProfiles(
    DeskDbContext db,
    CaseAccess access,
    DeskAudit audit,
    CitizenOutbox outbox,
    CitizenProfileSignal signal,
    IOptions<CitizenOptions> options,
    TimeProvider time,
    ILogger<CitizenProfiles> logger)
{
    /// <summary>
    /// The citizen's row, added (profile due now) when the desk sees them for the first time. The
    /// caller's <c>SaveChanges</c> commits it; call <see cref="ProfileQueued"/> after the commit.
    /// A concurrent first sight loses on the unique index and the caller's retry finds the row.
    /// </summary>
    public async Task<Citizen> TrackAsync(string oaId, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var citizen = await db.Citizens.FirstOrDefaultAsync(c => c.OaId == oaId && c.UserId == userId, cancellationToken);
        return citizen ?? Add(oaId, userId);
    }

    /// <summary>
    /// Adds the row of a citizen the caller has looked up and found unknown (intake reads that with
    /// its other look-ups in one query), profile due now; otherwise as <see cref="TrackAsync"/>.
    /// </summary>
    public Citizen Add(string oaId, string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var citizen = new Citizen { OaId = oaId, UserId = userId, ProfileDueAt = time.GetUtcNow() };
        db.Citizens.Add(citizen);
        return citizen;
    }

    /// <summary>After a commit that added citizens: wakes the profile reader.</summary>
    public void ProfileQueued() => signal.Notify();

    /// <summary>The citizen of each case (for the inbox rows); cases whose citizen is unknown are left out.</summary>
    public async Task<Dictionary<int, CitizenCard>> CardsForCasesAsync(IEnumerable<int> caseIds, CancellationToken cancellationToken = default)
    {
        var ids = caseIds.ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Cases.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Join(db.Citizens.AsNoTracking(), c => new { c.OaId, UserId = c.CitizenUserId }, z => new { z.OaId, z.UserId }, (c, z) => new { c.Id, Citizen = z })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => CitizenCard.From(r.Citizen));
    }

    /// <summary>The citizen of a case the user can read; null when the case is not in their scope.</summary>
    public async Task<CitizenCard?> CardAsync(DeskUser user, int caseId, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindReadableCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return null;
        }

        var citizen = await db.Citizens.AsNoTracking().FirstOrDefaultAsync(c => c.OaId == @case.OaId && c.UserId == @case.CitizenUserId, cancellationToken);
        return citizen is null ? CitizenCard.Unknown : CitizenCard.From(citizen);
    }

    /// <summary>The same citizen's other cases that <paramref name="user"/> may read, newest first.</summary>
    public async Task<List<EarlierCase>> OtherCasesAsync(DeskUser user, int caseId, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindReadableCaseAsync(user, caseId, cancellationToken);
        if (@case is null || @case.AnonymizedAt is not null)
        {
            return [];
        }

        var rows = await access.ReadableCases(user).AsNoTracking()
            .Where(c => c.OaId == @case.OaId && c.CitizenUserId == @case.CitizenUserId && c.Id != @case.Id)
            .OrderByDescending(c => c.Id)
            .Take(20)
            .Select(c => new EarlierCase(c.Id, c.Number, c.Status, c.CreatedAt, c.Unit.Name, c.Summary))
            .ToListAsync(cancellationToken);
        // A list: numbers masked, as in the inbox (each case's own page shows them, audited).
        return [.. rows.Select(r => r with { Summary = PersonalData.Mask(r.Summary) })];
    }

    /// <summary>Blocks (<paramref name="blocked"/> true) or unblocks the citizen of a case the user can
    /// read, with an audit entry on that case. Blocking holds back automatic answers; their messages
    /// are still filed.</summary>
    public async Task<DeskResult> SetBlockedAsync(DeskUser user, int caseId, bool blocked, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
        }

        if (@case.AnonymizedAt is not null)
        {
            return DeskResult.Invalid("Dữ liệu cá nhân của hồ sơ này đã được xóa.");
        }

        var citizen = await TrackAsync(@case.OaId, @case.CitizenUserId, cancellationToken);
        if ((citizen.BlockedAt is not null) == blocked)
        {
            return DeskResult.Done(blocked ? "Người dân này đã bị chặn từ trước." : "Người dân này không bị chặn.");
        }

        citizen.BlockedAt = blocked ? time.GetUtcNow() : null;
        citizen.BlockedById = blocked ? user.Id : null;
        audit.Add(user, blocked ? CitizenAuditActions.Blocked : CitizenAuditActions.Unblocked, @case.UnitId, @case.Id, @case.Number);
        await db.SaveChangesAsync(cancellationToken);
        LogBlocked(logger, citizen.Id, blocked, user.Id);
        return DeskResult.Done(blocked
            ? "Đã chặn người dân: tin nhắn vẫn được lưu vào hồ sơ nhưng không gửi trả lời tự động."
            : "Đã bỏ chặn người dân.");
    }

    /// <summary>Queues Zalo's request-information message (name, phone, address) to the citizen of a
    /// case the user can read, through the outbox; the answer arrives as <c>user_submit_info</c>.</summary>
    public async Task<DeskResult> RequestInfoAsync(DeskUser user, int caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
        }

        if (@case.AnonymizedAt is not null)
        {
            return DeskResult.Invalid("Dữ liệu cá nhân của hồ sơ này đã được xóa; không thể gửi.");
        }

        var request = RequestMessage(@case.Unit.Name, @case.Number, options.Value.RequestInfoImageUrl);
        var now = time.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = new CaseMessage
        {
            CaseId = @case.Id,
            Direction = MessageDirection.Outbound,
            Kind = MessageKind.Text,
            Text = $"[Yêu cầu chia sẻ thông tin liên hệ] {request.Subtitle}",
            At = now,
            SentById = user.Id,
            Delivery = DeliveryStatus.Pending,
        };
        db.Messages.Add(message);
        @case.LastActivityAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var row = outbox.Add(@case.OaId, @case.CitizenUserId, OutboundContent.From(request), message);
        var citizen = await TrackAsync(@case.OaId, @case.CitizenUserId, cancellationToken);
        citizen.InfoRequestedAt = now;
        audit.Add(user, CitizenAuditActions.InfoRequested, @case.UnitId, @case.Id, @case.Number);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        outbox.Queued([row]);
        ProfileQueued();
        return DeskResult.Done("Đã xếp yêu cầu chia sẻ thông tin vào hàng đợi gửi; khi người dân gửi biểu mẫu, số điện thoại hiện ở đây.");
    }

    /// <summary>The request-information message for a case of <paramref name="unitName"/>.</summary>
    public static ZaloRequestUserInfoMessage RequestMessage(string unitName, string caseNumber, string? imageUrl)
    {
        ArgumentNullException.ThrowIfNull(unitName);
        var title = unitName.Length <= ZaloMessageLimits.MaxRequestUserInfoTitleLength ? unitName : unitName[..ZaloMessageLimits.MaxRequestUserInfoTitleLength];
        var subtitle = $"Chia sẻ số điện thoại để cán bộ liên hệ với bạn về phản ánh {caseNumber}.";
        return new ZaloRequestUserInfoMessage(title, subtitle, SafeUrl.TryParse(imageUrl, out var url) && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url : null);
    }

    /// <summary>Stores what a citizen submitted (<c>user_submit_info</c>, signature already checked) on
    /// their row, and notes it in the audit log of their open case (without the values).</summary>
    public async Task RecordSubmittedInfoAsync(UserSubmitInfoEvent submitted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        var info = submitted.Info;
        var citizen = await TrackAsync(submitted.OaId, submitted.UserId, cancellationToken);
        var phone = Clip(info.Phone, Citizen.MaxPhoneLength);
        var name = Clip(info.Name, Citizen.MaxNameLength);
        var address = Clip(string.Join(", ", new[] { info.Address, info.Ward, info.District, info.City }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim())), Citizen.MaxAddressLength);
        // A form submitted again without a field keeps what was shared before.
        citizen.SharedPhone = phone ?? citizen.SharedPhone;
        citizen.SharedName = name ?? citizen.SharedName;
        citizen.SharedAddress = address ?? citizen.SharedAddress;
        citizen.InfoSharedAt = time.GetUtcNow();
        var open = await db.Cases.Where(c => c.OaId == submitted.OaId && c.CitizenUserId == submitted.UserId && c.ClosedAt == null)
            .Select(c => new { c.Id, c.UnitId }).FirstOrDefaultAsync(cancellationToken);
        var fields = string.Join(", ", new[] { (phone, "số điện thoại"), (name, "họ tên"), (address, "địa chỉ") }.Where(f => f.Item1 is not null).Select(f => f.Item2));
        audit.Add(null, CitizenAuditActions.InfoShared, open?.UnitId, open?.Id, fields.Length == 0 ? "không có trường nào" : fields);
        await db.SaveChangesAsync(cancellationToken);
        ProfileQueued();
        LogInfoShared(logger, citizen.Id, submitted.OaId, phone is not null);
    }

    private static string? Clip(string? value, int max)
    {
        value = value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Citizen {CitizenId}: blocked={Blocked} by staff {StaffId}.")]
    private static partial void LogBlocked(ILogger logger, int citizenId, bool blocked, int staffId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Citizen {CitizenId} of OA {OaId} submitted information (phone: {HasPhone}).")]
    private static partial void LogInfoShared(ILogger logger, int citizenId, string oaId, bool hasPhone);
}

/// <summary>Audit action codes of citizens' profiles and quick replies.</summary>
public static class CitizenAuditActions
{
    public const string Blocked = "citizen.blocked";
    public const string Unblocked = "citizen.unblocked";
    public const string InfoRequested = "citizen.info_requested";
    public const string InfoShared = "citizen.info_shared";
    public const string TemplateSaved = "template.saved";
    public const string TemplateDeleted = "template.deleted";

    /// <summary>The Vietnamese name of one of these actions, or null.</summary>
    public static string? AuditVi(string action) => action switch
    {
        Blocked => "Chặn người dân (tin rác)",
        Unblocked => "Bỏ chặn người dân",
        InfoRequested => "Gửi yêu cầu chia sẻ thông tin liên hệ",
        InfoShared => "Người dân chia sẻ thông tin liên hệ",
        TemplateSaved => "Lưu mẫu trả lời nhanh",
        TemplateDeleted => "Xóa mẫu trả lời nhanh",
        _ => null,
    };
}
