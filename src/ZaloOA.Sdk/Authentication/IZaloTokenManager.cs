namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// Hands out valid access tokens per Official Account and keeps them valid: refreshes ahead of
/// expiry, lets concurrent callers share one refresh, persists the rotated pair before using it,
/// and marks an OA as needing re-authorisation when Zalo refuses its refresh token.
/// </summary>
public interface IZaloTokenManager
{
    /// <summary>Returns a valid access token for the OA, refreshing first when it expires soon.</summary>
    /// <exception cref="ZaloReauthorizationRequiredException">The OA has no usable refresh token.</exception>
    /// <exception cref="ZaloTokenStoreException">Zalo rotated the tokens but the store could not save them.</exception>
    ValueTask<string> GetAccessTokenAsync(string oaId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forces a refresh because Zalo rejected <paramref name="rejectedAccessToken"/> (-216, -220,
    /// -124). When another caller already replaced that token, the newer one is returned without a
    /// second refresh. With a null <paramref name="rejectedAccessToken"/> the current token is
    /// replaced whatever its expiry (an explicit "refresh now").
    /// </summary>
    ValueTask<string> RefreshAsync(string oaId, string? rejectedAccessToken, CancellationToken cancellationToken = default);

    /// <summary>Saves tokens obtained from a completed consent flow as the OA's current pair,
    /// clearing any "needs re-authorisation" mark.</summary>
    ValueTask<ZaloTokenSet> SaveAuthorizationAsync(string oaId, ZaloTokenResponse tokens, CancellationToken cancellationToken = default);

    /// <summary>Reports the OA's token state without contacting Zalo.</summary>
    ValueTask<ZaloTokenStatus> GetStatusAsync(string oaId, CancellationToken cancellationToken = default);
}

/// <summary>The state of one OA's tokens.</summary>
public enum ZaloTokenState
{
    /// <summary>No tokens are known for the OA.</summary>
    Missing = 0,

    /// <summary>The access token is valid and not yet due for refresh.</summary>
    Valid,

    /// <summary>The access token expires within the refresh margin (or has expired); the next
    /// call refreshes it.</summary>
    RefreshDue,

    /// <summary>A refresh is in flight right now.</summary>
    Refreshing,

    /// <summary>Zalo refused the refresh token; a person must authorise the OA again.</summary>
    ReauthorizationRequired,
}

/// <summary>An OA's token state and its access-token expiry.</summary>
/// <param name="OaId">The Official Account.</param>
/// <param name="State">The state.</param>
/// <param name="AccessTokenExpiresAt">When the current access token expires, if known.</param>
public readonly record struct ZaloTokenStatus(string OaId, ZaloTokenState State, DateTimeOffset? AccessTokenExpiresAt);
