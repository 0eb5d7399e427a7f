using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.OfficialAccount;

public partial class OfficialAccountClient
{
    /// <summary>The OA's profile and package (<c>GET /v2.0/oa/getoa</c>); also a cheap health check of the token.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public virtual Task<ZaloOfficialAccountInfo> GetAsync(CancellationToken cancellationToken = default) =>
        Connection.SendAsync(OaId, GetRequest, OfficialAccountJsonContext.Default.ZaloOfficialAccountInfo, cancellationToken);

    /// <summary>
    /// The profile of the OA that <paramref name="accessToken"/> belongs to, asked with that token
    /// instead of the stored one (<c>GET /v2.0/oa/getoa</c>). Use it on a consent's fresh token
    /// before storing it: the callback's <c>oa_id</c> is only a claim, Zalo's answer here is the
    /// fact. Refuse the consent when <see cref="ZaloOfficialAccountInfo.Id"/> is not
    /// <see cref="OaId"/>. Nothing is stored and a rejected token is not refreshed.
    /// </summary>
    /// <param name="accessToken">The access token to ask with (e.g. from <c>ExchangeCodeAsync</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ZaloApiException">Zalo refused the token (-216) or the call.</exception>
    public virtual Task<ZaloOfficialAccountInfo> GetAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return Connection.SendWithAccessTokenAsync(OaId, accessToken, GetRequest, OfficialAccountJsonContext.Default.ZaloOfficialAccountInfo, cancellationToken);
    }

    private static ZaloApiRequest GetRequest => ZaloApiRequest.Get("oa.get", "v2.0/oa/getoa");
}

/// <summary>The OA's information. Field list from Zalo's documentation; unknown fields are kept. [S]</summary>
public sealed class ZaloOfficialAccountInfo : ZaloModel
{
    /// <summary>The OA id as <c>oaid</c>.</summary>
    [JsonPropertyName("oaid")]
    public string? OaIdValue { get; set; }

    /// <summary>The OA id as <c>oa_id</c> (other shape).</summary>
    [JsonPropertyName("oa_id")]
    public string? OaIdAlternate { get; set; }

    /// <summary>The OA id from whichever field Zalo sent.</summary>
    [JsonIgnore]
    public string? Id => OaIdValue ?? OaIdAlternate;

    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The alias.</summary>
    [JsonPropertyName("oa_alias")]
    public string? OaAlias { get; set; }

    /// <summary>Whether Zalo verified the OA.</summary>
    [JsonPropertyName("is_verified")]
    [JsonConverter(typeof(LenientBooleanConverter))]
    public bool? IsVerified { get; set; }

    /// <summary>The OA type code as sent.</summary>
    [JsonPropertyName("oa_type")]
    public string? OaType { get; set; }

    /// <summary>The category name.</summary>
    [JsonPropertyName("cate_name")]
    public string? CateName { get; set; }

    /// <summary>The number of followers.</summary>
    [JsonPropertyName("num_follower")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? NumFollower { get; set; }

    /// <summary>The avatar URL.</summary>
    [JsonPropertyName("avatar")]
    public string? Avatar { get; set; }

    /// <summary>The cover URL.</summary>
    [JsonPropertyName("cover")]
    public string? Cover { get; set; }

    /// <summary>The package name.</summary>
    [JsonPropertyName("package_name")]
    public string? PackageName { get; set; }

    /// <summary>Package validity as sent.</summary>
    [JsonPropertyName("package_valid_through_date")]
    public string? PackageValidThroughDate { get; set; }

    /// <summary>Package renewal date as sent.</summary>
    [JsonPropertyName("package_auto_renew_date")]
    public string? PackageAutoRenewDate { get; set; }

    /// <summary>The linked Zalo Cloud Account, as sent.</summary>
    [JsonPropertyName("linked_ZCA")]
    public JsonElement? LinkedZca { get; set; }
}

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloOfficialAccountInfo))]
internal sealed partial class OfficialAccountJsonContext : JsonSerializerContext;
