using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Messaging;

/// <summary>Source-generated JSON metadata for messaging responses and the fixed-shape request bodies.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloSendResult))]
[JsonSerializable(typeof(ZaloLegacyMessageQuota))]
[JsonSerializable(typeof(ZaloUserMessageQuota))]
[JsonSerializable(typeof(QuotaV2Body))]
[JsonSerializable(typeof(QuotaV3Body))]
[JsonSerializable(typeof(TemplateByUidBody))]
internal sealed partial class MessagingJsonContext : JsonSerializerContext;

internal sealed class QuotaV2Body
{
    [JsonPropertyName("message_id")]
    public string? MessageId { get; init; }

    [JsonPropertyName("user_id")]
    public string? UserId { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

internal sealed class QuotaV3Body
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }
}

internal sealed class TemplateByUidBody
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }

    [JsonPropertyName("template_id")]
    public required string TemplateId { get; init; }

    [JsonPropertyName("template_data")]
    public required Dictionary<string, string> TemplateData { get; init; }
}
