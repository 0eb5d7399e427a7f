using ZaloOA.PoliceDesk.Channel;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.PoliceDesk.Zalo;

/// <summary>
/// <see cref="ICitizenChannel"/> over the SDK: consultation messages through
/// <c>MessagesClient</c>, images and files uploaded through <c>UploadsClient</c> first (Zalo sends
/// media by attachment id or file token). Zalo's answers become typed results, never exceptions:
/// -230 → <see cref="ChannelSendStatus.WindowClosed"/>; no token or a revoked consent →
/// <see cref="ChannelSendStatus.NotConnected"/>; network trouble and Zalo's transient codes →
/// <see cref="ChannelSendStatus.TransientFailure"/>; any other Zalo error or a client-side
/// validation failure → <see cref="ChannelSendStatus.Rejected"/>.
/// </summary>
public sealed partial class SdkCitizenChannel(IZaloOAClientFactory clients, TimeProvider time, ILogger<SdkCitizenChannel> logger) : ICitizenChannel
{
    /// <inheritdoc />
    public Task<ChannelSendResult> SendTextAsync(string oaId, string citizenUserId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(oaId, "text", client => client.Messages.SendTextAsync(citizenUserId, text, cancellationToken));

    /// <inheritdoc />
    public Task<ChannelSendResult> SendImageAsync(string oaId, string citizenUserId, OutgoingFile image, string? caption, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return SendAsync(oaId, "image", async client =>
        {
            var upload = await client.Uploads.UploadImageAsync(image.Content, image.FileName, cancellationToken);
            var attachmentId = upload.AttachmentId
                ?? throw new InvalidOperationException("Zalo answered the image upload without an attachment_id.");
            return await client.Messages.SendAsync(
                new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(citizenUserId), Message = ZaloImageMessage.FromAttachment(attachmentId, string.IsNullOrWhiteSpace(caption) ? null : caption) },
                cancellationToken);
        });
    }

    /// <inheritdoc />
    public Task<ChannelSendResult> SendFileAsync(string oaId, string citizenUserId, OutgoingFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        return SendAsync(oaId, "file", async client =>
        {
            var upload = await client.Uploads.UploadFileAsync(file.Content, file.FileName, cancellationToken);
            var token = upload.Token
                ?? throw new InvalidOperationException("Zalo answered the file upload without a token.");
            return await client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(citizenUserId), Message = new ZaloFileMessage(token) }, cancellationToken);
        });
    }

    /// <summary>
    /// Zalo's record of the citizen's last interaction (the quota call's <c>last_interaction</c>),
    /// or null when Zalo cannot tell (unknown user, OA not connected, network trouble): the desk then
    /// falls back on its own history.
    /// </summary>
    public async Task<ConsultationWindow?> GetConsultationWindowAsync(string oaId, string citizenUserId, CancellationToken cancellationToken = default)
    {
        try
        {
            var quota = await clients.GetClient(oaId).Messages.GetUserQuotaAsync(citizenUserId, cancellationToken);
            return quota.LastInteraction is { } last ? new ConsultationWindow(last, time.GetUtcNow(), WindowSource.Zalo) : null;
        }
        catch (ZaloException ex)
        {
            var failure = ex.GetType().Name;
            LogWindowUnknown(logger, oaId, failure);
            return null;
        }
    }

    private async Task<ChannelSendResult> SendAsync(string oaId, string kind, Func<ZaloOAClient, Task<ZaloSendResult>> send)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oaId);
        try
        {
            var result = await send(clients.GetClient(oaId));
            LogSent(logger, kind, oaId);
            return ChannelSendResult.Sent(result.MessageId);
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.InteractionWindowClosed)
        {
            LogRefused(logger, kind, oaId, ex.ErrorCode.Value);
            return ChannelSendResult.WindowClosed();
        }
        catch (ZaloReauthorizationRequiredException ex)
        {
            LogNotConnected(logger, oaId);
            return ChannelSendResult.NotConnected(ex.Message);
        }
        catch (ZaloException ex) when (ex.IsTransient)
        {
            var failure = ex is ZaloApiException api ? $"{api.ErrorCode.Value}: {api.ZaloMessage}" : ex.GetType().Name;
            LogTransient(logger, kind, oaId, failure);
            return ChannelSendResult.Transient(failure);
        }
        catch (ZaloApiException ex)
        {
            LogRefused(logger, kind, oaId, ex.ErrorCode.Value);
            return ChannelSendResult.Rejected(ex.ErrorCode.Value, ex.ZaloMessage);
        }
        catch (ZaloOAuthException ex)
        {
            // The refresh token was refused: the unit must connect its OA again.
            LogNotConnected(logger, oaId);
            return ChannelSendResult.NotConnected(ex.Message);
        }
        catch (ZaloException ex)
        {
            // A non-transient transport or format failure: the send's fate is unknown, so retrying
            // later is the safer choice for a citizen waiting on an answer.
            var failure = ex.GetType().Name;
            LogTransient(logger, kind, oaId, failure);
            return ChannelSendResult.Transient(failure);
        }
        catch (ZaloValidationException ex)
        {
            return ChannelSendResult.Rejected(0, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a {Kind} message from OA {OaId}.")]
    private static partial void LogSent(ILogger logger, string kind, string oaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zalo refused a {Kind} message from OA {OaId} with {ErrorCode}.")]
    private static partial void LogRefused(ILogger logger, string kind, string oaId, int errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OA {OaId} is not connected (no valid token); the unit must connect it again.")]
    private static partial void LogNotConnected(ILogger logger, string oaId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} message from OA {OaId} failed transiently ({Failure}).")]
    private static partial void LogTransient(ILogger logger, string kind, string oaId, string failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zalo's last interaction for a citizen of OA {OaId} is unknown ({Failure}).")]
    private static partial void LogWindowUnknown(ILogger logger, string oaId, string failure);
}
