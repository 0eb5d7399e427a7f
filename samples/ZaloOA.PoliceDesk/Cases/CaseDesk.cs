using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Channel;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>Outcome of a desk action.</summary>
public enum DeskOutcome
{
    Ok,
    /// <summary>The case is outside the user's scope: answer 404.</summary>
    NotFound,
    /// <summary>The user may see it but not do this: answer 403.</summary>
    Forbidden,
    /// <summary>Bad input; <see cref="DeskResult.Message"/> says what to change.</summary>
    Invalid,
    /// <summary>The reply was refused with -230.</summary>
    WindowClosed,
    /// <summary>The reply could not be sent (see message).</summary>
    SendFailed,
}

/// <summary>Result of a desk action, with a Vietnamese message for the page.</summary>
public sealed record DeskResult(DeskOutcome Outcome, string? Message = null)
{
    public static readonly DeskResult Ok = new(DeskOutcome.Ok);
    public static readonly DeskResult NotFound = new(DeskOutcome.NotFound);

    public static DeskResult Forbidden(string message) => new(DeskOutcome.Forbidden, message);

    public static DeskResult Invalid(string message) => new(DeskOutcome.Invalid, message);
}

/// <summary>
/// Everything staff do to a case: reply, note, assign, change status and category, transfer.
/// Each action goes through <see cref="CaseAccess"/> and writes an audit entry.
/// </summary>
public sealed partial class CaseDesk(
    DeskDbContext db,
    CaseAccess access,
    DeskAudit audit,
    ICitizenChannel channel,
    MediaStorage storage,
    TimeProvider time,
    ILogger<CaseDesk> logger)
{
    /// <summary>Zalo's limit for images sent by the OA.</summary>
    public const long MaxImageBytes = 1024 * 1024;

    /// <summary>Zalo's limit for files sent by the OA.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Vietnamese explanation of -230 for staff.</summary>
    public const string WindowClosedExplanation =
        "Không gửi được: người dân chưa tương tác với Zalo OA của đơn vị trong 7 ngày qua (Zalo trả mã lỗi -230). "
        + "Zalo chỉ cho phép OA gửi tin tư vấn trong vòng 7 ngày kể từ lần cuối người dân nhắn tin hoặc tương tác với OA. "
        + "Tin nhắn đã được lưu vào hồ sơ nhưng chưa đến người dân. Hãy chờ người dân nhắn lại, "
        + "hoặc liên hệ trực tiếp qua số điện thoại nếu người dân đã cung cấp.";

    private static readonly string[] ImageTypes = ["image/jpeg", "image/png"];
    private static readonly string[] FileExtensions = [".pdf", ".doc", ".docx", ".csv"];

    /// <summary>The window state: Zalo's when the channel knows it, otherwise from the desk's history.</summary>
    public async Task<ConsultationWindow> GetWindowAsync(CitizenCase @case, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ConsultationWindow? fromZalo = null;
        try
        {
            fromZalo = await channel.GetConsultationWindowAsync(@case.OaId, @case.CitizenUserId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWindowLookupFailed(logger, @case.Id, ex.GetType().Name);
        }

        return fromZalo ?? new ConsultationWindow(@case.LastInboundAt, time.GetUtcNow(), WindowSource.DeskHistory);
    }

    /// <summary>Replies with text, and optionally an image or a file.</summary>
    public async Task<DeskResult> ReplyAsync(DeskUser user, int caseId, string? text, OutgoingFile? attachment, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return DeskResult.NotFound;
        }

        text = text?.Trim();
        if (string.IsNullOrEmpty(text) && attachment is null)
        {
            return DeskResult.Invalid("Hãy nhập nội dung trả lời hoặc chọn tệp đính kèm.");
        }

        if (text is { Length: > 2000 })
        {
            return DeskResult.Invalid("Nội dung trả lời tối đa 2000 ký tự.");
        }

        var isImage = attachment is not null && ImageTypes.Contains(attachment.ContentType, StringComparer.OrdinalIgnoreCase);
        if (attachment is not null)
        {
            if (isImage && attachment.Content.Length > MaxImageBytes)
            {
                return DeskResult.Invalid("Ảnh gửi qua Zalo tối đa 1 MB (JPG hoặc PNG). Hãy giảm kích thước ảnh.");
            }

            if (!isImage && !FileExtensions.Contains(Path.GetExtension(attachment.FileName), StringComparer.OrdinalIgnoreCase))
            {
                return DeskResult.Invalid("Zalo chỉ nhận ảnh JPG/PNG hoặc tệp PDF, DOC, DOCX, CSV.");
            }

            if (!isImage && attachment.Content.Length > MaxFileBytes)
            {
                return DeskResult.Invalid("Tệp gửi qua Zalo tối đa 5 MB.");
            }
        }

        var now = time.GetUtcNow();
        ChannelSendResult result;
        MessageKind kind;
        if (attachment is null)
        {
            kind = MessageKind.Text;
            result = await SafeSendAsync(() => channel.SendTextAsync(@case.OaId, @case.CitizenUserId, text!, cancellationToken));
        }
        else if (isImage)
        {
            kind = MessageKind.Image;
            result = await SafeSendAsync(() => channel.SendImageAsync(@case.OaId, @case.CitizenUserId, attachment, text, cancellationToken));
        }
        else
        {
            kind = MessageKind.File;
            result = await SafeSendAsync(() => channel.SendFileAsync(@case.OaId, @case.CitizenUserId, attachment, cancellationToken));
        }

        var delivery = result.Status switch
        {
            ChannelSendStatus.Sent => DeliveryStatus.Sent,
            ChannelSendStatus.WindowClosed => DeliveryStatus.WindowClosed,
            _ => DeliveryStatus.Failed,
        };
        var message = new CaseMessage
        {
            CaseId = @case.Id,
            Direction = MessageDirection.Outbound,
            Kind = kind,
            Text = text,
            SearchText = string.IsNullOrEmpty(text) ? null : Intake.VietnameseText.Fold(text).Trim(),
            At = now,
            SentById = user.Id,
            Delivery = delivery,
            DeliveryError = result.IsSent ? null : (result.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? result.Status.ToString()),
            OutboundZaloMessageId = result.ZaloMessageId,
        };
        db.Messages.Add(message);
        @case.LastActivityAt = now;
        if (result.IsSent)
        {
            @case.FirstResponseAt ??= now;
            if (@case.Status is CaseStatus.New or CaseStatus.Transferred)
            {
                @case.Status = CaseStatus.InProgress;
            }
        }

        var action = result.Status switch
        {
            ChannelSendStatus.Sent => AuditActions.Replied,
            ChannelSendStatus.WindowClosed => AuditActions.ReplyWindowClosed,
            _ => AuditActions.ReplyFailed,
        };
        Audit(user, action, @case, kind.Vi());
        await db.SaveChangesAsync(cancellationToken);

        if (attachment is not null)
        {
            var media = new MediaFile
            {
                CaseId = @case.Id,
                MessageId = message.Id,
                Kind = kind,
                FileName = Path.GetFileName(attachment.FileName),
                ContentType = attachment.ContentType,
                SizeBytes = attachment.Content.Length,
                Status = MediaStatus.Stored,
                CreatedAt = now,
                StoredAt = now,
                NextAttemptAt = now,
            };
            db.Media.Add(media);
            await db.SaveChangesAsync(cancellationToken);
            media.StoredPath = MediaStorage.RelativePathFor(@case.Id, media.Id, MediaStorage.ExtensionFor(attachment.ContentType, attachment.FileName, null));
            using var content = new MemoryStream(attachment.Content.ToArray(), writable: false);
            await storage.WriteAsync(media.StoredPath, content, MaxFileBytes, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        LogReply(logger, @case.Id, user.Id, result.Status);
        return result.Status switch
        {
            ChannelSendStatus.Sent => new DeskResult(DeskOutcome.Ok, "Đã gửi trả lời tới người dân."),
            ChannelSendStatus.WindowClosed => new DeskResult(DeskOutcome.WindowClosed, WindowClosedExplanation),
            ChannelSendStatus.NotConnected => new DeskResult(DeskOutcome.SendFailed,
                "Không gửi được: Zalo OA của đơn vị chưa được kết nối hoặc đã hết hạn ủy quyền. Cán bộ đơn vị hoặc quản trị viên cần bấm \"Kết nối Zalo OA\" ở trang Đơn vị."),
            ChannelSendStatus.Rejected when result.ErrorCode == -213 => new DeskResult(DeskOutcome.SendFailed,
                "Không gửi được: người dân không còn quan tâm (theo dõi) Zalo OA của đơn vị nên Zalo từ chối tin nhắn (mã lỗi -213). Tin nhắn đã được lưu vào hồ sơ; hãy liên hệ qua số điện thoại nếu có."),
            ChannelSendStatus.TransientFailure => new DeskResult(DeskOutcome.SendFailed,
                "Không gửi được do lỗi kết nối tới Zalo. Tin nhắn đã được lưu; vui lòng thử gửi lại sau ít phút."),
            _ => new DeskResult(DeskOutcome.SendFailed, $"Zalo từ chối tin nhắn (mã lỗi {result.ErrorCode}). Tin nhắn đã được lưu vào hồ sơ."),
        };
    }

    public async Task<DeskResult> AddNoteAsync(DeskUser user, int caseId, string? text, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return DeskResult.NotFound;
        }

        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 4000)
        {
            return DeskResult.Invalid("Ghi chú không được để trống và tối đa 4000 ký tự.");
        }

        var now = time.GetUtcNow();
        db.Notes.Add(new CaseNote { CaseId = @case.Id, AuthorId = user.Id, Text = text, CreatedAt = now });
        @case.LastActivityAt = now;
        Audit(user, AuditActions.NoteAdded, @case, null);
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    public async Task<DeskResult> AssignAsync(DeskUser user, int caseId, int? staffId, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return DeskResult.NotFound;
        }

        StaffUser? assignee = null;
        if (staffId is { } id)
        {
            assignee = await db.Staff.FirstOrDefaultAsync(s => s.Id == id && s.IsActive, cancellationToken);
            if (assignee is null)
            {
                return DeskResult.Invalid("Không tìm thấy cán bộ.");
            }

            if (assignee.UnitId != @case.UnitId)
            {
                return DeskResult.Forbidden("Chỉ phân công cho cán bộ của đơn vị đang thụ lý hồ sơ. Hãy chuyển hồ sơ trước.");
            }
        }

        @case.AssignedToId = assignee?.Id;
        @case.LastActivityAt = time.GetUtcNow();
        if (assignee is not null && @case.Status is CaseStatus.New or CaseStatus.Transferred)
        {
            @case.Status = CaseStatus.InProgress;
        }

        Audit(user, AuditActions.Assigned, @case, assignee is null ? "bỏ phân công" : assignee.DisplayName);
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    public async Task<DeskResult> ChangeStatusAsync(DeskUser user, int caseId, CaseStatus status, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return DeskResult.NotFound;
        }

        if (!Enum.IsDefined(status) || status == CaseStatus.Transferred)
        {
            return DeskResult.Invalid("Trạng thái \"Đã chuyển\" chỉ được đặt khi chuyển hồ sơ sang đơn vị khác.");
        }

        if (@case.Status == status)
        {
            return DeskResult.Ok;
        }

        var now = time.GetUtcNow();
        if (status != CaseStatus.Resolved && @case.ClosedAt is not null)
        {
            var anotherOpen = await db.Cases.AnyAsync(c => c.OaId == @case.OaId && c.CitizenUserId == @case.CitizenUserId && c.ClosedAt == null && c.Id != @case.Id, cancellationToken);
            if (anotherOpen)
            {
                return DeskResult.Invalid("Người dân này đã có một hồ sơ khác đang mở; không thể mở lại hồ sơ này.");
            }
        }

        var old = @case.Status;
        @case.Status = status;
        @case.ClosedAt = status == CaseStatus.Resolved ? now : null;
        @case.LastActivityAt = now;
        Audit(user, AuditActions.StatusChanged, @case, $"{old.Vi()} → {status.Vi()}");
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    public async Task<DeskResult> ChangeCategoryAsync(DeskUser user, int caseId, CaseCategory category, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return DeskResult.NotFound;
        }

        if (!Enum.IsDefined(category))
        {
            return DeskResult.Invalid("Lĩnh vực không hợp lệ.");
        }

        var old = @case.Category;
        @case.Category = category;
        @case.CategorySetByStaff = true;
        @case.LastActivityAt = time.GetUtcNow();
        Audit(user, AuditActions.CategoryChanged, @case, $"{old.Vi()} → {category.Vi()}");
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    public async Task<DeskResult> TransferAsync(DeskUser user, int caseId, int targetUnitId, string? reason, CancellationToken cancellationToken = default)
    {
        var @case = await access.FindCaseAsync(user, caseId, cancellationToken);
        if (@case is null)
        {
            return DeskResult.NotFound;
        }

        var targets = await access.TransferTargetsAsync(user, @case, cancellationToken);
        var target = targets.FirstOrDefault(u => u.Id == targetUnitId);
        if (target is null)
        {
            return DeskResult.Forbidden("Bạn không được chuyển hồ sơ tới đơn vị này.");
        }

        if (@case.ClosedAt is not null)
        {
            return DeskResult.Invalid("Hồ sơ đã giải quyết; hãy mở lại trước khi chuyển.");
        }

        var from = @case.Unit.Name;
        @case.UnitId = target.Id;
        @case.AssignedToId = null;
        @case.Status = CaseStatus.Transferred;
        @case.LastActivityAt = time.GetUtcNow();
        Audit(user, AuditActions.Transferred, @case, $"{from} → {target.Name}");
        if (!string.IsNullOrWhiteSpace(reason))
        {
            db.Notes.Add(new CaseNote { CaseId = @case.Id, AuthorId = user.Id, Text = $"Lý do chuyển: {reason.Trim()}", CreatedAt = time.GetUtcNow() });
        }

        await db.SaveChangesAsync(cancellationToken);
        LogTransferred(logger, @case.Id, target.Code, user.Id);
        return DeskResult.Ok;
    }

    private void Audit(DeskUser user, string action, CitizenCase @case, string? detail) =>
        audit.Add(user, action, @case.UnitId, @case.Id, detail);

    private static async Task<ChannelSendResult> SafeSendAsync(Func<Task<ChannelSendResult>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ChannelSendResult.Transient(ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: staff {StaffId} replied ({Status}).")]
    private static partial void LogReply(ILogger logger, int caseId, int staffId, ChannelSendStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} transferred to {UnitCode} by staff {StaffId}.")]
    private static partial void LogTransferred(ILogger logger, int caseId, string unitCode, int staffId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: window lookup failed ({ExceptionType}); using desk history.")]
    private static partial void LogWindowLookupFailed(ILogger logger, int caseId, string exceptionType);
}
