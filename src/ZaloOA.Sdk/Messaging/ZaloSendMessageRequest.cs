namespace ZaloOA.Sdk.Messaging;

/// <summary>A consultation message: who it goes to and what it says.</summary>
/// <example>
/// <code>
/// await oa.Messages.SendAsync(new ZaloSendMessageRequest
/// {
///     Recipient = ZaloRecipient.User(userId),
///     Message = ZaloImageMessage.FromUrl("https://example.com/huong-dan.jpg", "Hướng dẫn"),
/// });
/// await oa.Messages.SendAsync(new ZaloSendMessageRequest
/// {
///     Recipient = ZaloRecipient.ReplyTo(inboundMessageId),
///     Message = new ZaloTextMessage("Đã nhận") { QuoteMessageId = inboundMessageId },
/// });
/// </code>
/// </example>
public sealed class ZaloSendMessageRequest
{
    /// <summary>The recipient. Anonymous recipients are sent on <c>/v2.0/oa/message</c>, all others on <c>/v3.0/oa/message/cs</c>.</summary>
    public required ZaloRecipient Recipient { get; init; }

    /// <summary>The content.</summary>
    public required ZaloMessage Message { get; init; }
}
