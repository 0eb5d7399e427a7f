using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.PoliceDesk.Cases;

/// <summary>
/// Everything staff do to a case: reply, retry a reply, note, assign, change status and category,
/// transfer. Each action goes through <see cref="CaseAccess"/> and writes an audit entry. Replies
/// are queued in the outbox (<see cref="CitizenOutbox"/>) and sent by its worker; the conversation
/// shows their delivery state.
/// </summary>
public sealed partial class CaseDesk(
    DeskDbContext db,
    CaseAccess access,
    DeskAudit audit,
    CitizenOutbox outbox,
    IZaloOAClientFactory zalo,
    MediaStorage storage,
    LastInteractionCache lastInteractions,
    TimeProvider time,
    ILogger<CaseDesk> logger)
{
    /// <summary>Zalo's limit for images sent by the OA.</summary>
    public const long MaxImageBytes = 1024 * 1024;

    /// <summary>Zalo's limit for files sent by the OA.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    private static readonly string[] ImageTypes = ["image/jpeg", "image/png"];
    private static readonly string[] FileExtensions = [".pdf", ".doc", ".docx", ".csv"];

    /// <summary>
    /// Zalo's consultation window for the case's citizen, from Zalo's record of their last
    /// interaction (the quota call's <c>last_interaction</c>, asked at most once a minute per
    /// citizen) or the desk's own record of their last message, whichever is later
    /// (<see cref="CaseWindow.FromZalo"/> says whether Zalo answered).
    /// </summary>
    public async Task<CaseWindow> GetWindowAsync(CitizenCase @case, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var answered = lastInteractions.TryGet(@case.OaId, @case.CitizenUserId, out var fromZalo);
        if (!answered)
        {
            try
            {
                fromZalo = (await zalo.GetClient(@case.OaId).Messages.GetUserQuotaAsync(@case.CitizenUserId, cancellationToken)).LastInteraction;
                lastInteractions.Set(@case.OaId, @case.CitizenUserId, fromZalo);
                answered = true;
            }
            catch (ZaloException ex)
            {
                var failure = ex.GetType().Name;
                LogWindowLookupFailed(logger, @case.Id, failure);
            }
        }

        // A message stored since Zalo's answer (or one Zalo does not count) is an interaction too.
        var last = fromZalo is { } zaloLast && zaloLast > @case.LastInboundAt ? zaloLast : @case.LastInboundAt;
        return new CaseWindow(ZaloMessageWindow.Evaluate(last, time), answered && fromZalo is not null);
    }

    /// <summary>Replies with text, and optionally an image or a file.</summary>
    public async Task<DeskResult> ReplyAsync(DeskUser user, int caseId, string? text, OutgoingFile? attachment, CancellationToken cancellationToken = default)
    {
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
        }

        // Browsers submit a textarea's line breaks as CRLF; Zalo's chat breaks lines on LF. Quick
        // replies' placeholders ({so_phan_anh}, {don_vi}) are filled here, for this case.
        text = text is null ? null : Citizens.ReplyTemplates.Fill(text.Trim().ReplaceLineEndings("\n"), @case);
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
        var kind = attachment is null ? MessageKind.Text : isImage ? MessageKind.Image : MessageKind.File;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = new CaseMessage
        {
            CaseId = @case.Id,
            Direction = MessageDirection.Outbound,
            Kind = kind,
            Text = text,
            SearchText = string.IsNullOrEmpty(text) ? null : Intake.VietnameseText.Fold(text).Trim(),
            At = now,
            SentById = user.Id,
            Delivery = DeliveryStatus.Pending,
        };
        db.Messages.Add(message);
        @case.LastActivityAt = now;
        await db.SaveChangesAsync(cancellationToken);

        var queued = new List<OutboxMessage>();
        if (attachment is null)
        {
            queued.Add(outbox.Add(@case.OaId, @case.CitizenUserId, new OutboundContent { Text = text }, message));
        }
        else
        {
            var stored = await StoreAsync(@case, message, kind, attachment, now, cancellationToken);
            // Zalo sends a file without a caption: the text, if any, follows as its own message.
            queued.Add(outbox.Add(@case.OaId, @case.CitizenUserId, new OutboundContent { Text = isImage ? text : null, File = stored }, message));
            if (!isImage && !string.IsNullOrEmpty(text))
            {
                var caption = new CaseMessage
                {
                    CaseId = @case.Id,
                    Direction = MessageDirection.Outbound,
                    Kind = MessageKind.Text,
                    Text = text,
                    SearchText = message.SearchText,
                    At = now,
                    SentById = user.Id,
                    Delivery = DeliveryStatus.Pending,
                };
                message.Text = null;
                message.SearchText = null;
                db.Messages.Add(caption);
                await db.SaveChangesAsync(cancellationToken);
                queued.Add(outbox.Add(@case.OaId, @case.CitizenUserId, new OutboundContent { Text = text }, caption));
            }
        }

        Audit(user, AuditActions.ReplyQueued, @case, kind.Vi());
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        outbox.Queued(queued);
        LogReply(logger, @case.Id, user.Id, kind);
        return new DeskResult(DeskOutcome.Ok, "Đã lưu trả lời; hệ thống đang gửi tới người dân qua Zalo. Tình trạng gửi hiện bên cạnh tin nhắn.");
    }

    /// <summary>Sends again a reply or an acknowledgement that was not delivered (failed, or refused with -230 before the citizen wrote again).</summary>
    public async Task<DeskResult> RetryAsync(DeskUser user, int caseId, int messageId, CancellationToken cancellationToken = default)
    {
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
        }

        if (@case.AnonymizedAt is not null)
        {
            return DeskResult.Invalid("Dữ liệu cá nhân của hồ sơ này đã được xóa; không thể gửi lại.");
        }

        // The message id comes from a form: it must belong to this case, which the user may act on.
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId && m.CaseId == @case.Id && m.Direction == MessageDirection.Outbound, cancellationToken);
        var row = message is null ? null : await db.Outbox.FirstOrDefaultAsync(o => o.CaseMessageId == message.Id, cancellationToken);
        if (message is null || row is null)
        {
            return DeskResult.Invalid("Không tìm thấy tin nhắn cần gửi lại trong hồ sơ này.");
        }

        if (row.Status is not (DeliveryStatus.Failed or DeliveryStatus.WindowClosed))
        {
            return DeskResult.Invalid("Tin nhắn này đã gửi hoặc đang chờ gửi.");
        }

        var now = time.GetUtcNow();
        row.Status = DeliveryStatus.Pending;
        row.Attempts = 0;
        row.NextAttemptAt = now;
        row.CompletedAt = null;
        row.LastError = null;
        message.Delivery = DeliveryStatus.Pending;
        message.DeliveryError = null;
        @case.LastActivityAt = now;
        Audit(user, AuditActions.ReplyRetried, @case, message.Kind.Vi());
        await db.SaveChangesAsync(cancellationToken);
        outbox.Queued([row]);
        return new DeskResult(DeskOutcome.Ok, "Đã xếp tin nhắn vào hàng đợi để gửi lại.");
    }

    private async Task<OutboundFile> StoreAsync(CitizenCase @case, CaseMessage message, MessageKind kind, OutgoingFile attachment, DateTimeOffset now, CancellationToken cancellationToken)
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
        return new OutboundFile(media.StoredPath, media.FileName, attachment.ContentType, kind == MessageKind.Image);
    }

    public async Task<DeskResult> AddNoteAsync(DeskUser user, int caseId, string? text, CancellationToken cancellationToken = default)
    {
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
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
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
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
        if (assignee is not null)
        {
            @case.Status = CaseWorkflow.AfterPickedUp(@case.Status);
        }

        Audit(user, AuditActions.Assigned, @case, assignee is null ? "bỏ phân công" : assignee.DisplayName);
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    /// <summary>
    /// Moves the case to <paramref name="status"/> if <see cref="CaseWorkflow"/> allows it from the
    /// current one, with what the table requires: a <paramref name="reason"/> for not-our-jurisdiction
    /// and rejected, the <paramref name="duplicateOf"/> case number for a duplicate (a case the user
    /// can read, of the same citizen on the same OA). Closing stamps the closing time; reopening
    /// clears it and is refused while the citizen has another open case.
    /// </summary>
    public async Task<DeskResult> ChangeStatusAsync(DeskUser user, int caseId, CaseStatus status, string? reason = null, string? duplicateOf = null, CancellationToken cancellationToken = default)
    {
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
        }

        if (@case.Status == status)
        {
            return DeskResult.Ok;
        }

        if (!CaseWorkflow.Allows(@case.Status, status))
        {
            var next = CaseWorkflow.NextStatuses(@case.Status);
            return DeskResult.Invalid(status == CaseStatus.Transferred
                ? "Trạng thái \"Đã chuyển\" chỉ được đặt khi chuyển hồ sơ sang đơn vị khác."
                : $"Không thể chuyển từ \"{@case.Status.Vi()}\" sang \"{(Enum.IsDefined(status) ? status.Vi() : status.ToString())}\". Có thể chọn: {string.Join(", ", next.Select(s => s.Vi()))}.");
        }

        reason = reason?.Trim().ReplaceLineEndings("\n");
        if (reason is { Length: > CitizenCase.MaxStatusReasonLength })
        {
            return DeskResult.Invalid($"Lý do tối đa {CitizenCase.MaxStatusReasonLength} ký tự.");
        }

        CitizenCase? original = null;
        switch (CaseWorkflow.Requires(status))
        {
            case StatusRequirement.Reason when string.IsNullOrEmpty(reason):
                return DeskResult.Invalid($"Hãy ghi lý do khi chuyển hồ sơ sang \"{status.Vi()}\".");
            case StatusRequirement.DuplicateOf:
                // The number comes from a form: a case the user can read, of the same citizen and OA.
                var number = duplicateOf?.Trim().ToUpperInvariant();
                original = string.IsNullOrEmpty(number) ? null
                    : await access.ReadableCases(user).FirstOrDefaultAsync(c => c.Number == number, cancellationToken);
                if (original is null)
                {
                    return DeskResult.Invalid("Hãy nhập mã hồ sơ gốc (hồ sơ bị trùng) mà bạn được xem.");
                }

                if (original.Id == @case.Id || original.OaId != @case.OaId || original.CitizenUserId != @case.CitizenUserId)
                {
                    return DeskResult.Invalid("Chỉ gộp vào một hồ sơ khác của cùng người dân trên cùng Zalo OA.");
                }

                if (original.MergedIntoCaseId is not null)
                {
                    return DeskResult.Invalid($"Hồ sơ {original.Number} cũng đã được gộp; hãy chọn hồ sơ gốc.");
                }

                break;
        }

        var now = time.GetUtcNow();
        if (CaseWorkflow.Reopens(@case.Status, status))
        {
            var anotherOpen = await db.Cases.AnyAsync(c => c.OaId == @case.OaId && c.CitizenUserId == @case.CitizenUserId && c.ClosedAt == null && c.Id != @case.Id, cancellationToken);
            if (anotherOpen)
            {
                return DeskResult.Invalid("Người dân này đã có một hồ sơ khác đang mở; không thể mở lại hồ sơ này.");
            }
        }

        var old = @case.Status;
        var closes = CaseWorkflow.IsClosed(status);
        @case.Status = status;
        @case.ClosedAt = closes ? @case.ClosedAt ?? now : null;
        @case.StatusReason = closes && !string.IsNullOrEmpty(reason) ? reason : null;
        @case.MergedIntoCaseId = original?.Id;
        @case.LastActivityAt = now;
        Audit(user, AuditActions.StatusChanged, @case,
            // The reason stays on the case (erasable with the citizen's data), not in the append-only audit.
            $"{old.Vi()} → {status.Vi()}{(original is null ? "" : $" (gộp vào {original.Number})")}{(@case.StatusReason is null ? "" : ", có lý do")}");
        await db.SaveChangesAsync(cancellationToken);
        return DeskResult.Ok;
    }

    public async Task<DeskResult> ChangeCategoryAsync(DeskUser user, int caseId, CaseCategory category, CancellationToken cancellationToken = default)
    {
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
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
        var found = await access.FindForActionAsync(user, caseId, cancellationToken);
        if (found.Value is not { } @case)
        {
            return new DeskResult(found.Outcome, found.Message);
        }

        var target = await access.FindTransferTargetAsync(user, @case, targetUnitId, cancellationToken);
        if (target is null)
        {
            return DeskResult.Forbidden("Bạn không được chuyển hồ sơ tới đơn vị này.");
        }

        if (!CaseWorkflow.CanTransfer(@case.Status))
        {
            return DeskResult.Invalid("Hồ sơ đã đóng; hãy mở lại trước khi chuyển.");
        }

        reason = reason?.Trim().ReplaceLineEndings("\n");
        if (reason is { Length: > CaseTransfer.MaxReasonLength })
        {
            return DeskResult.Invalid($"Lý do chuyển tối đa {CaseTransfer.MaxReasonLength} ký tự.");
        }

        var now = time.GetUtcNow();
        var from = @case.Unit;
        db.Transfers.Add(new CaseTransfer
        {
            CaseId = @case.Id,
            FromUnitId = from.Id,
            ToUnitId = target.Id,
            ByStaffId = user.Id,
            At = now,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
        });
        @case.UnitId = target.Id;
        @case.Unit = target;
        @case.AssignedToId = null;
        @case.AssignedTo = null;
        @case.Status = CaseWorkflow.AfterTransfer;
        @case.LastActivityAt = now;
        Audit(user, AuditActions.Transferred, @case, $"{from.Name} → {target.Name}");
        await db.SaveChangesAsync(cancellationToken);
        LogTransferred(logger, @case.Id, target.Code, user.Id);
        return DeskResult.Done($"Đã chuyển hồ sơ {@case.Number} sang {target.Name}. Đơn vị bạn vẫn theo dõi được hồ sơ (chỉ xem).");
    }

    private void Audit(DeskUser user, string action, CitizenCase @case, string? detail) =>
        audit.Add(user, action, @case.UnitId, @case.Id, detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: staff {StaffId} queued a {Kind} reply.")]
    private static partial void LogReply(ILogger logger, int caseId, int staffId, MessageKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} transferred to {UnitCode} by staff {StaffId}.")]
    private static partial void LogTransferred(ILogger logger, int caseId, string unitCode, int staffId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId}: Zalo's last interaction is unknown ({ExceptionType}); using the desk's history.")]
    private static partial void LogWindowLookupFailed(ILogger logger, int caseId, string exceptionType);
}

/// <summary>A file an officer attaches to a reply.</summary>
public sealed record OutgoingFile(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>The consultation window shown on a case: the SDK's evaluation, and whether Zalo's own
/// record of the last interaction was used (else the desk's record of the citizen's last message).</summary>
public sealed record CaseWindow(ZaloMessageWindowStatus Status, bool FromZalo);
