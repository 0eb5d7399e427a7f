using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ZaloOA.Sdk.Authentication;

/// <summary>
/// The default <see cref="IZaloTokenManager"/>. Valid tokens are served from memory without
/// allocation; everything else goes through one in-flight load per OA (<see cref="SingleFlight{T}"/>)
/// that the <see cref="ZaloTokenRefresher"/> runs under the refresh lock, with a version-checked
/// write to the token store before the new access token is handed out.
/// </summary>
public sealed class ZaloTokenManager : IZaloTokenManager
{
    private readonly ZaloTokenRefresher _refresher;
    private readonly IZaloTokenStore _store;
    private readonly TimeProvider _time;

    private static readonly TimeSpan DeferredRetry = TimeSpan.FromSeconds(1);

    // Sets known to be persisted with their refresh point, read on every API call.
    private readonly ConcurrentDictionary<string, CachedSet> _cache = new(StringComparer.Ordinal);

    // One load or refresh in flight per OA; its result is the access token every waiter gets.
    private readonly SingleFlight<string> _flights = new();

    /// <summary>Creates the manager.</summary>
    public ZaloTokenManager(
        IZaloTokenStore store,
        IZaloTokenRefreshLock refreshLock,
        IZaloTokenRefreshLimiter refreshLimiter,
        ZaloOAuthClient oauth,
        IOptionsMonitor<ZaloOAOptions> options,
        TimeProvider timeProvider,
        ILogger<ZaloTokenManager> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(refreshLock);
        ArgumentNullException.ThrowIfNull(refreshLimiter);
        ArgumentNullException.ThrowIfNull(oauth);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _time = timeProvider;
        _refresher = new ZaloTokenRefresher(store, refreshLock, refreshLimiter, oauth, options, timeProvider, logger);
    }

    /// <inheritdoc />
    public ValueTask<string> GetAccessTokenAsync(string oaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        if (_cache.TryGetValue(oaId, out var cached) && cached.RefreshAt > _time.GetUtcNow())
        {
            return ValueTask.FromResult(cached.Set.AccessToken);
        }

        // Any fresh token answers a plain read, so every caller waits on the shared load's task
        // itself: no state machine per caller, which is what 1,000 callers at expiry cost. A caller
        // with a cancellable token waits with it; the shared load is never cancelled, since the
        // refresh token it spends cannot be given back.
        var shared = Load(oaId, force: false, rejectedAccessToken: null, out _);
        return new ValueTask<string>(cancellationToken.CanBeCanceled ? shared.WaitAsync(cancellationToken) : shared);
    }

    /// <inheritdoc />
    public ValueTask<string> RefreshAsync(string oaId, string? rejectedAccessToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        // Without a named token, whatever token is current when the refresh runs is replaced.
        return new ValueTask<string>(RefreshSlowAsync(oaId, rejectedAccessToken, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<ZaloTokenSet> SaveAuthorizationAsync(string oaId, ZaloTokenResponse tokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        ArgumentNullException.ThrowIfNull(tokens);
        if (string.IsNullOrEmpty(tokens.AccessToken) || string.IsNullOrEmpty(tokens.RefreshToken))
        {
            throw new ZaloValidationException("The token response has no access token or no refresh token; nothing was stored.", nameof(tokens));
        }

        var set = await _refresher.SaveAuthorizationAsync(oaId, tokens, cancellationToken).ConfigureAwait(false);
        Cache(oaId, set);
        return set;
    }

    /// <inheritdoc />
    public async ValueTask<ZaloTokenStatus> GetStatusAsync(string oaId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oaId);
        if (_flights.IsRunning(oaId))
        {
            _cache.TryGetValue(oaId, out var cached);
            return new ZaloTokenStatus(oaId, ZaloTokenState.Refreshing, cached?.Set.AccessTokenExpiresAt);
        }

        var set = await _store.GetAsync(oaId, cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            return new ZaloTokenStatus(oaId, _refresher.SeedRefreshToken(oaId) is null ? ZaloTokenState.Missing : ZaloTokenState.RefreshDue, null);
        }

        var state = set.ReauthorizationRequired ? ZaloTokenState.ReauthorizationRequired
            : _refresher.IsFresh(oaId, set) ? ZaloTokenState.Valid
            : ZaloTokenState.RefreshDue;
        return new ZaloTokenStatus(oaId, state, set.AccessTokenExpiresAt);
    }

    private async Task<string> RefreshSlowAsync(string oaId, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        // A forced refresh whose rejected token was already replaced is answered from memory.
        if (_cache.TryGetValue(oaId, out var cached) && _refresher.Satisfies(oaId, cached.Set, force: true, rejectedAccessToken))
        {
            return cached.Set.AccessToken;
        }

        while (true)
        {
            var task = Load(oaId, force: true, rejectedAccessToken, out var started);
            var token = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
            // Our own load is authoritative (never loop on it, even if Zalo handed back the same
            // token); a joined one counts when it replaced the rejected token.
            if (started || (rejectedAccessToken is not null && token != rejectedAccessToken))
            {
                return token;
            }

            // We joined a load started for someone else (a plain read, or a refresh of an older
            // token) that returned the very token Zalo rejected: start our own forced refresh.
            // The joined load has already left the single flight, so the next Run starts afresh.
            rejectedAccessToken ??= token;
        }
    }

    /// <summary>The running load for <paramref name="oaId"/>, or a new one with these terms.</summary>
    private Task<string> Load(string oaId, bool force, string? rejectedAccessToken, out bool started) =>
        _flights.Run(oaId, (Manager: this, OaId: oaId, Force: force, Rejected: rejectedAccessToken), static s => s.Manager.LoadAndCacheAsync(s.OaId, s.Force, s.Rejected), out started);

    private async Task<string> LoadAndCacheAsync(string oaId, bool force, string? rejectedAccessToken)
    {
        try
        {
            var set = await _refresher.LoadOrRefreshAsync(oaId, force, rejectedAccessToken).ConfigureAwait(false);
            Cache(oaId, set);
            return set.AccessToken;
        }
        catch (ZaloReauthorizationRequiredException)
        {
            // Whatever is cached can no longer be refreshed.
            _cache.TryRemove(oaId, out _);
            throw;
        }
    }

    // The refresh point is worked out once per set, so the hot path is one comparison. A set
    // served past its refresh point (its refresh was deferred for want of a permit) is retried a
    // second later, not on every call.
    private void Cache(string oaId, ZaloTokenSet set)
    {
        var refreshAt = _refresher.RefreshPoint(oaId, set);
        var now = _time.GetUtcNow();
        if (refreshAt <= now && set.AccessTokenExpiresAt > now)
        {
            refreshAt = now + DeferredRetry;
        }

        _cache[oaId] = new CachedSet(set, refreshAt);
    }

    private sealed record CachedSet(ZaloTokenSet Set, DateTimeOffset RefreshAt);
}
