namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// The tokens of one Official Account as kept in a token store. <see cref="ToString"/> never shows
/// the token values.
/// </summary>
public sealed class ZaloTokenSet
{
    /// <summary>The access token sent as the <c>access_token</c> header.</summary>
    public required string AccessToken { get; init; }

    /// <summary>The single-use refresh token (valid about 3 months).</summary>
    public required string RefreshToken { get; init; }

    /// <summary>When the access token expires.</summary>
    public required DateTimeOffset AccessTokenExpiresAt { get; init; }

    /// <summary>When this pair was obtained from Zalo.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>
    /// Monotonic version of the OA's token record. Every successful write increases it by one; a
    /// write based on an older version is refused, so a slow writer cannot overwrite a newer pair.
    /// </summary>
    public long Version { get; init; }

    /// <summary>True when Zalo refused the refresh token: a person must authorise the OA again.</summary>
    public bool ReauthorizationRequired { get; init; }

    /// <summary>Returns a copy with the given version.</summary>
    public ZaloTokenSet WithVersion(long version) => new()
    {
        AccessToken = AccessToken,
        RefreshToken = RefreshToken,
        AccessTokenExpiresAt = AccessTokenExpiresAt,
        IssuedAt = IssuedAt,
        Version = version,
        ReauthorizationRequired = ReauthorizationRequired,
    };

    /// <summary>Describes the set without its secrets.</summary>
    public override string ToString() =>
        $"ZaloTokenSet(version {Version}, expires {AccessTokenExpiresAt:O}, reauthorization required: {ReauthorizationRequired})";
}
