using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Uploads;

/// <summary>An uploaded image or GIF. Zalo keeps it about 7 days; after that sends fail with -100.</summary>
public sealed class ZaloUploadedAttachment : ZaloModel
{
    /// <summary>The id to send in an image or GIF message.</summary>
    [JsonPropertyName("attachment_id")]
    public string? AttachmentId { get; set; }
}

/// <summary>An uploaded file.</summary>
public sealed class ZaloUploadedFile : ZaloModel
{
    /// <summary>The token to send in a file message.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; set; }
}

/// <summary>Source-generated JSON metadata for upload responses.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloUploadedAttachment))]
[JsonSerializable(typeof(ZaloUploadedFile))]
internal sealed partial class UploadsJsonContext : JsonSerializerContext;
