using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Authentication;

/// <summary>
/// Zalo:RefreshSpread: each OA's refresh point moves earlier than Zalo:RefreshBeforeExpiry by its
/// own fixed share of the window, so OAs whose tokens expire together are not refreshed together.
/// </summary>
public class TokenRefreshSpreadTests
{
    private const string OtherOaId = "1423847451268726170";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The seeded token lives 25 h; with the defaults (1 h margin, 1 h spread) the OA's refresh
    // point is 24 h minus its share of the hour after the host's start.
    private static TimeSpan RefreshPointAfterStart(string oaId) =>
        TimeSpan.FromHours(24) - (TimeSpan.FromHours(1) * ZaloTokenRefresher.SpreadShare(oaId));

    [Fact]
    public void Every_OAs_share_of_the_spread_lies_in_the_window_and_is_stable()
    {
        var ids = Enumerable.Range(0, 3353).Select(i => (388613280878808645L + (i * 7919L)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var shares = ids.Select(ZaloTokenRefresher.SpreadShare).ToArray();

        Assert.All(shares, s => Assert.InRange(s, 0.0, 0.9999999));
        Assert.Equal(shares, ids.Select(ZaloTokenRefresher.SpreadShare));
        // Spread, not bunched: every sixth of the window holds between 12 % and 22 % of the OAs.
        var sixths = shares.GroupBy(s => (int)(s * 6)).Select(g => g.Count()).ToArray();
        Assert.Equal(6, sixths.Length);
        Assert.All(sixths, n => Assert.InRange(n, 3353 * 12 / 100, 3353 * 22 / 100));
    }

    [Fact]
    public void Two_OAs_whose_tokens_expire_together_get_different_refresh_points()
    {
        Assert.NotEqual(RefreshPointAfterStart(ZaloTestHost.OaId), RefreshPointAfterStart(OtherOaId));
    }

    [Fact]
    public async Task Token_is_served_until_the_OAs_refresh_point_within_the_spread_and_refreshed_after_it()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();
        var point = RefreshPointAfterStart(ZaloTestHost.OaId);
        Assert.InRange(point, TimeSpan.FromHours(23), TimeSpan.FromHours(24));

        host.Time.Advance(point - TimeSpan.FromSeconds(1));
        var before = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal((ZaloTestHost.AccessToken, ZaloTestHost.NewAccessToken), (before, after));
        Assert.Single(host.TokenRequests);
    }

    [Fact]
    public async Task Status_turns_due_at_the_same_spread_point_on_a_second_manager()
    {
        await using var first = new ZaloTestHost();
        await using var second = SecondInstance(first);
        var point = RefreshPointAfterStart(ZaloTestHost.OaId);

        first.Time.Advance(point - TimeSpan.FromSeconds(1));
        var before = (await first.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State;
        var beforeOnSecond = (await second.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State;
        first.Time.Advance(TimeSpan.FromSeconds(1));
        var after = (await first.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State;
        var afterOnSecond = (await second.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State;

        Assert.Equal([ZaloTokenState.Valid, ZaloTokenState.Valid, ZaloTokenState.RefreshDue, ZaloTokenState.RefreshDue], [before, beforeOnSecond, after, afterOnSecond]);
    }

    [Fact]
    public async Task A_token_used_after_its_spread_refresh_point_on_two_managers_is_refreshed_exactly_once()
    {
        await using var first = new ZaloTestHost();
        await using var second = SecondInstance(first);
        first.StubTokenEndpoint(delay: TimeSpan.FromMilliseconds(200));
        // Inside the spread: halfway between this OA's point and the plain 1 h margin.
        var point = RefreshPointAfterStart(ZaloTestHost.OaId);
        Assert.True(point < TimeSpan.FromHours(24));
        first.Time.Advance(point + ((TimeSpan.FromHours(24) - point) / 2));
        ZaloTestHost[] instances = [first, second];

        var tokens = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(async () => await instances[i % 2].Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct), Ct)));

        Assert.All(tokens, t => Assert.Equal(ZaloTestHost.NewAccessToken, t));
        Assert.Single(first.TokenRequests);
        Assert.Equal(2, (await first.Store.GetAsync(ZaloTestHost.OaId, Ct))!.Version);
    }

    [Fact]
    public async Task Zero_spread_refreshes_exactly_refresh_before_expiry_early()
    {
        await using var host = new ZaloTestHost(o => o.RefreshSpread = TimeSpan.Zero);
        host.StubTokenEndpoint();

        host.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var before = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal((ZaloTestHost.AccessToken, ZaloTestHost.NewAccessToken), (before, after));
    }

    [Fact]
    public async Task For_a_short_lived_token_the_spread_is_scaled_into_the_second_half_of_its_life()
    {
        // A 1 h token with a 1 h margin and 1 h spread: the lead is scaled to 15–30 min.
        await using var host = new ZaloTestHost();
        await host.SeedAsync(ZaloTestHost.OaId, "short-access", "short-refresh", TimeSpan.FromHours(1), version: 2);
        var lead = TimeSpan.FromMinutes(15) + (TimeSpan.FromMinutes(15) * ZaloTokenRefresher.SpreadShare(ZaloTestHost.OaId));
        host.StubTokenEndpoint();

        host.Time.Advance(TimeSpan.FromHours(1) - lead - TimeSpan.FromSeconds(1));
        var before = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var after = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(("short-access", ZaloTestHost.NewAccessToken), (before, after));
    }

    /// <summary>Another "instance": its own provider and manager, on the first host's clock,
    /// token store, refresh lock and token endpoint.</summary>
    private static ZaloTestHost SecondInstance(ZaloTestHost first) => new(
        o => o.OAuthBaseUrl = new Uri(first.Server.Url! + "/"),
        s => s.AddSingleton<TimeProvider>(first.Time)
            .AddSingleton(first.Store)
            .AddSingleton(first.Services.GetRequiredService<IZaloTokenRefreshLock>()),
        seedToken: false);
}
