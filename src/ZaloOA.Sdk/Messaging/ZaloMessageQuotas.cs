using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Messaging;

/// <summary>A quota from the legacy <c>POST /v2.0/oa/quota/message</c>: <c>{type, remain, total}</c>. [S]</summary>
public sealed class ZaloLegacyMessageQuota : ZaloModel
{
    /// <summary>The quota's kind as Zalo names it.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Messages left.</summary>
    [JsonPropertyName("remain")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Remain { get; set; }

    /// <summary>The allowance.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }
}

/// <summary>
/// A follower's messaging quota and last interaction from <c>POST /v3.0/oa/quota/message</c>. [S]
/// <see cref="LastInteraction"/> is the best pre-flight for the 48-hour / 7-day rules: pass it to
/// <see cref="ZaloMessageWindow.Evaluate(DateTimeOffset?, DateTimeOffset)"/>.
/// </summary>
public sealed class ZaloUserMessageQuota : ZaloModel
{
    /// <summary>When the follower last interacted with the OA (epoch ms on the wire), or null.</summary>
    [JsonPropertyName("last_interaction")]
    [JsonConverter(typeof(LenientEpochMillisecondsConverter))]
    public DateTimeOffset? LastInteraction { get; set; }

    /// <summary>Free consultation replies left in the current 48-hour window.</summary>
    [JsonPropertyName("cs_reply")]
    public ZaloReplyQuota? CsReply { get; set; }

    /// <summary>Promotion messages left for this follower.</summary>
    [JsonPropertyName("promotion")]
    public ZaloPromotionQuota? Promotion { get; set; }

    /// <summary>Evaluates the consultation window at <paramref name="now"/> from <see cref="LastInteraction"/>.</summary>
    public ZaloMessageWindowStatus EvaluateWindow(DateTimeOffset now) => ZaloMessageWindow.Evaluate(LastInteraction, now);
}

/// <summary>The reply quota part of <see cref="ZaloUserMessageQuota"/>.</summary>
public sealed class ZaloReplyQuota : ZaloModel
{
    /// <summary>Replies left.</summary>
    [JsonPropertyName("remain")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Remain { get; set; }

    /// <summary>The allowance.</summary>
    [JsonPropertyName("total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Total { get; set; }
}

/// <summary>The promotion quota part of <see cref="ZaloUserMessageQuota"/>.</summary>
public sealed class ZaloPromotionQuota : ZaloModel
{
    /// <summary>Promotions left today.</summary>
    [JsonPropertyName("daily_remain")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? DailyRemain { get; set; }

    /// <summary>Daily allowance.</summary>
    [JsonPropertyName("daily_total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? DailyTotal { get; set; }

    /// <summary>Promotions left this month.</summary>
    [JsonPropertyName("monthly_remain")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? MonthlyRemain { get; set; }

    /// <summary>Monthly allowance.</summary>
    [JsonPropertyName("monthly_total")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? MonthlyTotal { get; set; }
}
