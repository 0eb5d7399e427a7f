using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZaloOA.Sdk.Serialization;

/// <summary>
/// Base of every model read from Zalo. Fields the SDK does not model yet are kept in
/// <see cref="AdditionalProperties"/>, so a field Zalo adds tomorrow is not lost today.
/// </summary>
public abstract class ZaloModel
{
    /// <summary>JSON properties Zalo sent that this model does not declare, by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
