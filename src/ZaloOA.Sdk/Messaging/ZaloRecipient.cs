using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Messaging;

/// <summary>
/// Who a message goes to: a follower by user id, a reply to one inbound message, or an anonymous
/// user (a chat opened from a website or QR code without a follow).
/// </summary>
public sealed class ZaloRecipient
{
    private ZaloRecipient(string? userId, string? messageId, string? anonymousId, string? conversationId)
    {
        UserId = userId;
        MessageId = messageId;
        AnonymousId = anonymousId;
        ConversationId = conversationId;
    }

    /// <summary>The follower's user id (<c>recipient.user_id</c>), or null.</summary>
    public string? UserId { get; }

    /// <summary>The inbound message being replied to (<c>recipient.message_id</c>), or null.</summary>
    public string? MessageId { get; }

    /// <summary>The anonymous user's id (<c>recipient.anonymous_id</c>), or null.</summary>
    public string? AnonymousId { get; }

    /// <summary>The anonymous conversation's id (<c>recipient.conversation_id</c>), or null.</summary>
    public string? ConversationId { get; }

    /// <summary>True for anonymous recipients, which Zalo serves on <c>POST /v2.0/oa/message</c>.</summary>
    public bool IsAnonymous => AnonymousId is not null;

    /// <summary>A follower, by the user id Zalo gives in webhooks and user lists.</summary>
    /// <param name="userId">The user id (18-19 digits).</param>
    public static ZaloRecipient User(string userId) => new(ZaloGuard.Required(userId, "recipient.user_id"), null, null, null);

    /// <summary>
    /// A reply to one inbound message (<c>recipient.message_id</c>). Zalo counts up to 8 such
    /// replies within 48 hours of that message against its reply quota; later ones are proactive
    /// sends. [S]
    /// </summary>
    /// <param name="messageId">The <c>message.msg_id</c> of the inbound webhook.</param>
    public static ZaloRecipient ReplyTo(string messageId) => new(null, ZaloGuard.Required(messageId, "recipient.message_id"), null, null);

    /// <summary>An anonymous user; both ids come from the anonymous-user webhook and both are required.</summary>
    /// <param name="anonymousId">The <c>anonymous_id</c>.</param>
    /// <param name="conversationId">The <c>conversation_id</c>.</param>
    public static ZaloRecipient Anonymous(string anonymousId, string conversationId) => new(
        null,
        null,
        ZaloGuard.Required(anonymousId, "recipient.anonymous_id"),
        ZaloGuard.Required(conversationId, "recipient.conversation_id"));

    /// <summary>Describes the recipient (ids only).</summary>
    public override string ToString() =>
        UserId is not null ? "user " + UserId : MessageId is not null ? "reply to " + MessageId : $"anonymous {AnonymousId}/{ConversationId}";

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("recipient");
        if (UserId is not null)
        {
            writer.WriteString("user_id", UserId);
        }
        else if (MessageId is not null)
        {
            writer.WriteString("message_id", MessageId);
        }
        else
        {
            writer.WriteString("anonymous_id", AnonymousId);
            writer.WriteString("conversation_id", ConversationId);
        }

        writer.WriteEndObject();
    }
}
