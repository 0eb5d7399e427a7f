using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// The OAuth token endpoint's answer. <c>expires_in</c> arrives as a string (<c>"90000"</c>) or a
/// number; both are read. <see cref="ToString"/> never shows the token values.
/// </summary>
public sealed class ZaloTokenResponse : ZaloModel
{
    /// <summary>The new access token.</summary>
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    /// <summary>The new refresh token; the one that was sent is now dead.</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    /// <summary>The access token's lifetime in seconds (90000 for OA tokens).</summary>
    [JsonPropertyName("expires_in")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long ExpiresInSeconds { get; set; }

    /// <summary>Describes the response without its secrets.</summary>
    public override string ToString() => $"ZaloTokenResponse(expires in {ExpiresInSeconds} s)";
}

/// <summary>An OAuth error body: <c>{"error":-14014,"error_name":"...","error_description":"..."}</c>.</summary>
internal sealed class ZaloOAuthErrorBody
{
    [JsonPropertyName("error")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int? Error { get; set; }

    [JsonPropertyName("error_name")]
    public string? ErrorName { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }

    [JsonPropertyName("error_reason")]
    public string? ErrorReason { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
