using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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

    [Fact]
    public async Task The_in_process_limiter_grants_the_limit_in_each_second_of_its_clock_and_no_more()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, 900, TimeSpan.Zero));
        var limiter = new InProcessZaloTokenRefreshLimiter(new StaticMonitor<ZaloOAOptions>(new ZaloOAOptions { MaxTokenRefreshesPerSecond = 3 }), time);

        var first = await TakeAsync(limiter, 4);
        time.Advance(TimeSpan.FromMilliseconds(100)); // the next second begins
        var next = await TakeAsync(limiter, 4);

        Assert.Equal([true, true, true, false], first);
        Assert.Equal([true, true, true, false], next);
    }

    [Fact]
    public async Task AddZaloOA_registers_the_in_process_limiter()
    {
        await using var host = new ZaloTestHost();

        Assert.IsType<InProcessZaloTokenRefreshLimiter>(host.Services.GetRequiredService<IZaloTokenRefreshLimiter>());
    }

    [Fact]
    public async Task A_due_refresh_asks_the_registered_limiter_and_without_a_permit_serves_the_current_token()
    {
        var limiter = new ScriptedLimiter { Grant = false };
        await using var host = new ZaloTestHost(configureServices: s => s.AddSingleton<IZaloTokenRefreshLimiter>(limiter));
        host.StubTokenEndpoint();
        host.ExpireSeededToken(); // due, not expired

        var denied = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        var requestsWhileDenied = host.TokenRequests.Count;
        limiter.Grant = true;
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var granted = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(
            (ZaloTestHost.AccessToken, 0, ZaloTestHost.NewAccessToken, 1, 2),
            (denied, requestsWhileDenied, granted, host.TokenRequests.Count, limiter.Asked));
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_without_asking_the_limiter()
    {
        var limiter = new ScriptedLimiter { Grant = false };
        await using var host = new ZaloTestHost(configureServices: s => s.AddSingleton<IZaloTokenRefreshLimiter>(limiter));
        host.StubTokenEndpoint();
        host.Time.Advance(TimeSpan.FromHours(25) + TimeSpan.FromSeconds(1));

        var token = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal((ZaloTestHost.NewAccessToken, 1, 0), (token, host.TokenRequests.Count, limiter.Asked));
    }

    private static async Task<bool[]> TakeAsync(IZaloTokenRefreshLimiter limiter, int count)
    {
        var taken = new bool[count];
        for (var i = 0; i < count; i++)
        {
            taken[i] = await limiter.TryAcquireAsync(Ct);
        }

        return taken;
    }

    private sealed class ScriptedLimiter : IZaloTokenRefreshLimiter
    {
        private int _asked;

        public bool Grant { get; set; }

        public int Asked => Volatile.Read(ref _asked);

        public ValueTask<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asked);
            return ValueTask.FromResult(Grant);
        }
    }
}
