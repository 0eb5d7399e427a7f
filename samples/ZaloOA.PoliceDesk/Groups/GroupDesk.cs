using System.Text;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.PoliceDesk.Zalo;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Groups;
using ZaloOA.Sdk.Messaging;

#pragma warning disable ZALO003 // Zalo's group chat (GMF) API is experimental in the SDK; the desk accepts that.

namespace ZaloOA.PoliceDesk.Groups;

/// <summary>
/// A unit's Zalo group chats (GMF): which of its OA's groups it uses, and warnings broadcast to
/// them (a scam alert, a missing person). Access follows <see cref="CaseAccess"/>: an officer acts
/// for their own unit, an administrator for the units below theirs; linking a group is
/// <see cref="CaseAccess.CanLinkOa"/>'s, like connecting the OA. Every id from a form is a claim:
/// a group is linked only when Zalo lists it among the unit's OA's groups, and a warning goes only
/// to groups linked to that unit through its current OA. Every Zalo call goes through the SDK's
/// <see cref="GroupsClient"/> of the unit's own OA.
/// </summary>
public sealed partial class GroupDesk(
    DeskDbContext db,
    CaseAccess access,
    DeskAudit audit,
    IServiceProvider services,
    TimeProvider time,
    ILogger<GroupDesk> logger)
{
    /// <summary>The longest title of a warning (the text as a whole is held to Zalo's
    /// <see cref="ZaloMessageLimits.MaxTextLength"/>).</summary>
    public const int MaxTitleLength = 150;

    /// <summary>Units the user can see that have a Zalo OA, in tree order.</summary>
    public Task<List<Unit>> UnitsAsync(DeskUser user, CancellationToken cancellationToken = default) =>
        access.VisibleUnits(user).Where(u => u.ZaloOaId != null).OrderBy(u => u.Path).ToListAsync(cancellationToken);

    /// <summary>The groups linked to a unit the user can see (none for another unit).</summary>
    public Task<List<UnitGroupLink>> LinksAsync(DeskUser user, int unitId, CancellationToken cancellationToken = default) =>
        Visible(user).Where(l => l.UnitId == unitId).OrderBy(l => l.Name).ToListAsync(cancellationToken);

    private IQueryable<UnitGroupLink> Visible(DeskUser user)
    {
        var units = access.VisibleUnits(user).Select(u => u.Id);
        return db.GroupLinks.Where(l => units.Contains(l.UnitId));
    }

    /// <summary>
    /// The groups the unit's OA manages, as Zalo lists them (<c>getgroupsofoa</c>), or why they
    /// cannot be listed. The unit must come from <see cref="UnitsAsync"/>.
    /// </summary>
    public async Task<(IReadOnlyList<ZaloGroup> Groups, string? Error)> ZaloGroupsAsync(Unit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var client = Client(unit, out var unavailable);
        if (client is null)
        {
            return ([], unavailable);
        }

        try
        {
            var groups = new List<ZaloGroup>();
            await foreach (var group in client.Groups.ListAllAsync(cancellationToken: cancellationToken))
            {
                groups.Add(group);
            }

            return (groups, null);
        }
        catch (Exception ex) when (ex is ZaloException or ZaloValidationException)
        {
            LogListFailed(logger, unit.Code, ex.GetType().Name);
            return ([], Explain(ex));
        }
    }

    /// <summary>
    /// Links one of the unit's OA's groups to the unit. The group id is a claim from the form: it is
    /// linked only when Zalo lists it among the OA's groups right now.
    /// </summary>
    public async Task<DeskResult> LinkAsync(DeskUser user, int unitId, string? groupId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var unit = await access.VisibleUnits(user).FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return DeskResult.NotFound;
        }

        if (!CaseAccess.CanLinkOa(user, unit))
        {
            return DeskResult.Forbidden("Chỉ cán bộ của đơn vị hoặc quản trị viên cấp trên được liên kết nhóm Zalo của đơn vị.");
        }

        if (string.IsNullOrWhiteSpace(groupId))
        {
            return DeskResult.Invalid("Hãy chọn một nhóm Zalo.");
        }

        var (groups, error) = await ZaloGroupsAsync(unit, cancellationToken);
        if (error is not null)
        {
            return DeskResult.Invalid(error);
        }

        var group = groups.FirstOrDefault(g => string.Equals(g.GroupId, groupId, StringComparison.Ordinal));
        if (group is null)
        {
            return DeskResult.Forbidden($"Nhóm này không thuộc Zalo OA của {unit.Name} (Zalo không liệt kê nhóm này cho OA của đơn vị).");
        }

        if (await db.GroupLinks.AnyAsync(l => l.GroupId == groupId, cancellationToken))
        {
            return DeskResult.Invalid("Nhóm này đã được liên kết.");
        }

        var name = string.IsNullOrWhiteSpace(group.Name) ? groupId : Short(group.Name.Trim(), 200);
        db.GroupLinks.Add(new UnitGroupLink
        {
            UnitId = unit.Id,
            OaId = unit.ZaloOaId!,
            GroupId = groupId,
            Name = name,
            LinkedAt = time.GetUtcNow(),
            LinkedById = user.Id,
        });
        audit.Add(user, GroupAuditActions.Linked, unit.Id, detail: $"Nhóm \"{name}\" ({groupId})");
        await db.SaveChangesAsync(cancellationToken);
        return new DeskResult(DeskOutcome.Ok, $"Đã liên kết nhóm \"{name}\" với {unit.Name}.");
    }

    /// <summary>Removes a link (the group itself stays on Zalo).</summary>
    public async Task<DeskResult> UnlinkAsync(DeskUser user, int linkId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var link = await Visible(user)
            .Include(l => l.Unit)
            .FirstOrDefaultAsync(l => l.Id == linkId, cancellationToken);
        if (link is null)
        {
            return DeskResult.NotFound;
        }

        if (!CaseAccess.CanLinkOa(user, link.Unit))
        {
            return DeskResult.Forbidden("Chỉ cán bộ của đơn vị hoặc quản trị viên cấp trên được bỏ liên kết nhóm Zalo.");
        }

        db.GroupLinks.Remove(link);
        audit.Add(user, GroupAuditActions.Unlinked, link.UnitId, detail: $"Nhóm \"{link.Name}\" ({link.GroupId})");
        await db.SaveChangesAsync(cancellationToken);
        return new DeskResult(DeskOutcome.Ok, $"Đã bỏ liên kết nhóm \"{link.Name}\".");
    }

    /// <summary>
    /// Posts a warning into the chosen groups of the unit. The groups are claims from the form:
    /// unless every one is linked to this unit through its current OA, nothing is sent. A group
    /// Zalo refuses does not stop the others; each gets its own result.
    /// </summary>
    public async Task<GroupBroadcastReport> BroadcastAsync(DeskUser user, GroupWarning warning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(warning);
        var unit = await access.VisibleUnits(user).FirstOrDefaultAsync(u => u.Id == warning.UnitId, cancellationToken);
        if (unit is null)
        {
            return GroupBroadcastReport.Refused(DeskResult.NotFound);
        }

        var (message, problem) = Compose(unit, warning);
        if (problem is not null)
        {
            return GroupBroadcastReport.Refused(DeskResult.Invalid(problem));
        }

        var chosen = warning.GroupIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            return GroupBroadcastReport.Refused(DeskResult.Invalid("Hãy chọn ít nhất một nhóm Zalo để gửi cảnh báo."));
        }

        var links = await db.GroupLinks
            .Where(l => l.UnitId == unit.Id && l.OaId == unit.ZaloOaId && chosen.Contains(l.GroupId))
            .ToListAsync(cancellationToken);
        if (links.Count != chosen.Count)
        {
            LogUnlinkedGroupRefused(logger, user.Id, unit.Code, chosen.Count - links.Count);
            return GroupBroadcastReport.Refused(DeskResult.Forbidden($"Chỉ gửi được tới các nhóm Zalo đã liên kết với {unit.Name}. Không có tin nào được gửi."));
        }

        var client = Client(unit, out var unavailable);
        if (client is null)
        {
            return GroupBroadcastReport.Refused(DeskResult.Invalid(unavailable!));
        }

        var deliveries = new List<GroupDelivery>();
        foreach (var link in links.OrderBy(l => chosen.IndexOf(l.GroupId)))
        {
            deliveries.Add(await SendAsync(client, unit, link, message!, cancellationToken));
        }

        var summary = string.Join("; ", deliveries.Select(d => $"\"{d.GroupName}\": {d.Status.Vi()}"));
        audit.Add(user, GroupAuditActions.Broadcast, unit.Id, detail: $"{warning.Kind.Vi()} \"{Short(warning.Title.Trim(), 80)}\" tới {deliveries.Count} nhóm — {summary}");
        await db.SaveChangesAsync(cancellationToken);
        var sent = deliveries.Count(d => d.Status == GroupDeliveryStatus.Sent);
        return new GroupBroadcastReport(
            new DeskResult(sent == deliveries.Count ? DeskOutcome.Ok : DeskOutcome.Failed, $"Đã gửi cảnh báo tới {sent}/{deliveries.Count} nhóm Zalo."),
            deliveries);
    }

    private async Task<GroupDelivery> SendAsync(ZaloOAClient client, Unit unit, UnitGroupLink link, ZaloMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await client.Groups.SendAsync(link.GroupId, message, cancellationToken);
            return new GroupDelivery(link.GroupId, link.Name, GroupDeliveryStatus.Sent, GroupDeliveryStatus.Sent.Vi());
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.GroupDisabled)
        {
            LogGroupRefused(logger, unit.Code, link.GroupId, ex.ErrorCode.Value);
            return new GroupDelivery(link.GroupId, link.Name, GroupDeliveryStatus.Disabled,
                "Nhóm đang bị vô hiệu vì gói nhóm (GMF) của OA đã hết hạn (mã -237). Gia hạn gói trên Zalo OA rồi gửi lại.");
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.OaNotInGroup)
        {
            LogGroupRefused(logger, unit.Code, link.GroupId, ex.ErrorCode.Value);
            return new GroupDelivery(link.GroupId, link.Name, GroupDeliveryStatus.NotInGroup,
                "Zalo OA của đơn vị không còn trong nhóm này (mã -403). Hãy thêm OA vào nhóm hoặc bỏ liên kết nhóm.");
        }
        catch (Exception ex) when (ex is ZaloException or ZaloValidationException)
        {
            LogGroupFailed(logger, unit.Code, link.GroupId, ex.GetType().Name);
            return new GroupDelivery(link.GroupId, link.Name, GroupDeliveryStatus.Failed, Explain(ex));
        }
    }

    /// <summary>The message every chosen group receives: the kind's heading, the title, the text and
    /// the unit's name and hotline, within Zalo's length; with a picture when a link is given.</summary>
    internal static (ZaloMessage? Message, string? Problem) Compose(Unit unit, GroupWarning warning)
    {
        var title = warning.Title?.Trim() ?? "";
        var body = warning.Body?.Trim() ?? "";
        if (title.Length == 0 || body.Length == 0)
        {
            return (null, "Hãy nhập tiêu đề và nội dung cảnh báo.");
        }

        if (title.Length > MaxTitleLength)
        {
            return (null, $"Tiêu đề tối đa {MaxTitleLength} ký tự.");
        }

        if (SafeUrl.Problem(warning.ImageUrl, "hình ảnh") is { } urlProblem)
        {
            return (null, urlProblem);
        }

        var text = new StringBuilder()
            .Append(warning.Kind.Heading()).Append(": ").Append(title).Append("\n\n")
            .Append(body).Append("\n\n— ").Append(unit.Name);
        if (unit.HotlineList.Count > 0)
        {
            text.Append(" · ĐT ").Append(unit.HotlineList[0]);
        }

        // Zalo reads "[@…]" as a mention ("[@group_id]" notifies everyone); a warning mentions no one.
        var composed = text.ToString().Replace("[@", "[ @", StringComparison.Ordinal).Normalize(NormalizationForm.FormC);
        if (composed.Length > ZaloMessageLimits.MaxTextLength)
        {
            return (null, $"Cảnh báo dài {composed.Length} ký tự (kể cả tiêu đề và tên đơn vị); Zalo cho phép tối đa {ZaloMessageLimits.MaxTextLength}. Hãy rút gọn nội dung.");
        }

        return SafeUrl.TryParse(warning.ImageUrl, out var image)
            ? (ZaloImageMessage.FromUrl(image, composed), null)
            : (new ZaloTextMessage(composed), null);
    }

    private ZaloOAClient? Client(Unit unit, out string? unavailable) =>
        UnitZaloClient.For(services, unit, "dùng nhóm Zalo", out unavailable);

    /// <summary>The Vietnamese explanation of an SDK failure.</summary>
    private static string Explain(Exception ex) => UnitZaloClient.Explain(ex, "Cảnh báo");

    private static string Short(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the Zalo groups of unit {UnitCode} failed: {ErrorType}.")]
    private static partial void LogListFailed(ILogger logger, string unitCode, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo refused a warning of unit {UnitCode} to group {GroupId} with error {ErrorCode}.")]
    private static partial void LogGroupRefused(ILogger logger, string unitCode, string groupId, int errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A warning of unit {UnitCode} to group {GroupId} failed: {ErrorType}.")]
    private static partial void LogGroupFailed(ILogger logger, string unitCode, string groupId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff {StaffId} asked to warn {Count} group(s) not linked to unit {UnitCode}; nothing was sent.")]
    private static partial void LogUnlinkedGroupRefused(ILogger logger, int staffId, string unitCode, int count);
}

/// <summary>What the broadcast form sends.</summary>
public sealed class GroupWarning
{
    public int UnitId { get; set; }

    public GroupWarningKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>A picture (of the missing person, the scam message) by http(s) link, or null.</summary>
    public string? ImageUrl { get; set; }

    /// <summary>The groups chosen (Zalo group ids), claims until checked against the unit's links.</summary>
    public List<string> GroupIds { get; set; } = [];
}

/// <summary>What a warning is about.</summary>
public enum GroupWarningKind
{
    /// <summary>A fraud going round (a caller posing as the police, a fake prize).</summary>
    ScamAlert,

    /// <summary>A person missing.</summary>
    MissingPerson,

    /// <summary>Any other notice to the groups.</summary>
    Notice,
}

/// <summary>What happened to a warning in one group.</summary>
public enum GroupDeliveryStatus
{
    Sent,

    /// <summary>-237: the group's GMF asset expired.</summary>
    Disabled,

    /// <summary>-403: the OA is not in the group.</summary>
    NotInGroup,

    Failed,
}

/// <summary>One group's result, with the Vietnamese explanation shown to the officer.</summary>
public sealed record GroupDelivery(string GroupId, string GroupName, GroupDeliveryStatus Status, string Message);

/// <summary>The outcome of a broadcast: the desk's result and, when anything was sent, each group's.</summary>
public sealed record GroupBroadcastReport(DeskResult Result, IReadOnlyList<GroupDelivery> Deliveries)
{
    public static GroupBroadcastReport Refused(DeskResult result) => new(result, []);
}

/// <summary>Audit action codes of the group chats.</summary>
public static class GroupAuditActions
{
    public const string Linked = "groups.linked";
    public const string Unlinked = "groups.unlinked";
    public const string Broadcast = "groups.broadcast";
}

/// <summary>Vietnamese labels of the group chats.</summary>
public static class GroupLabels
{
    public static string Vi(this GroupWarningKind kind) => kind switch
    {
        GroupWarningKind.ScamAlert => "Cảnh báo lừa đảo",
        GroupWarningKind.MissingPerson => "Tìm người mất tích",
        _ => "Thông báo",
    };

    /// <summary>The heading the warning opens with in the group.</summary>
    public static string Heading(this GroupWarningKind kind) => kind switch
    {
        GroupWarningKind.ScamAlert => "⚠️ CẢNH BÁO LỪA ĐẢO",
        GroupWarningKind.MissingPerson => "🔎 TÌM NGƯỜI MẤT TÍCH",
        _ => "📢 THÔNG BÁO",
    };

    public static string Vi(this GroupDeliveryStatus status) => status switch
    {
        GroupDeliveryStatus.Sent => "Đã gửi",
        GroupDeliveryStatus.Disabled => "Nhóm bị vô hiệu (-237)",
        GroupDeliveryStatus.NotInGroup => "OA không còn trong nhóm (-403)",
        _ => "Gửi thất bại",
    };

    /// <summary>Vietnamese name of a group audit action, or null for other codes.</summary>
    public static string? AuditVi(string action) => action switch
    {
        GroupAuditActions.Linked => "Liên kết nhóm Zalo",
        GroupAuditActions.Unlinked => "Bỏ liên kết nhóm Zalo",
        GroupAuditActions.Broadcast => "Gửi cảnh báo tới nhóm Zalo",
        _ => null,
    };
}
