using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// Produces an OA's current token pair from the store, refreshing it with Zalo when it is due:
/// under the refresh lock, with a version-checked save before the new access token is handed out,
/// and keeping a rotated pair the store failed to save so the next call saves it instead of
/// spending the dead refresh token. Knows nothing of callers or caching: that is
/// <see cref="ZaloTokenManager"/>'s part.
/// </summary>
internal sealed partial class ZaloTokenRefresher
{
    private readonly IZaloTokenStore _store;
    private readonly IZaloTokenRefreshLock _refreshLock;
    private readonly IZaloTokenRefreshLimiter _limiter;
    private readonly ZaloOAuthClient _oauth;
    private readonly IOptionsMonitor<ZaloOAOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Rotated sets Zalo returned that the store failed to save: the only valid refresh token,
    // kept so the next call can try to save it again instead of spending the dead one.
    private readonly ConcurrentDictionary<string, PendingSave> _unsaved = new(StringComparer.Ordinal);

    public ZaloTokenRefresher(
        IZaloTokenStore store,
        IZaloTokenRefreshLock refreshLock,
        IZaloTokenRefreshLimiter limiter,
        ZaloOAuthClient oauth,
        IOptionsMonitor<ZaloOAOptions> options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _store = store;
        _refreshLock = refreshLock;
        _limiter = limiter;
        _oauth = oauth;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Whether <paramref name="set"/> may be handed out: usable and before its refresh point.</summary>
    public bool IsFresh(string oaId, ZaloTokenSet set) => RefreshPoint(oaId, set) > _time.GetUtcNow();

    /// <summary>
    /// When <paramref name="set"/> of <paramref name="oaId"/> is due for refresh:
    /// <see cref="ZaloOAOptions.RefreshBeforeExpiry"/> plus a share of
    /// <see cref="ZaloOAOptions.RefreshSpread"/> derived from the OA id before its expiry, or
    /// <see cref="DateTimeOffset.MinValue"/> for a set that cannot be used at all.
    /// </summary>
    public DateTimeOffset RefreshPoint(string oaId, ZaloTokenSet set)
    {
        if (set.ReauthorizationRequired || set.AccessToken.Length == 0)
        {
            return DateTimeOffset.MinValue;
        }

        var options = _options.CurrentValue;
        var margin = options.RefreshBeforeExpiry;
        var spread = options.RefreshSpread;
        // The same OA lands at the same point of the spread on every instance (a hash of its id,
        // not a random draw), so instances agree on when it is due; OAs whose tokens expire
        // together (all linked in one morning) are refreshed spread over the window instead of
        // in one burst against Zalo's app-wide limit.
        var early = margin + (spread * SpreadShare(oaId));

        // The lead never exceeds half the token's lifetime: with a short-lived token (older docs
        // say 1 h) a fixed 1 h margin would make every call spend a refresh token. It is scaled
        // down as a whole, so the OAs stay spread over a proportionally shorter window.
        if (set.IssuedAt != default && set.AccessTokenExpiresAt > set.IssuedAt)
        {
            var half = (set.AccessTokenExpiresAt - set.IssuedAt) / 2;
            var longest = margin + spread;
            if (longest > half)
            {
                early = longest == TimeSpan.Zero ? TimeSpan.Zero : half * (early / longest);
            }
        }

        return set.AccessTokenExpiresAt - early;
    }

    /// <summary>The OA's fixed place in the refresh spread, in [0, 1): FNV-1a of the id's
    /// characters, the same in every process (unlike <see cref="string.GetHashCode()"/>).</summary>
    internal static double SpreadShare(string oaId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in oaId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        // Take the top 53 bits, which a double holds exactly, after a final mix so ids that
        // differ only in their last digit do not land next to each other.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Whether <paramref name="set"/> answers a request: any fresh set for a plain read;
    /// for a forced refresh, only a fresh set other than the rejected one.</summary>
    public bool Satisfies(string oaId, ZaloTokenSet set, bool force, string? rejectedAccessToken) =>
        IsFresh(oaId, set) && (!force || (rejectedAccessToken is not null && set.AccessToken != rejectedAccessToken));

    /// <summary>Saves the pair of a new authorisation under the lock, one version above the stored one.</summary>
    public async Task<ZaloTokenSet> SaveAuthorizationAsync(string oaId, ZaloTokenResponse tokens, CancellationToken cancellationToken)
    {
        await using (await _refreshLock.AcquireAsync(oaId, LockLease, cancellationToken).ConfigureAwait(false))
        {
            var current = await _store.GetAsync(oaId, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var set = new ZaloTokenSet
            {
                AccessToken = tokens.AccessToken!,
                RefreshToken = tokens.RefreshToken!,
                AccessTokenExpiresAt = now.AddSeconds(tokens.ExpiresInSeconds),
                IssuedAt = now,
                Version = (current?.Version ?? 0) + 1,
            };
            await SaveOrThrowAsync(oaId, set, expectedVersion: null, cancellationToken).ConfigureAwait(false);
            _unsaved.TryRemove(oaId, out _);
            Log.AuthorizationSaved(_logger, oaId, set.Version);
            return set;
        }
    }

    private TimeSpan LockLease
    {
        get
        {
            // The lease must outlive the refresh call's own timeout, or a slow Zalo answer would
            // let a second holder in while the first one's refresh token is still in flight.
            var o = _options.CurrentValue;
            return o.AttemptTimeout + o.AttemptTimeout + TimeSpan.FromSeconds(30);
        }
    }

    /// <summary>
    /// Under the OA's refresh lock: saves a rotated pair an earlier store failure left in memory,
    /// then reads the store (another instance may have refreshed meanwhile) and, unless that set
    /// answers the request, spends the refresh token and saves the new pair, version-checked,
    /// before returning it. Never cancelled: a refresh token spent cannot be given back.
    /// </summary>
    /// <exception cref="ZaloReauthorizationRequiredException">The OA has no usable refresh token.</exception>
    /// <exception cref="ZaloTokenStoreException">The store failed; a rotated pair is in <see cref="ZaloTokenStoreException.RotatedTokens"/>.</exception>
    public async Task<ZaloTokenSet> LoadOrRefreshAsync(string oaId, bool force, string? rejectedAccessToken)
    {
        var ct = CancellationToken.None;
        await using (await _refreshLock.AcquireAsync(oaId, LockLease, ct).ConfigureAwait(false))
        {
            if (_unsaved.TryGetValue(oaId, out var pending))
            {
                await SaveOrThrowAsync(oaId, pending.Set, pending.ExpectedVersion, ct).ConfigureAwait(false);
                _unsaved.TryRemove(oaId, out _);
                Log.PendingTokensSaved(_logger, oaId, pending.Set.Version);
                // The saved pair is new to this caller even when the refresh was forced: its
                // access token was never handed out.
                if (IsFresh(oaId, pending.Set) && pending.Set.AccessToken != rejectedAccessToken)
                {
                    return pending.Set;
                }
            }

            // Read under the lock: another instance may have refreshed while we waited.
            ZaloTokenSet? current;
            try
            {
                current = await _store.GetAsync(oaId, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                throw new ZaloTokenStoreException(oaId, $"The token store could not read the tokens of OA {oaId}: {ex.Message}", null, ex);
            }

            if (current is { ReauthorizationRequired: true })
            {
                throw new ZaloReauthorizationRequiredException(oaId, "Zalo refused its refresh token earlier.");
            }

            if (current is not null && Satisfies(oaId, current, force, rejectedAccessToken))
            {
                return current;
            }

            // A refresh that is merely due (the token still works) waits for a permit: the current
            // token is served meanwhile and the next call tries again. An expired or rejected
            // token is refreshed regardless, since nothing else could be sent.
            if (!force && current is not null && current.AccessTokenExpiresAt > _time.GetUtcNow()
                && !await _limiter.TryAcquireAsync(ct).ConfigureAwait(false))
            {
                Log.RefreshDeferred(_logger, oaId);
                return current;
            }

            var refreshToken = current?.RefreshToken ?? SeedRefreshToken(oaId)
                ?? throw new ZaloReauthorizationRequiredException(oaId, "no tokens are stored for it and none is configured under Zalo:Accounts.");
            var baseVersion = current?.Version ?? 0;

            Log.Refreshing(_logger, oaId, force ? "rejected by Zalo or forced" : "expiry");
            ZaloTokenResponse response;
            try
            {
                response = await _oauth.RefreshAsync(refreshToken, ct).ConfigureAwait(false);
            }
            catch (ZaloOAuthException ex) when (ex.IsInvalidRefreshToken)
            {
                await MarkReauthorizationRequiredAsync(oaId, current, baseVersion).ConfigureAwait(false);
                throw new ZaloReauthorizationRequiredException(oaId, "Zalo refused its refresh token (invalid, expired or already used).", ex);
            }

            var now = _time.GetUtcNow();
            var next = new ZaloTokenSet
            {
                AccessToken = response.AccessToken!,
                // [U] Zalo may omit a new refresh token; then the one we sent stays valid.
                RefreshToken = string.IsNullOrEmpty(response.RefreshToken) ? refreshToken : response.RefreshToken,
                AccessTokenExpiresAt = now.AddSeconds(response.ExpiresInSeconds),
                IssuedAt = now,
                Version = baseVersion + 1,
            };

            bool saved;
            try
            {
                saved = await _store.TrySaveAsync(oaId, next, baseVersion, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _unsaved[oaId] = new PendingSave(next, baseVersion);
                Log.RotatedTokensNotSaved(_logger, ex, oaId);
                throw new ZaloTokenStoreException(
                    oaId,
                    $"Zalo rotated the tokens of OA {oaId} but the token store could not save them; the old refresh token is now dead. The new pair is kept in memory and in this exception's RotatedTokens; fix the store, or the OA must be authorised again.",
                    next,
                    ex);
            }

            if (!saved)
            {
                // A newer version was written meanwhile (a lock holder whose lease ran out). The
                // stored pair wins; ours is discarded rather than overwriting it.
                Log.RefreshConflict(_logger, oaId, baseVersion);
                var winner = await _store.GetAsync(oaId, ct).ConfigureAwait(false)
                    ?? throw new ZaloTokenStoreException(oaId, $"The token record of OA {oaId} vanished during a refresh.", next, null);
                if (winner.ReauthorizationRequired || winner.AccessToken.Length == 0)
                {
                    throw new ZaloReauthorizationRequiredException(oaId, "another writer marked its tokens as unusable during a refresh.");
                }

                return winner;
            }

            Log.Refreshed(_logger, oaId, next.Version, next.AccessTokenExpiresAt);
            return next;
        }
    }

    private async Task MarkReauthorizationRequiredAsync(string oaId, ZaloTokenSet? current, long baseVersion)
    {
        var marked = new ZaloTokenSet
        {
            AccessToken = string.Empty,
            RefreshToken = current?.RefreshToken ?? string.Empty,
            AccessTokenExpiresAt = DateTimeOffset.MinValue,
            IssuedAt = current?.IssuedAt ?? default,
            Version = baseVersion + 1,
            ReauthorizationRequired = true,
        };
        try
        {
            await _store.TrySaveAsync(oaId, marked, baseVersion, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.MarkFailed(_logger, ex, oaId);
        }

        Log.ReauthorizationRequired(_logger, oaId);
    }

    private async Task SaveOrThrowAsync(string oaId, ZaloTokenSet set, long? expectedVersion, CancellationToken ct)
    {
        bool saved;
        try
        {
            saved = await _store.TrySaveAsync(oaId, set, expectedVersion, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw new ZaloTokenStoreException(oaId, $"The token store could not save the tokens of OA {oaId}.", set, ex);
        }

        if (!saved)
        {
            throw new ZaloTokenStoreException(oaId, $"The token record of OA {oaId} changed while saving (version conflict).", set, null);
        }
    }

    /// <summary>The refresh token configured for <paramref name="oaId"/> under <c>Zalo:Accounts</c>, or null.</summary>
    public string? SeedRefreshToken(string oaId)
    {
        foreach (var account in _options.CurrentValue.Accounts)
        {
            if (account.OaId == oaId && !string.IsNullOrEmpty(account.RefreshToken))
            {
                return account.RefreshToken;
            }
        }

        return null;
    }

    private readonly record struct PendingSave(ZaloTokenSet Set, long ExpectedVersion);

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Refreshing the access token of OA {OaId} ({Reason}).")]
        public static partial void Refreshing(ILogger logger, string oaId, string reason);

        [LoggerMessage(1002, LogLevel.Information, "Refreshed the access token of OA {OaId}: version {Version}, expires {ExpiresAt:O}.")]
        public static partial void Refreshed(ILogger logger, string oaId, long version, DateTimeOffset expiresAt);

        [LoggerMessage(1003, LogLevel.Critical, "Zalo rotated the tokens of OA {OaId} but the token store failed to save them. The new pair is held in memory; fix the store or the OA must be re-authorised.")]
        public static partial void RotatedTokensNotSaved(ILogger logger, Exception exception, string oaId);

        [LoggerMessage(1004, LogLevel.Warning, "A newer token version for OA {OaId} was written while refreshing from version {BaseVersion}; the stored one wins.")]
        public static partial void RefreshConflict(ILogger logger, string oaId, long baseVersion);

        [LoggerMessage(1005, LogLevel.Error, "Zalo refused the refresh token of OA {OaId}; the OA must be authorised again.")]
        public static partial void ReauthorizationRequired(ILogger logger, string oaId);

        [LoggerMessage(1006, LogLevel.Error, "Could not mark OA {OaId} as needing re-authorisation in the token store.")]
        public static partial void MarkFailed(ILogger logger, Exception exception, string oaId);

        [LoggerMessage(1007, LogLevel.Information, "Saved new authorisation tokens for OA {OaId} (version {Version}).")]
        public static partial void AuthorizationSaved(ILogger logger, string oaId, long version);

        [LoggerMessage(1009, LogLevel.Debug, "The refresh of OA {OaId} is due but this second's refresh permits are used up (Zalo:MaxTokenRefreshesPerSecond); its current token is served meanwhile.")]
        public static partial void RefreshDeferred(ILogger logger, string oaId);

        [LoggerMessage(1008, LogLevel.Warning, "Saved the rotated tokens of OA {OaId} (version {Version}) that an earlier store failure had left in memory.")]
        public static partial void PendingTokensSaved(ILogger logger, string oaId, long version);
    }
}
