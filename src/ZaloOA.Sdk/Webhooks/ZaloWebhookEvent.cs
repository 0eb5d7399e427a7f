using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Base of every webhook event. Parse one with <see cref="ZaloWebhookParser.Parse(ReadOnlyMemory{byte})"/>;
/// the concrete type follows <see cref="EventName"/> (<see cref="UnknownZaloEvent"/> for names the SDK
/// does not model). Fields the type does not declare are kept in
/// <see cref="ZaloModel.AdditionalProperties"/>, and the body is kept byte for byte in <see cref="RawBody"/>.
/// </summary>
public abstract class ZaloWebhookEvent : ZaloModel
{
    private string? _rawJson;

    /// <summary>The <c>event_name</c>.</summary>
    [JsonPropertyName("event_name")]
    public ZaloEventName EventName { get; init; }

    /// <summary>The Zalo app the webhook belongs to (<c>app_id</c>).</summary>
    [JsonPropertyName("app_id")]
    public string? AppId { get; init; }

    /// <summary>The user's id across the app's OAs (<c>user_id_by_app</c>), when Zalo sends it.</summary>
    [JsonPropertyName("user_id_by_app")]
    public string? UserIdByApp { get; init; }

    /// <summary>When Zalo emitted the event (<c>timestamp</c>, epoch milliseconds as a string); the
    /// default value when absent.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The <c>sender</c> object: the user for user events, the OA for OA events and
    /// message-status events. Null for events without it (follow, tag events).</summary>
    [JsonPropertyName("sender")]
    public ZaloWebhookParty? Sender { get; init; }

    /// <summary>The <c>recipient</c> object: the OA for user events, the user for OA events, a phone
    /// number for ZNS receipts.</summary>
    [JsonPropertyName("recipient")]
    public ZaloWebhookParty? Recipient { get; init; }

    /// <summary>The flat top-level <c>oa_id</c> some events carry (follow, tag, chat-now events).</summary>
    [JsonPropertyName("oa_id")]
    [JsonInclude]
    internal string? DeclaredOaId { get; init; }

    /// <summary>
    /// The Official Account concerned: the top-level <c>oa_id</c> when present, otherwise the
    /// <c>sender</c> for events the OA originates (<c>oa_*</c>, message status) and the
    /// <c>recipient</c> for events a user originates.
    /// </summary>
    [JsonIgnore]
    public string? OaId => DeclaredOaId ?? OaIdFromParties;

    /// <summary>The follower concerned (per-OA user id), when the event names one.</summary>
    [JsonIgnore]
    public virtual string? UserId => IsOaOriginated ? Recipient?.Id : Sender?.Id;

    /// <summary>The message id the event is about (<c>message.msg_id</c>), when it has exactly one.</summary>
    [JsonIgnore]
    public virtual string? MessageId => null;

    /// <summary>The body exactly as received (always kept; empty only for events built in code).</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> RawBody { get; internal set; }

    /// <summary>The body as text (decoded from <see cref="RawBody"/> on first use).</summary>
    [JsonIgnore]
    public string RawJson => _rawJson ??= Encoding.UTF8.GetString(RawBody.Span);

    /// <summary>
    /// The key redeliveries of this event share: <c>event_name:msg_id</c> when the event carries a
    /// single message id (Zalo's at-least-once delivery re-sends the same id), otherwise
    /// <c>sha256:&lt;hex of the body&gt;</c>.
    /// </summary>
    [JsonIgnore]
    public string DeduplicationKey
    {
        get
        {
            if (!string.IsNullOrEmpty(MessageId))
            {
                return EventName.Value + ":" + MessageId;
            }

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(RawBody.Span, hash);
            return "sha256:" + Convert.ToHexStringLower(hash);
        }
    }

    /// <summary>The OA id implied by the event kind when there is no top-level <c>oa_id</c>.</summary>
    private protected virtual string? OaIdFromParties => IsOaOriginated ? Sender?.Id : Recipient?.Id;

    /// <summary>True for events the OA originates (the OA is the <c>sender</c>).</summary>
    private protected virtual bool IsOaOriginated => EventName.Value.StartsWith("oa_", StringComparison.Ordinal);
}

/// <summary>A <c>sender</c> or <c>recipient</c>: <c>{"id": ..., "admin_id": ...}</c>.</summary>
public sealed class ZaloWebhookParty : ZaloModel
{
    /// <summary>The user id (per OA), the OA id, or for ZNS receipts the phone number.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>On OA echoes sent from the OA chat tool: the admin who sent it [C].</summary>
    [JsonPropertyName("admin_id")]
    public string? AdminId { get; init; }
}

/// <summary>An event whose <c>event_name</c> the SDK does not model. Nothing is lost: the base
/// fields are read, every other field is in <see cref="ZaloModel.AdditionalProperties"/>, and the
/// body is in <see cref="ZaloWebhookEvent.RawJson"/>.</summary>
public sealed class UnknownZaloEvent : ZaloWebhookEvent;
