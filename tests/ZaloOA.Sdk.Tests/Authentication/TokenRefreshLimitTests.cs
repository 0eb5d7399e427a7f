using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Authentication;

/// <summary>Zalo:MaxTokenRefreshesPerSecond: due refreshes beyond the limit wait for the next
/// second while the still-valid token is served; expired tokens are refreshed regardless.</summary>
public class TokenRefreshLimitTests
{
    private const string OtherOaId = "1423847451268726170";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ZaloTestHost> HostWithTwoOAsAsync()
    {
        var host = new ZaloTestHost(o => o.MaxTokenRefreshesPerSecond = 1);
        await host.SeedAsync(OtherOaId, "other-access", "other-refresh", TimeSpan.FromHours(25));
        host.StubTokenEndpoint();
        return host;
    }

    [Fact]
    public async Task A_due_refresh_beyond_the_limit_serves_the_current_token_and_refreshes_it_the_next_second()
    {
        await using var host = await HostWithTwoOAsAsync();
        host.ExpireSeededToken(); // both due, neither expired

        var first = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        var deferred = await host.Tokens.GetAccessTokenAsync(OtherOaId, Ct);
        var deferredAgain = await host.Tokens.GetAccessTokenAsync(OtherOaId, Ct);
        var requestsWithinTheSecond = host.TokenRequests.Count;
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var next = await host.Tokens.GetAccessTokenAsync(OtherOaId, Ct);

        Assert.Equal(
            (ZaloTestHost.NewAccessToken, "other-access", "other-access", 1, ZaloTestHost.NewAccessToken, 2),
            (first, deferred, deferredAgain, requestsWithinTheSecond, next, host.TokenRequests.Count));
        Assert.Equal(2, (await host.Store.GetAsync(OtherOaId, Ct))!.Version);
    }

    [Fact]
    public async Task Expired_tokens_are_refreshed_even_when_the_seconds_permits_are_used_up()
    {
        await using var host = await HostWithTwoOAsAsync();
        host.Time.Advance(TimeSpan.FromHours(25) + TimeSpan.FromSeconds(1));

        var first = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        var second = await host.Tokens.GetAccessTokenAsync(OtherOaId, Ct);

        Assert.Equal((ZaloTestHost.NewAccessToken, ZaloTestHost.NewAccessToken, 2), (first, second, host.TokenRequests.Count));
    }

    [Fact]
    public async Task A_token_Zalo_rejected_is_refreshed_even_when_the_seconds_permits_are_used_up()
    {
        await using var host = await HostWithTwoOAsAsync();
        host.ExpireSeededToken();
        await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        var replaced = await host.Tokens.RefreshAsync(OtherOaId, "other-access", Ct);

        Assert.Equal((ZaloTestHost.NewAccessToken, 2), (replaced, host.TokenRequests.Count));
    }
}
