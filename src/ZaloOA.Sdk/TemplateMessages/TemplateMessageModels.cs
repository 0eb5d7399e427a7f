using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.TemplateMessages;

/// <summary>A ZNS/ZBS template message to a phone number (or its hash).</summary>
public sealed class ZaloTemplateMessageRequest
{
    /// <summary>Most characters of <see cref="TrackingId"/>.</summary>
    public const int MaxTrackingIdLength = 48;

    /// <summary>The recipient's phone number in any common form; sent normalised to <c>84…</c>. Set this or <see cref="HashPhone"/>.</summary>
    public string? Phone { get; init; }

    /// <summary>The SHA-256 hex of the normalised number (see <see cref="ZaloPhoneNumber.Hash"/>). Set this or <see cref="Phone"/>.</summary>
    public string? HashPhone { get; init; }

    /// <summary>The approved template's id.</summary>
    public required string TemplateId { get; init; }

    /// <summary>The template's parameters by name.</summary>
    public IReadOnlyDictionary<string, string> TemplateData { get; init; } = new Dictionary<string, string>();

    /// <summary>Your own id for this send (at most 48 characters), echoed in delivery webhooks.</summary>
    public string? TrackingId { get; init; }

    /// <summary>Sends in development mode (<c>"mode":"development"</c>): only to the app's admins and testers, not billed.</summary>
    public bool DevelopmentMode { get; init; }
}

/// <summary>What ZNS answers to a send.</summary>
public sealed class ZaloTemplateSendResult : ZaloModel
{
    /// <summary>The message id (<c>msg_id</c>), for <c>GetMessageStatusAsync</c>.</summary>
    [JsonPropertyName("msg_id")]
    public string? MsgId { get; set; }

    /// <summary>The send time as sent (epoch ms).</summary>
    [JsonPropertyName("sent_time")]
    public string? SentTime { get; set; }

    /// <summary>The sending mode as sent (<c>"1"</c> normal, <c>"3"</c> over quota).</summary>
    [JsonPropertyName("sending_mode")]
    public string? SendingMode { get; set; }

    /// <summary>The OA's daily quota after this send.</summary>
    [JsonPropertyName("quota")]
    public ZaloTemplateQuota? Quota { get; set; }
}

/// <summary>The ZNS daily quota (<c>GET /message/quota</c>, and in send answers).</summary>
public sealed class ZaloTemplateQuota : ZaloModel
{
    /// <summary>Messages allowed per day.</summary>
    [JsonPropertyName("dailyQuota")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? DailyQuota { get; set; }

    /// <summary>Messages left today.</summary>
    [JsonPropertyName("remainingQuota")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? RemainingQuota { get; set; }
}

/// <summary>A template in the OA's list (<c>GET /template/all</c>).</summary>
public sealed class ZaloTemplateSummary : ZaloModel
{
    /// <summary>The template id.</summary>
    [JsonPropertyName("templateId")]
    public string? TemplateId { get; set; }

    /// <summary>The name.</summary>
    [JsonPropertyName("templateName")]
    public string? TemplateName { get; set; }

    /// <summary>Creation time (epoch ms).</summary>
    [JsonPropertyName("createdTime")]
    [JsonConverter(typeof(LenientEpochMillisecondsConverter))]
    public DateTimeOffset? CreatedTime { get; set; }

    /// <summary>ENABLE, PENDING_REVIEW, REJECT, DISABLE, ...</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>HIGH, MEDIUM, LOW, UNDEFINED.</summary>
    [JsonPropertyName("templateQuality")]
    public string? TemplateQuality { get; set; }
}

/// <summary>A template's detail (<c>GET /template/info/v2</c>).</summary>
public sealed class ZaloTemplateInfo : ZaloModel
{
    /// <summary>The template id.</summary>
    [JsonPropertyName("templateId")]
    public string? TemplateId { get; set; }

    /// <summary>The name.</summary>
    [JsonPropertyName("templateName")]
    public string? TemplateName { get; set; }

    /// <summary>The status.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The parameters the template needs.</summary>
    [JsonPropertyName("listParams")]
    public List<ZaloTemplateParam>? ListParams { get; set; }

    /// <summary>The template's buttons, as sent.</summary>
    [JsonPropertyName("listButtons")]
    public JsonElement? ListButtons { get; set; }

    /// <summary>Delivery timeout in ms.</summary>
    [JsonPropertyName("timeout")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Timeout { get; set; }

    /// <summary>A preview link.</summary>
    [JsonPropertyName("previewUrl")]
    public string? PreviewUrl { get; set; }

    /// <summary>Quality rating.</summary>
    [JsonPropertyName("templateQuality")]
    public string? TemplateQuality { get; set; }

    /// <summary>TRANSACTION, CUSTOMER_CARE, PROMOTION, ...</summary>
    [JsonPropertyName("templateTag")]
    public string? TemplateTag { get; set; }

    /// <summary>Price per message as sent.</summary>
    [JsonPropertyName("price")]
    public string? Price { get; set; }
}

/// <summary>A template parameter.</summary>
public sealed class ZaloTemplateParam : ZaloModel
{
    /// <summary>The name used as key in <c>template_data</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Whether it must be given.</summary>
    [JsonPropertyName("require")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? Require { get; set; }

    /// <summary>The type as sent (STRING, NUMBER, DATE, ...).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>Maximum length.</summary>
    [JsonPropertyName("maxLength")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? MaxLength { get; set; }

    /// <summary>Minimum length.</summary>
    [JsonPropertyName("minLength")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? MinLength { get; set; }

    /// <summary>Whether an empty value is allowed.</summary>
    [JsonPropertyName("acceptNull")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? AcceptNull { get; set; }
}

/// <summary>Delivery status of a ZNS message (<c>GET /message/status</c>).</summary>
public sealed class ZaloTemplateMessageStatus : ZaloModel
{
    /// <summary>When it was delivered, as sent.</summary>
    [JsonPropertyName("delivery_time")]
    public string? DeliveryTime { get; set; }

    /// <summary>The status code as sent.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Zalo's explanation.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloTemplateSendResult))]
[JsonSerializable(typeof(ZaloTemplateQuota))]
[JsonSerializable(typeof(List<ZaloTemplateSummary>))]
[JsonSerializable(typeof(ZaloTemplateInfo))]
[JsonSerializable(typeof(ZaloTemplateMessageStatus))]
[JsonSerializable(typeof(TemplateSendBody))]
internal sealed partial class TemplateMessagesJsonContext : JsonSerializerContext;

internal sealed class TemplateSendBody
{
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [JsonPropertyName("phone")]
    public string? Phone { get; init; }

    [JsonPropertyName("hash_phone")]
    public string? HashPhone { get; init; }

    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    [JsonPropertyName("template_data")]
    public required Dictionary<string, string> TemplateData { get; init; }

    [JsonPropertyName("tracking_id")]
    public string? TrackingId { get; init; }
}
