using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>The <c>message</c> of a status event: one <c>msg_id</c> or a <c>msg_ids</c> array, and
/// for ZNS receipts <c>delivery_time</c> and <c>tracking_id</c>.</summary>
public sealed class ZaloMessageStatus : ZaloModel
{
    /// <summary>The single message id (<c>msg_id</c>).</summary>
    [JsonPropertyName("msg_id")]
    [JsonInclude]
    public string? MessageId { get; internal set; }

    /// <summary>The message ids (<c>msg_ids</c>).</summary>
    [JsonPropertyName("msg_ids")]
    [JsonInclude]
    public IReadOnlyList<string>? MessageIds { get; internal set; }

    /// <summary>ZNS: when the phone received it (epoch ms as sent).</summary>
    [JsonPropertyName("delivery_time")]
    [JsonInclude]
    public string? DeliveryTime { get; internal set; }

    /// <summary>ZNS: the <c>tracking_id</c> you sent with the template message.</summary>
    [JsonPropertyName("tracking_id")]
    [JsonInclude]
    public string? TrackingId { get; internal set; }
}

/// <summary>Base of <c>user_received_message</c> and <c>user_seen_message</c> (for OA messages):
/// <c>sender</c> is the OA, <c>recipient</c> the user [C] S-CW.</summary>
public abstract class MessageStatusEvent : ZaloWebhookEvent
{
    /// <summary>The status payload.</summary>
    [JsonPropertyName("message")]
    [JsonInclude]
    public ZaloMessageStatus? Message { get; internal set; }

    /// <summary>Every message id concerned, from <c>msg_ids</c> and/or <c>msg_id</c> (Zalo is
    /// reported to send either; both are accepted [U]).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> MessageIds
    {
        get
        {
            var ids = new List<string>(Message?.MessageIds ?? []);
            if (Message?.MessageId is { Length: > 0 } single && !ids.Contains(single))
            {
                ids.Insert(0, single);
            }

            return ids;
        }
    }

    /// <inheritdoc />
    public override string? MessageId => Message?.MessageId is { Length: > 0 } id && (Message.MessageIds is null || Message.MessageIds.Count == 0) ? id : null;

    /// <inheritdoc />
    public override string? UserId => Recipient?.Id;

    private protected override bool IsOaOriginated => true;
}

/// <summary><c>user_received_message</c> for an OA message (not ZNS): the message
/// (<see cref="MessageStatusEvent.MessageId"/>) reached the user's phone.</summary>
public sealed class UserReceivedMessageEvent : MessageStatusEvent
{
    /// <summary>The OA whose message it was (<c>sender.id</c> [C]).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user who received it (<c>recipient.id</c> [C]).</summary>
    [JsonIgnore]
    public override string UserId => base.UserId ?? string.Empty;

    internal override string? FindMissingField() => MissingOaOrUser("sender.id", "recipient.id");
}

/// <summary><c>user_seen_message</c>: the user read OA messages (<see cref="MessageStatusEvent.MessageIds"/>).</summary>
public sealed class UserSeenMessageEvent : MessageStatusEvent
{
    /// <summary>The OA whose messages were read (<c>sender.id</c> [C]).</summary>
    [JsonIgnore]
    public override string OaId => base.OaId ?? string.Empty;

    /// <summary>The user who read them (<c>recipient.id</c> [C]).</summary>
    [JsonIgnore]
    public override string UserId => base.UserId ?? string.Empty;

    internal override string? FindMissingField() => MissingOaOrUser("sender.id", "recipient.id");
}

/// <summary>
/// The ZNS variant of <c>user_received_message</c> [S]: the template message reached the phone.
/// Recognised by <c>message.delivery_time</c> or <c>message.tracking_id</c>; <c>recipient.id</c> is
/// the phone number and <c>sender.id</c> the OA.
/// </summary>
public sealed class ZnsDeliveryReceiptEvent : MessageStatusEvent
{
    /// <summary>The phone number the message was delivered to (<c>recipient.id</c>).</summary>
    [JsonIgnore]
    public string? Phone => Recipient?.Id;

    /// <summary>The <c>tracking_id</c> you sent.</summary>
    [JsonIgnore]
    public string? TrackingId => Message?.TrackingId;

    /// <summary>When the phone received the message, when <c>delivery_time</c> parses as epoch
    /// milliseconds in the range of <see cref="DateTimeOffset"/>; null otherwise.</summary>
    [JsonIgnore]
    public DateTimeOffset? DeliveryTime =>
        long.TryParse(Message?.DeliveryTime, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var ms)
            && ms >= Serialization.EpochMillisecondsConverter.MinMilliseconds && ms <= Serialization.EpochMillisecondsConverter.MaxMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    /// <inheritdoc />
    public override string? UserId => null;
}

/// <summary>The <c>message</c> of a reaction event [S].</summary>
public sealed class ZaloMessageReaction : ZaloModel
{
    /// <summary>The message reacted to.</summary>
    [JsonPropertyName("msg_id")]
    [JsonInclude]
    public string? MessageId { get; internal set; }

    /// <summary>The reaction icon code (as sent with the reaction API, e.g. <c>/-heart</c>).</summary>
    [JsonPropertyName("react_icon")]
    [JsonInclude]
    public string? ReactIcon { get; internal set; }
}

/// <summary><c>user_reacted_message</c> (user → OA) or <c>oa_reacted_message</c> (OA → user) [S].</summary>
public sealed class MessageReactionEvent : ZaloWebhookEvent
{
    /// <summary>The reaction.</summary>
    [JsonPropertyName("message")]
    [JsonInclude]
    public ZaloMessageReaction? Message { get; internal set; }

    /// <summary>True for <c>oa_reacted_message</c>.</summary>
    [JsonIgnore]
    public bool IsFromOa => EventName.Value.StartsWith("oa_", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string? MessageId => Message?.MessageId;
}
