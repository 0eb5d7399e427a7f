using System.Diagnostics.CodeAnalysis;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

public partial class MessagesClient
{
    private const string CsPath = "v3.0/oa/message/cs";
    private const string V2MessagePath = "v2.0/oa/message";

    /// <summary>
    /// Sends a text consultation message (<c>POST /v3.0/oa/message/cs</c>).
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="text">At most 2,000 characters after NFC normalisation; the NFC form is sent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message id and the quota charged.</returns>
    /// <exception cref="ZaloValidationException">The text is empty or too long; nothing was sent.</exception>
    /// <exception cref="ZaloApiException">Zalo refused it, e.g. <see cref="ZaloErrorCode.InteractionWindowClosed"/> (-230)
    /// when the user has not interacted for 7 days: send a ZBS template message instead.</exception>
    public virtual Task<ZaloSendResult> SendTextAsync(string userId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(ToUser(userId, new ZaloTextMessage(text)), cancellationToken);

    /// <summary>
    /// Sends text with buttons under it: the way to show a menu inside the chat.
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="text">The text above the buttons (at most <see cref="ZaloMessageLimits.MaxTextLength"/> characters).</param>
    /// <param name="buttons">1 to <see cref="ZaloMessageLimits.MaxButtons"/> buttons (titles at most
    /// <see cref="ZaloMessageLimits.MaxButtonTitleLength"/> characters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">A limit is broken; the parameter name is the wire path,
    /// e.g. <c>message.attachment.payload.buttons[0].title</c>. Nothing was sent.</exception>
    public virtual Task<ZaloSendResult> SendButtonsAsync(string userId, string text, IReadOnlyList<ZaloButton> buttons, CancellationToken cancellationToken = default) =>
        SendAsync(ToUser(userId, new ZaloButtonsMessage(text, buttons)), cancellationToken);

    /// <summary>Sends a list template: rows, each with a subtitle, image and tap action, and buttons under them.</summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="elements">1 to <see cref="ZaloMessageLimits.MaxListElements"/> rows; the first needs a subtitle.</param>
    /// <param name="buttons">0 to <see cref="ZaloMessageLimits.MaxButtons"/> buttons, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>To send the list with a text (<see cref="ZaloListMessage.Text"/>), use <see cref="SendAsync"/>.</remarks>
    /// <exception cref="ZaloValidationException">A limit is broken; nothing was sent.</exception>
    public virtual Task<ZaloSendResult> SendListAsync(string userId, IReadOnlyList<ZaloListElement> elements, IReadOnlyList<ZaloButton>? buttons = null, CancellationToken cancellationToken = default) =>
        SendAsync(ToUser(userId, new ZaloListMessage(elements, buttons)), cancellationToken);

    /// <summary>
    /// Sends any consultation message (text, image, GIF, sticker, file, request for information,
    /// list, buttons) to any recipient: a follower (<see cref="ZaloRecipient.User"/>,
    /// <c>/v3.0/oa/message/cs</c>), a reply to an inbound message (same endpoint,
    /// <c>recipient.message_id</c>) or an anonymous user (<c>/v2.0/oa/message</c>).
    /// </summary>
    /// <param name="request">Recipient and content.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloValidationException">The content breaks a Zalo limit; nothing was sent.</exception>
    /// <exception cref="ZaloApiException">Zalo refused the message.</exception>
    public virtual Task<ZaloSendResult> SendAsync(ZaloSendMessageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recipient = request.Recipient ?? throw ZaloGuard.Invalid("recipient is required.", "recipient");
        var message = request.Message ?? throw ZaloGuard.Invalid("message is required.", "message");
        var body = WriteSendBody(recipient, message);
        return PostSendAsync("messages.send", recipient.IsAnonymous ? V2MessagePath : CsPath, body, cancellationToken);
    }

    /// <summary>
    /// Reacts to a message (<c>sender_action</c> on <c>POST /v2.0/oa/message</c>). Reactions use no quota;
    /// at most 50 per message. Send <see cref="ZaloReactionIcon.Remove"/> to withdraw one.
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="messageId">The message reacted to.</param>
    /// <param name="icon">The icon.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloSendResult> SendReactionAsync(string userId, string messageId, ZaloReactionIcon icon, CancellationToken cancellationToken = default) =>
        SendReactionAsync(ZaloRecipient.User(userId), messageId, icon, cancellationToken);

    /// <summary>Reacts to a message of any recipient (follower or anonymous).</summary>
    /// <param name="recipient">Who sent or received the message.</param>
    /// <param name="messageId">The message reacted to.</param>
    /// <param name="icon">The icon.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloSendResult> SendReactionAsync(ZaloRecipient recipient, string messageId, ZaloReactionIcon icon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var id = ZaloGuard.Required(messageId, "sender_action.react_message_id");
        var code = ZaloGuard.Required(icon.Value, "sender_action.react_icon");
        var body = ZaloJsonBody.Write((recipient, code, id), static (w, s) =>
        {
            s.recipient.Write(w);
            w.WriteStartObject("sender_action");
            w.WriteString("react_icon", s.code);
            w.WriteString("react_message_id", s.id);
            w.WriteEndObject();
        });
        return PostSendAsync("messages.react", V2MessagePath, body, cancellationToken);
    }

    /// <summary>
    /// Sends a transaction template (<c>POST /v3.0/oa/message/transaction</c>).
    /// Legacy: Zalo discontinued OA transaction messages on 2026-03-01; use
    /// <see cref="SendTemplateByUserIdAsync"/> (ZBS template by user id) for new work. [S]
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="message">The template content.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloSendResult> SendTransactionAsync(string userId, ZaloTransactionMessage message, CancellationToken cancellationToken = default) =>
        SendRichTemplateAsync("messages.transaction", "v3.0/oa/message/transaction", userId, message, cancellationToken);

    /// <summary>
    /// Sends a personal promotion template (<c>POST /v3.0/oa/message/promotion</c>); blocked at night (-234).
    /// Legacy: discontinued on 2026-03-01 in favour of <see cref="SendTemplateByUserIdAsync"/>. [S]
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="message">The template content.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloSendResult> SendPromotionAsync(string userId, ZaloPromotionMessage message, CancellationToken cancellationToken = default) =>
        SendRichTemplateAsync("messages.promotion", "v3.0/oa/message/promotion", userId, message, cancellationToken);

    /// <summary>
    /// Sends an approved ZBS template to a follower by user id (<c>POST /v3.0/oa/message/template</c>
    /// with <c>{user_id, template_id, template_data}</c>), the 2026 replacement for transaction and
    /// promotion messages. Experimental: documented by a single source, not yet confirmed against a
    /// real OA. Templates that do not allow UID sending fail with -249.
    /// </summary>
    /// <param name="userId">The follower's user id.</param>
    /// <param name="templateId">The approved template's id.</param>
    /// <param name="templateData">The template's parameters by name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Experimental("ZALO001")]
    public virtual async Task<ZaloSendResult> SendTemplateByUserIdAsync(string userId, string templateId, IReadOnlyDictionary<string, string> templateData, CancellationToken cancellationToken = default)
    {
        var body = new TemplateByUidBody
        {
            UserId = ZaloGuard.Required(userId, "user_id"),
            TemplateId = ZaloGuard.Required(templateId, "template_id"),
            TemplateData = templateData is null ? [] : new Dictionary<string, string>(templateData, StringComparer.Ordinal),
        };
        var request = ZaloApiRequest.PostJson("messages.template", "v3.0/oa/message/template", body, MessagingJsonContext.Default.TemplateByUidBody);
        return await SendAndReadResultAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Task<ZaloSendResult> SendRichTemplateAsync(string operation, string path, string userId, ZaloRichTemplateMessage message, CancellationToken cancellationToken)
    {
        var recipient = ZaloRecipient.User(userId);
        if (message is null)
        {
            throw ZaloGuard.Invalid("message is required.", nameof(message));
        }

        var body = ZaloJsonBody.Write((recipient, message), static (w, s) =>
        {
            s.recipient.Write(w);
            s.message.Write(w);
        });
        return PostSendAsync(operation, path, body, cancellationToken);
    }

    private Task<ZaloSendResult> PostSendAsync(string operation, string path, byte[] body, CancellationToken cancellationToken) =>
        SendAndReadResultAsync(ZaloApiRequest.PostJsonBytes(operation, path, body), cancellationToken);

    // Reactions and some sends answer with a bare envelope; that is still a success.
    private Task<ZaloSendResult> SendAndReadResultAsync(ZaloApiRequest request, CancellationToken cancellationToken) =>
        Connection.SendAsync(OaId, request, MessagingJsonContext.Default.ZaloSendResult, cancellationToken, whenNoData: static () => new ZaloSendResult());

    private static ZaloSendMessageRequest ToUser(string userId, ZaloMessage message) =>
        new() { Recipient = ZaloRecipient.User(userId), Message = message };

    /// <summary>Validates and writes <c>{"recipient":…,"message":…}</c>, the body of every send (the
    /// benchmarks measure this exact path).</summary>
    internal static byte[] WriteSendBody(ZaloRecipient recipient, ZaloMessage message) =>
        ZaloJsonBody.Write((recipient, message), static (w, s) =>
        {
            s.recipient.Write(w);
            s.message.Write(w);
        });
}
