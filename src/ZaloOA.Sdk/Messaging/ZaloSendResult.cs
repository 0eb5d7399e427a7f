using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Messaging;

/// <summary>What Zalo answers to a sent message.</summary>
public sealed class ZaloSendResult : ZaloModel
{
    /// <summary>The new message's id (use it to quote, react or check status).</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; set; }

    /// <summary>The recipient's user id. [S]</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }

    /// <summary>Anonymous sends echo the anonymous id. [S]</summary>
    [JsonPropertyName("anonymous_id")]
    public string? AnonymousId { get; set; }

    /// <summary>Anonymous sends echo the conversation id. [S]</summary>
    [JsonPropertyName("conversation_id")]
    public string? ConversationId { get; set; }

    /// <summary>The send time exactly as Zalo wrote it (format not documented). [S]</summary>
    [JsonPropertyName("sent_time")]
    public string? SentTime { get; set; }

    /// <summary>The quota the message was charged to; null means the send was billable. [S]</summary>
    [JsonPropertyName("quota")]
    public ZaloSendQuota? Quota { get; set; }

    /// <summary>True when Zalo charged no free quota (<c>quota</c> absent), so the send is billed to the OA. [S]</summary>
    [JsonIgnore]
    public bool IsBillable => Quota is null;
}

/// <summary>The quota a message was charged to (<c>data.quota</c> of a send). [S]</summary>
public sealed class ZaloSendQuota : ZaloModel
{
    /// <summary>Known <see cref="QuotaType"/>: a reply inside the 48-hour window.</summary>
    public const string Reply = "reply";

    /// <summary>Known <see cref="QuotaType"/>: welcome messages to a new follower who never interacted.</summary>
    public const string WelcomeMessage = "welcome_msg";

    /// <summary>Known <see cref="QuotaType"/>: the OA package's allowance.</summary>
    public const string SubQuota = "sub_quota";

    /// <summary>Known <see cref="QuotaType"/>: purchased quota.</summary>
    public const string PurchaseQuota = "purchase_quota";

    /// <summary>Known <see cref="QuotaType"/>: rewarded quota.</summary>
    public const string RewardQuota = "reward_quota";

    /// <summary>Which quota was used, e.g. <see cref="Reply"/> or <see cref="SubQuota"/>.</summary>
    [JsonPropertyName("quota_type")]
    public string? QuotaType { get; set; }

    /// <summary>What is left, when Zalo says.</summary>
    [JsonPropertyName("remain")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Remain { get; set; }

    /// <summary>The allowance, when Zalo says.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }

    /// <summary>When the allowance expires, as Zalo wrote it (package quotas).</summary>
    [JsonPropertyName("expired_date")]
    public string? ExpiredDate { get; set; }

    /// <summary><c>OA</c> or <c>App</c> for purchased and rewarded quotas.</summary>
    [JsonPropertyName("owner_type")]
    public string? OwnerType { get; set; }

    /// <summary>The id of the quota's owner.</summary>
    [JsonPropertyName("owner_id")]
    public string? OwnerId { get; set; }
}
