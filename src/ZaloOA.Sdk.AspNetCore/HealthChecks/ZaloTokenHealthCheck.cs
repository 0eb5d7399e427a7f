using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.AspNetCore.HealthChecks;

/// <summary>
/// Reports every stored OA's token state without contacting Zalo: Healthy when all are valid (or
/// refreshing), Degraded when a refresh is due or no OA is authorised yet, Unhealthy when an OA
/// needs re-authorisation (a person must run the consent flow again). The data lists each OA's
/// state and expiry, never a token.
/// </summary>
public class ZaloTokenHealthCheck : IHealthCheck
{
    private readonly IZaloTokenStore _store = null!;
    private readonly IZaloTokenManager _tokens = null!;

    /// <summary>For mocking only.</summary>
    protected ZaloTokenHealthCheck()
    {
    }

    /// <summary>Creates the check.</summary>
    public ZaloTokenHealthCheck(IZaloTokenStore store, IZaloTokenManager tokens)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tokens);
        _store = store;
        _tokens = tokens;
    }

    /// <inheritdoc />
    public virtual async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = await _store.ListOaIdsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ZaloTokenStoreException ex)
        {
            return new HealthCheckResult(context?.Registration.FailureStatus ?? HealthStatus.Unhealthy, "The Zalo token store could not be read.", ex);
        }

        if (ids.Count == 0)
        {
            return HealthCheckResult.Degraded("No Zalo Official Account is authorised yet.");
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var worst = HealthStatus.Healthy;
        var attention = new List<string>();
        foreach (var id in ids)
        {
            var status = await _tokens.GetStatusAsync(id, cancellationToken).ConfigureAwait(false);
            data["oa:" + id] = status.AccessTokenExpiresAt is { } expires
                ? $"{status.State}, access token expires {expires:O}"
                : status.State.ToString();
            var health = status.State switch
            {
                ZaloTokenState.Valid or ZaloTokenState.Refreshing => HealthStatus.Healthy,
                ZaloTokenState.RefreshDue => HealthStatus.Degraded,
                _ => HealthStatus.Unhealthy,
            };
            if (health != HealthStatus.Healthy)
            {
                attention.Add($"{id} ({status.State})");
            }

            worst = health < worst ? health : worst;
        }

        var description = attention.Count == 0
            ? $"{ids.Count} Zalo OA token(s) valid."
            : "Zalo OA tokens need attention: " + string.Join(", ", attention) + ".";
        return new HealthCheckResult(worst, description, data: data);
    }
}
