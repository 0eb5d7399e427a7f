using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Groups;

public partial class GroupsClient
{
    /// <summary>
    /// Posts a text into a group (<c>POST /v3.0/oa/group/message</c> with
    /// <c>{"recipient":{"group_id":…},"message":{"text":…}}</c>). Group messages are free and not
    /// bound to the 7-day window, but the group must be enabled. [S]
    /// </summary>
    /// <param name="groupId">The group.</param>
    /// <param name="text">At most <see cref="ZaloMessageLimits.MaxTextLength"/> characters after NFC
    /// normalisation. Zalo reads <c>[@user_id]</c> in it as a mention and <c>[@group_id]</c> as
    /// "everyone"; strip that syntax from text you relay from users.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">The group id or the text is invalid; nothing was sent.</exception>
    /// <exception cref="ZaloApiException">Zalo refused: <see cref="ZaloErrorCode.GroupDisabled"/> (-237) when the
    /// group's asset expired, <see cref="ZaloErrorCode.OaNotInGroup"/> (-403) when the OA is not in it.</exception>
    public virtual Task<ZaloGroupSendResult> SendTextAsync(string groupId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(groupId, new ZaloTextMessage(text), cancellationToken);

    /// <summary>
    /// Posts a message into a group (<c>POST /v3.0/oa/group/message</c>): a
    /// <see cref="ZaloTextMessage"/>, <see cref="ZaloImageMessage"/>, <see cref="ZaloGifMessage"/>,
    /// <see cref="ZaloStickerMessage"/> or <see cref="ZaloFileMessage"/>, written and checked exactly
    /// as a consultation message, with <c>recipient.group_id</c>. [S]
    /// </summary>
    /// <param name="groupId">The group.</param>
    /// <param name="message">The content.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">The group id or the content is invalid, or the message
    /// type is not one groups take; nothing was sent.</exception>
    /// <exception cref="ZaloApiException">Zalo refused, e.g. -237 or -403.</exception>
    public virtual Task<ZaloGroupSendResult> SendAsync(string groupId, ZaloMessage message, CancellationToken cancellationToken = default)
    {
        var id = GroupGuard.OpaqueId(groupId, "recipient.group_id");
        var content = GroupGuard.Message(message);
        var body = ZaloJsonBody.Write((id, content), static (w, s) =>
        {
            w.WriteStartObject("recipient");
            w.WriteString("group_id", s.id);
            w.WriteEndObject();
            s.content.Write(w);
        });
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJsonBytes("groups.send", GroupPath + "message", body), GroupsJsonContext.Default.ZaloGroupSendResult, cancellationToken, whenNoData: static () => new ZaloGroupSendResult());
    }
}
