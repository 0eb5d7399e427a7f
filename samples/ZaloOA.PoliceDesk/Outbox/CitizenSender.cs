using System.Globalization;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.PoliceDesk.Outbox;

/// <summary>How a send ended, as the outbox acts on it.</summary>
public enum SendStatus
{
    /// <summary>Zalo accepted the message.</summary>
    Sent,

    /// <summary>Zalo refused with -230: the citizen has not interacted with the OA for 7 days; only
    /// the citizen can reopen the window, so it is not retried.</summary>
    WindowClosed,

    /// <summary>The OA has no usable token (never connected, or its consent was revoked): retried,
    /// since a unit connecting its OA again makes it work.</summary>
    NotConnected,

    /// <summary>Zalo refused for another reason, or the message breaks Zalo's rules: not retried.</summary>
    Rejected,

    /// <summary>Network trouble, a timeout or one of Zalo's transient codes: retried.</summary>
    Transient,
}

/// <summary>The outcome of one send: Zalo's message id when sent, else the error code and a
/// Vietnamese reason an officer can act on (shown on the case page).</summary>
public sealed record SendOutcome(SendStatus Status, string? ZaloMessageId = null, int? ErrorCode = null, string? Reason = null)
{
    /// <summary>Worth another attempt later.</summary>
    public bool IsRetryable => Status is SendStatus.Transient or SendStatus.NotConnected;
}

/// <summary>
/// The one way a message reaches a citizen: sends an <see cref="OutboundContent"/> through the SDK
/// (the desk's own files uploaded first, as Zalo sends media by attachment id or file token) and
/// maps Zalo's answer, once, to a <see cref="SendOutcome"/>. Never throws for Zalo's answers; only
/// cancellation escapes. Only <see cref="OutboxWorker"/> calls it.
/// </summary>
public sealed partial class CitizenSender(IZaloOAClientFactory clients, MediaStorage storage, ILogger<CitizenSender> logger)
{
    /// <summary>Sends <paramref name="content"/> from OA <paramref name="oaId"/> to the citizen.</summary>
    public async Task<SendOutcome> SendAsync(string oaId, string citizenUserId, OutboundContent content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oaId);
        ArgumentException.ThrowIfNullOrWhiteSpace(citizenUserId);
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var client = clients.GetClient(oaId);
            var message = content.ToMessage(content.File is { } file ? await UploadAsync(client, file, cancellationToken) : null);
            var result = await client.Messages.SendAsync(
                new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(citizenUserId), Message = message },
                cancellationToken);
            return new SendOutcome(SendStatus.Sent, result.MessageId);
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.InteractionWindowClosed)
        {
            return Refused(oaId, SendStatus.WindowClosed, ex.ErrorCode.Value,
                "Người dân chưa tương tác với Zalo OA của đơn vị trong 7 ngày qua (Zalo trả mã -230). Zalo chỉ cho phép gửi khi người dân nhắn lại; hãy liên hệ qua số điện thoại nếu có.");
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.UserNotFollower)
        {
            return Refused(oaId, SendStatus.Rejected, ex.ErrorCode.Value,
                "Người dân không còn quan tâm (theo dõi) Zalo OA của đơn vị nên Zalo từ chối tin nhắn (mã -213). Hãy liên hệ qua số điện thoại nếu có.");
        }
        catch (ZaloException ex) when (ex.IsTransient)
        {
            var code = (ex as ZaloApiException)?.ErrorCode.Value;
            LogTransient(logger, oaId, ex.GetType().Name, code);
            return new SendOutcome(SendStatus.Transient, ErrorCode: code,
                Reason: code is { } c ? $"Zalo tạm thời không nhận tin (mã {Code(c)}); hệ thống sẽ tự gửi lại." : "Không kết nối được tới Zalo; hệ thống sẽ tự gửi lại.");
        }
        catch (ZaloApiException ex)
        {
            return Refused(oaId, SendStatus.Rejected, ex.ErrorCode.Value, $"Zalo từ chối tin nhắn (mã {Code(ex.ErrorCode.Value)}: {ex.ZaloMessage}).");
        }
        catch (Exception ex) when (ex is ZaloReauthorizationRequiredException or ZaloOAuthException or ZaloTokenStoreException)
        {
            LogNotConnected(logger, oaId, ex.GetType().Name);
            return new SendOutcome(SendStatus.NotConnected,
                Reason: "Zalo OA của đơn vị chưa được kết nối hoặc đã hết hạn ủy quyền; cán bộ đơn vị hoặc quản trị viên cần bấm \"Kết nối Zalo OA\" ở trang Đơn vị. Hệ thống sẽ tự gửi lại sau khi kết nối.");
        }
        catch (ZaloException ex)
        {
            // A non-transient transport or format failure: whether Zalo took the message is unknown,
            // and a citizen waiting on an answer is better served by another attempt.
            LogTransient(logger, oaId, ex.GetType().Name, null);
            return new SendOutcome(SendStatus.Transient, Reason: "Zalo trả lời không đúng định dạng hoặc mất kết nối; hệ thống sẽ tự gửi lại.");
        }
        catch (ZaloValidationException ex)
        {
            return Refused(oaId, SendStatus.Rejected, null, $"Tin nhắn không đúng quy định của Zalo: {ex.Message}");
        }
        catch (IOException ex)
        {
            // The desk's own copy of an attachment is missing or unreadable: no retry brings it back.
            LogFileMissing(logger, oaId, ex.GetType().Name);
            return new SendOutcome(SendStatus.Rejected, Reason: "Không đọc được tệp đính kèm đã lưu; hãy gửi lại tệp.");
        }
    }

    private async Task<string> UploadAsync(ZaloOAClient client, OutboundFile file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(storage.Resolve(file.StoredPath), cancellationToken);
        if (file.IsImage)
        {
            var image = await client.Uploads.UploadImageAsync(bytes, file.FileName, cancellationToken);
            return image.AttachmentId ?? throw new ZaloResponseFormatException("Zalo answered the image upload without an attachment_id.", System.Net.HttpStatusCode.OK, "");
        }

        var upload = await client.Uploads.UploadFileAsync(bytes, file.FileName, cancellationToken);
        return upload.Token ?? throw new ZaloResponseFormatException("Zalo answered the file upload without a token.", System.Net.HttpStatusCode.OK, "");
    }

    private SendOutcome Refused(string oaId, SendStatus status, int? code, string reason)
    {
        LogRefused(logger, oaId, status, code);
        return new SendOutcome(status, ErrorCode: code, Reason: reason);
    }

    private static string Code(int code) => code.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo refused a message from OA {OaId}: {Status}, code {ErrorCode}.")]
    private static partial void LogRefused(ILogger logger, string oaId, SendStatus status, int? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OA {OaId} has no usable token ({Failure}); the unit must connect it again.")]
    private static partial void LogNotConnected(ILogger logger, string oaId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message from OA {OaId} failed transiently ({Failure}, code {ErrorCode}).")]
    private static partial void LogTransient(ILogger logger, string oaId, string failure, int? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message from OA {OaId} could not read its stored attachment ({Failure}).")]
    private static partial void LogFileMissing(ILogger logger, string oaId, string failure);
}
