using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Serialization;

/// <summary>
/// Source-generated JSON metadata for the SDK's core wire types. Each feature area has its own
/// context beside its models, declared with the same options as this one: snake_case names taken
/// from explicit <see cref="JsonPropertyNameAttribute"/>s, nulls omitted on write, numbers readable
/// from strings, and <see cref="ZaloStringConverter"/> so ids read from JSON numbers too.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloTokenResponse))]
[JsonSerializable(typeof(ZaloOAuthErrorBody))]
[JsonSerializable(typeof(ZaloTokenSet))]
[JsonSerializable(typeof(Dictionary<string, ZaloTokenSet>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ZaloJsonContext : JsonSerializerContext;
