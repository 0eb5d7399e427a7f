using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ZaloOA.Sdk.AspNetCore.HealthChecks;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

public class TokenHealthCheckTests
{
    [Fact]
    public async Task Valid_tokens_are_healthy_with_per_oa_data_and_no_token()
    {
        await using var host = new ZaloTestHost();

        var result = await Check(host);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        var entry = Assert.Single(result.Data);
        Assert.Equal("oa:" + ZaloTestHost.OaId, entry.Key);
        Assert.StartsWith("Valid", (string)entry.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(ZaloTestHost.AccessToken, result.Description + string.Join(",", result.Data.Values), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_due_is_degraded()
    {
        await using var host = new ZaloTestHost();
        host.Time.Advance(TimeSpan.FromHours(24.5));

        Assert.Equal(HealthStatus.Degraded, (await Check(host)).Status);
    }

    [Fact]
    public async Task An_oa_needing_reauthorisation_is_unhealthy()
    {
        await using var host = new ZaloTestHost();
        var current = await host.Store.GetAsync(ZaloTestHost.OaId, TestContext.Current.CancellationToken);
        await host.Store.TrySaveAsync(ZaloTestHost.OaId, new ZaloTokenSet
        {
            AccessToken = current!.AccessToken,
            RefreshToken = current.RefreshToken,
            AccessTokenExpiresAt = current.AccessTokenExpiresAt,
            Version = current.Version + 1,
            ReauthorizationRequired = true,
        }, current.Version, TestContext.Current.CancellationToken);

        var result = await Check(host);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains(ZaloTestHost.OaId, result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_authorised_oa_is_degraded()
    {
        await using var host = new ZaloTestHost(seedToken: false);

        Assert.Equal(HealthStatus.Degraded, (await Check(host)).Status);
    }

    private static Task<HealthCheckResult> Check(ZaloTestHost host) =>
        new ZaloTokenHealthCheck(host.Store, host.Services.GetRequiredService<IZaloTokenManager>())
            .CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("zalo-tokens", _ => null!, null, null) }, TestContext.Current.CancellationToken);
}
