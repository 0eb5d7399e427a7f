using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Redis.Internal;

/// <summary>
/// Source-generated JSON for the token record kept in Redis: the same options as the SDK's
/// <c>ZaloJsonContext</c>, so the record has the same shape as in <see cref="FileZaloTokenStore"/>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloTokenSet))]
internal sealed partial class ZaloRedisJsonContext : JsonSerializerContext;
