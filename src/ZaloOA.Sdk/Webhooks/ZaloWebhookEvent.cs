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
    private string? _deduplicationKey;

    /// <summary>The <c>event_name</c>.</summary>
    [JsonPropertyName("event_name")]
    [JsonInclude]
    public ZaloEventName EventName { get; internal set; }

    /// <summary>The Zalo app the webhook belongs to (<c>app_id</c>).</summary>
    [JsonPropertyName("app_id")]
    [JsonInclude]
    public string? AppId { get; internal set; }

    /// <summary>The user's id across the app's OAs (<c>user_id_by_app</c>), when Zalo sends it.</summary>
    [JsonPropertyName("user_id_by_app")]
    [JsonInclude]
    public string? UserIdByApp { get; internal set; }

    /// <summary>When Zalo emitted the event (<c>timestamp</c>, epoch milliseconds as a string); the
    /// default value when absent.</summary>
    [JsonPropertyName("timestamp")]
    [JsonConverter(typeof(EpochMillisecondsConverter))]
    [JsonInclude]
    public DateTimeOffset Timestamp { get; internal set; }

    /// <summary>The <c>sender</c> object: the user for user events, the OA for OA events and
    /// message-status events. Null for events without it (follow, tag events).</summary>
    [JsonPropertyName("sender")]
    [JsonInclude]
    public ZaloWebhookParty? Sender { get; internal set; }

    /// <summary>The <c>recipient</c> object: the OA for user events, the user for OA events, a phone
    /// number for ZNS receipts.</summary>
    [JsonPropertyName("recipient")]
    [JsonInclude]
    public ZaloWebhookParty? Recipient { get; internal set; }

    /// <summary>The flat top-level <c>oa_id</c> some events carry (follow, tag, chat-now events).</summary>
    [JsonPropertyName("oa_id")]
    [JsonInclude]
    internal string? DeclaredOaId { get; set; }

    /// <summary>
    /// The Official Account concerned: the top-level <c>oa_id</c> when present, otherwise the
    /// <c>sender</c> for events the OA originates (<c>oa_*</c>, message status) and the
    /// <c>recipient</c> for events a user originates. Event types whose contract guarantees it
    /// (user messages, OA echoes, follow, receipts, ...) declare it non-nullable, and the parser
    /// refuses such an event without it.
    /// </summary>
    [JsonIgnore]
    public virtual string? OaId => DeclaredOaId ?? OaIdFromParties;

    /// <summary>The follower concerned (per-OA user id), when the event names one; non-nullable on
    /// the event types whose contract guarantees it, like <see cref="OaId"/>.</summary>
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
    /// <remarks>Computed on first use and kept: the endpoint, the de-duplicator and the queue all
    /// ask for it.</remarks>
    [JsonIgnore]
    public string DeduplicationKey => _deduplicationKey ??= ComputeDeduplicationKey();

    private string ComputeDeduplicationKey()
    {
        if (!string.IsNullOrEmpty(MessageId))
        {
            return EventName.Value + ":" + MessageId;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(RawBody.Span, hash);
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// What Zalo's contract guarantees but this event lacks (for example <c>the user id
    /// (sender.id)</c>), or null when nothing is missing. The parser refuses an event that lacks a
    /// guaranteed field, so the non-nullable properties of a parsed event are never empty.
    /// </summary>
    internal virtual string? FindMissingField() => null;

    /// <summary>The check of the event types that guarantee both the OA and the user.</summary>
    /// <param name="oaField">Where the OA id comes from, for the error.</param>
    /// <param name="userField">Where the user id comes from, for the error.</param>
    private protected string? MissingOaOrUser(string oaField, string userField) =>
        string.IsNullOrEmpty(OaId) ? $"the OA id ({oaField})"
        : string.IsNullOrEmpty(UserId) ? $"the user id ({userField})"
        : null;

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
    [JsonInclude]
    public string? Id { get; internal set; }

    /// <summary>On OA echoes sent from the OA chat tool: the admin who sent it [C].</summary>
    [JsonPropertyName("admin_id")]
    [JsonInclude]
    public string? AdminId { get; internal set; }
}

/// <summary>An event whose <c>event_name</c> the SDK does not model. Nothing is lost: the base
/// fields are read, every other field is in <see cref="ZaloModel.AdditionalProperties"/>, and the
/// body is in <see cref="ZaloWebhookEvent.RawJson"/>.</summary>
public sealed class UnknownZaloEvent : ZaloWebhookEvent;
