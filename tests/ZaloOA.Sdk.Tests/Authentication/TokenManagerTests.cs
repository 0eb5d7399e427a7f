using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Tests.Core;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Authentication;

public class TokenManagerTests
{
    private const string Ok = """{"error":0,"message":"Success","data":{"oa_id":"388613280878808645"}}""";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (ZaloTestHost Host, RecordingTokenStore Store) HostWithRecordingStore(Action<ZaloOAOptions>? options = null, bool seedToken = true)
    {
        var store = new RecordingTokenStore();
        var host = new ZaloTestHost(options, s => s.AddSingleton<IZaloTokenStore>(store), seedToken);
        return (host, store);
    }

    private static void StubApi(ZaloTestHost host, string path, string body, string? whenAccessToken = null)
    {
        var request = Request.Create().WithPath(path);
        if (whenAccessToken is not null)
        {
            request = request.WithHeader("access_token", whenAccessToken);
        }

        host.Server.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithBody(body));
    }

    [Fact]
    public async Task Valid_token_is_used_without_contacting_the_token_endpoint()
    {
        await using var host = new ZaloTestHost();
        // Before the earliest refresh point: 1 h margin plus the whole 1 h spread.
        host.Time.Advance(TimeSpan.FromHours(22) + TimeSpan.FromMinutes(59));

        var token = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTestHost.AccessToken, token);
        Assert.Empty(host.TokenRequests);
    }

    [Fact]
    public async Task Token_is_refreshed_once_it_is_within_refresh_before_expiry()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));

        var token = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTestHost.NewAccessToken, token);
        Assert.Equal($"refresh_token={ZaloTestHost.RefreshToken}&app_id={ZaloTestHost.AppId}&grant_type=refresh_token", host.Server.SingleRequestTo(ZaloTestHost.TokenPath).Body);
        var stored = await host.Store.GetAsync(ZaloTestHost.OaId, Ct);
        Assert.Equal(ZaloTestHost.NewRefreshToken, stored!.RefreshToken);
        Assert.Equal(2, stored.Version);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(90000), stored.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task Refresh_before_expiry_option_moves_the_refresh_point()
    {
        await using var host = new ZaloTestHost(o => o.RefreshBeforeExpiry = TimeSpan.FromHours(5));
        host.StubTokenEndpoint();
        host.Time.Advance(TimeSpan.FromHours(20) + TimeSpan.FromSeconds(1));

        var token = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTestHost.NewAccessToken, token);
        Assert.Single(host.TokenRequests);
    }

    [Fact]
    public async Task Short_lived_token_is_not_refreshed_on_every_call()
    {
        // With a 1 h token and the default 1 h margin, a naive check would refresh on every call.
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(expiresIn: "\"3600\"");
        host.ExpireSeededToken();

        await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        host.Time.Advance(TimeSpan.FromMinutes(20));
        var second = await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTestHost.NewAccessToken, second);
        Assert.Single(host.TokenRequests);
    }

    [Fact]
    public async Task Rotated_refresh_token_is_persisted_before_the_new_access_token_is_sent()
    {
        var (host, store) = HostWithRecordingStore();
        await using var _ = host;
        host.StubTokenEndpoint();
        StubApi(host, ApiCalls.ReadPath, Ok);
        host.ExpireSeededToken();
        List<(string Path, string? Token)>? seenAtSave = null;
        store.BeforeSave = _ => seenAtSave = [.. host.Server.LogEntries.Select(e => (e.RequestMessage.Path, e.AccessTokenHeader()))];

        await host.ReadAsync();

        var saved = Assert.Single(store.Saves.Skip(1)); // the first save is the host's seed
        Assert.Equal(ZaloTestHost.NewRefreshToken, saved.RefreshToken);
        Assert.Equal(ZaloTestHost.NewAccessToken, saved.AccessToken);
        Assert.Equal([(ZaloTestHost.TokenPath, (string?)null)], seenAtSave);
        Assert.Equal(ZaloTestHost.NewAccessToken, host.Server.SingleRequestTo(ApiCalls.ReadPath).Headers!["access_token"][0]);
    }

    [Fact]
    public async Task A_thousand_concurrent_callers_at_expiry_cause_exactly_one_refresh()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(delay: TimeSpan.FromMilliseconds(300));
        host.ExpireSeededToken();
        using var start = new ManualResetEventSlim();

        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () =>
        {
            start.Wait(Ct);
            return await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);
        }, Ct)).ToArray();
        start.Set();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal(ZaloTestHost.NewAccessToken, t));
        Assert.Single(host.TokenRequests);
    }

    [Fact]
    public async Task One_callers_cancellation_does_not_cancel_the_shared_refresh()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(delay: TimeSpan.FromMilliseconds(500));
        host.ExpireSeededToken();
        using var impatient = new CancellationTokenSource();

        var cancelled = host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, impatient.Token).AsTask();
        var patient = host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct).AsTask();
        await impatient.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(ZaloTestHost.NewAccessToken, await patient);
        Assert.Single(host.TokenRequests);
        Assert.Equal(ZaloTestHost.NewRefreshToken, (await host.Store.GetAsync(ZaloTestHost.OaId, Ct))!.RefreshToken);
    }

    [Theory]
    [InlineData(-216, "Access token is invalid", false)]
    [InlineData(-220, "access_token is expired or removed", false)]
    [InlineData(-124, "Access token invalid", true)]
    public async Task Rejected_token_forces_one_refresh_and_one_replay(int error, string message, bool business)
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();
        var path = business ? ApiCalls.BusinessPath : ApiCalls.ReadPath;
        StubApi(host, path, $$"""{"error":{{error}},"message":"{{message}}"}""", whenAccessToken: ZaloTestHost.AccessToken);
        StubApi(host, path, Ok, whenAccessToken: ZaloTestHost.NewAccessToken);

        var data = business ? await host.ReadBusinessAsync() : await host.ReadAsync();

        Assert.Equal(ZaloTestHost.OaId, data.GetProperty("oa_id").GetString());
        Assert.Equal([ZaloTestHost.AccessToken, ZaloTestHost.NewAccessToken], host.Server.RequestsTo(path).Select(e => e.AccessTokenHeader()));
        Assert.Contains($"refresh_token={ZaloTestHost.RefreshToken}&", host.Server.SingleRequestTo(ZaloTestHost.TokenPath).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_token_rejected_too_is_final_after_two_calls_and_one_refresh()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();
        StubApi(host, ApiCalls.ReadPath, """{"error":-216,"message":"Access token is invalid"}""");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.ReadAsync());

        Assert.Equal(ZaloErrorCode.AccessTokenInvalid, ex.ErrorCode);
        Assert.Equal(2, host.Server.RequestsTo(ApiCalls.ReadPath).Count);
        Assert.Single(host.TokenRequests);
    }

    [Fact]
    public async Task Concurrent_rejections_of_one_token_share_one_refresh()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(delay: TimeSpan.FromMilliseconds(200));
        StubApi(host, ApiCalls.ReadPath, """{"error":-216,"message":"Access token is invalid"}""", whenAccessToken: ZaloTestHost.AccessToken);
        StubApi(host, ApiCalls.ReadPath, Ok, whenAccessToken: ZaloTestHost.NewAccessToken);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => host.ReadAsync(), Ct)));

        Assert.Single(host.TokenRequests);
        Assert.Equal(20, host.Server.RequestsTo(ApiCalls.ReadPath).Count(e => e.AccessTokenHeader() == ZaloTestHost.NewAccessToken));
    }

    [Fact]
    public async Task Forced_refresh_without_a_named_token_refreshes_even_a_valid_token()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();

        var token = await host.Tokens.RefreshAsync(ZaloTestHost.OaId, rejectedAccessToken: null, Ct);

        Assert.Equal(ZaloTestHost.NewAccessToken, token);
        Assert.Single(host.TokenRequests);
    }

    [Fact]
    public async Task Invalid_refresh_token_requires_reauthorization_and_marks_the_store()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"error":-14014,"error_name":"Invalid refresh token.","error_description":"","error_reason":""}""");
        host.ExpireSeededToken();

        var ex = await Assert.ThrowsAsync<ZaloReauthorizationRequiredException>(() => host.ReadAsync());

        Assert.Equal(ZaloTestHost.OaId, ex.OaId);
        Assert.False(ex.IsTransient);
        Assert.True(Assert.IsType<ZaloOAuthException>(ex.InnerException).IsInvalidRefreshToken);
        var stored = await host.Store.GetAsync(ZaloTestHost.OaId, Ct);
        Assert.True(stored!.ReauthorizationRequired);
        Assert.Empty(stored.AccessToken);
        Assert.Empty(host.Server.RequestsTo(ApiCalls.ReadPath));
    }

    [Fact]
    public async Task After_reauthorization_is_required_the_next_call_throws_without_calling_zalo()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"error":-14014,"error_name":"Invalid refresh token."}""");
        host.ExpireSeededToken();
        await Assert.ThrowsAsync<ZaloReauthorizationRequiredException>(() => host.ReadAsync());

        await Assert.ThrowsAsync<ZaloReauthorizationRequiredException>(() => host.ReadAsync());

        Assert.Single(host.TokenRequests);
        Assert.Empty(host.Server.RequestsTo(ApiCalls.ReadPath));
        Assert.Equal(ZaloTokenState.ReauthorizationRequired, (await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State);
    }

    [Fact]
    public async Task Store_failure_after_rotation_surfaces_the_rotated_tokens_and_sends_nothing()
    {
        var (host, store) = HostWithRecordingStore();
        await using var _ = host;
        host.StubTokenEndpoint();
        StubApi(host, ApiCalls.ReadPath, Ok);
        host.ExpireSeededToken();
        store.FailSaves = 1;

        var ex = await Assert.ThrowsAsync<ZaloTokenStoreException>(() => host.ReadAsync());

        Assert.Equal(ZaloTestHost.OaId, ex.OaId);
        Assert.Equal(ZaloTestHost.NewAccessToken, ex.RotatedTokens!.AccessToken);
        Assert.Equal(ZaloTestHost.NewRefreshToken, ex.RotatedTokens.RefreshToken);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Empty(host.Server.RequestsTo(ApiCalls.ReadPath));
        Assert.Equal(ZaloTestHost.RefreshToken, (await host.Store.GetAsync(ZaloTestHost.OaId, Ct))!.RefreshToken);
    }

    [Fact]
    public async Task Next_call_after_a_store_failure_saves_the_pending_pair_without_a_second_refresh()
    {
        var (host, store) = HostWithRecordingStore();
        await using var _ = host;
        host.StubTokenEndpoint();
        StubApi(host, ApiCalls.ReadPath, Ok);
        host.ExpireSeededToken();
        store.FailSaves = 1;
        await Assert.ThrowsAsync<ZaloTokenStoreException>(() => host.ReadAsync());

        await host.ReadAsync();

        Assert.Single(host.TokenRequests);
        Assert.Equal(ZaloTestHost.NewAccessToken, host.Server.SingleRequestTo(ApiCalls.ReadPath).Headers!["access_token"][0]);
        var stored = await host.Store.GetAsync(ZaloTestHost.OaId, Ct);
        Assert.Equal(ZaloTestHost.NewRefreshToken, stored!.RefreshToken);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Refresh_is_never_retried_automatically()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(500, "<html>Internal Server Error</html>");
        host.ExpireSeededToken();

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.ReadAsync());

        Assert.True(ex.IsTransient);
        Assert.Single(host.TokenRequests);
        Assert.Empty(host.Server.RequestsTo(ApiCalls.ReadPath));
    }

    [Fact]
    public async Task Transient_refresh_failure_is_not_cached()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath(ZaloTestHost.TokenPath).UsingPost())
            .InScenario("refresh").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("<html>Bad Gateway</html>"));
        host.Server.Given(Request.Create().WithPath(ZaloTestHost.TokenPath).UsingPost())
            .InScenario("refresh").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"access_token":"a2","refresh_token":"r2","expires_in":"90000"}"""));
        StubApi(host, ApiCalls.ReadPath, Ok);
        host.ExpireSeededToken();
        await Assert.ThrowsAsync<ZaloTransportException>(() => host.ReadAsync());

        await host.ReadAsync();

        Assert.Equal(2, host.TokenRequests.Count);
        Assert.Equal("a2", host.Server.SingleRequestTo(ApiCalls.ReadPath).Headers!["access_token"][0]);
    }

    [Fact]
    public async Task Refresh_answer_without_an_access_token_stores_nothing()
    {
        var (host, store) = HostWithRecordingStore();
        await using var _ = host;
        host.StubTokenEndpoint(200, """{"error_name":"Invalid appId","error_reason":"App is not active"}""");
        host.ExpireSeededToken();

        await Assert.ThrowsAsync<ZaloOAuthException>(() => host.ReadAsync());

        Assert.Single(store.Saves); // only the host's seed
        var stored = await host.Store.GetAsync(ZaloTestHost.OaId, Ct);
        Assert.Equal(ZaloTestHost.RefreshToken, stored!.RefreshToken);
        Assert.False(stored.ReauthorizationRequired);
    }

    [Fact]
    public async Task Empty_store_is_seeded_from_the_configured_accounts()
    {
        await using var host = new ZaloTestHost(
            o => o.Accounts.Add(new ZaloAccountOptions { OaId = ZaloTestHost.OaId, RefreshToken = "configured-refresh-token" }),
            seedToken: false);
        host.StubTokenEndpoint();
        StubApi(host, ApiCalls.ReadPath, Ok);

        await host.ReadAsync();

        Assert.Equal($"refresh_token=configured-refresh-token&app_id={ZaloTestHost.AppId}&grant_type=refresh_token", host.Server.SingleRequestTo(ZaloTestHost.TokenPath).Body);
        var stored = await host.Store.GetAsync(ZaloTestHost.OaId, Ct);
        Assert.Equal(ZaloTestHost.NewRefreshToken, stored!.RefreshToken);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Stored_tokens_win_over_the_configured_accounts()
    {
        await using var host = new ZaloTestHost(o => o.Accounts.Add(new ZaloAccountOptions { OaId = ZaloTestHost.OaId, RefreshToken = "configured-refresh-token" }));
        host.StubTokenEndpoint();
        host.ExpireSeededToken();

        await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct);

        Assert.StartsWith($"refresh_token={ZaloTestHost.RefreshToken}&", host.Server.SingleRequestTo(ZaloTestHost.TokenPath).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_oa_requires_authorization_without_calling_zalo()
    {
        await using var host = new ZaloTestHost(seedToken: false);

        await Assert.ThrowsAsync<ZaloReauthorizationRequiredException>(() => host.ReadAsync());

        Assert.Empty(host.Server.LogEntries);
    }

    [Fact]
    public async Task Exchanged_code_saved_as_authorization_is_used_without_a_refresh()
    {
        await using var host = new ZaloTestHost(seedToken: false);
        host.StubTokenEndpoint();
        StubApi(host, ApiCalls.ReadPath, Ok);
        var tokens = await host.OAuth.ExchangeCodeAsync("auth-code-1", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", Ct);

        var saved = await host.Tokens.SaveAuthorizationAsync(ZaloTestHost.OaId, tokens, Ct);
        await host.ReadAsync();

        Assert.Equal(1, saved.Version);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(90000), saved.AccessTokenExpiresAt);
        Assert.Single(host.TokenRequests); // the exchange only
        Assert.Equal(ZaloTestHost.NewAccessToken, host.Server.SingleRequestTo(ApiCalls.ReadPath).Headers!["access_token"][0]);
    }

    [Fact]
    public async Task Saving_an_authorization_clears_the_reauthorization_mark()
    {
        await using var host = new ZaloTestHost(seedToken: false);
        await host.SeedAsync(ZaloTestHost.OaId, string.Empty, "dead", TimeSpan.Zero, version: 4, reauthorizationRequired: true);

        var saved = await host.Tokens.SaveAuthorizationAsync(
            ZaloTestHost.OaId, new ZaloTokenResponse { AccessToken = "a", RefreshToken = "r", ExpiresInSeconds = 90000 }, Ct);

        Assert.Equal(5, saved.Version);
        Assert.False((await host.Store.GetAsync(ZaloTestHost.OaId, Ct))!.ReauthorizationRequired);
        Assert.Equal(ZaloTokenState.Valid, (await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State);
        Assert.Equal("a", await host.Tokens.GetAccessTokenAsync(ZaloTestHost.OaId, Ct));
    }

    [Fact]
    public async Task Saving_an_authorization_without_a_refresh_token_is_refused()
    {
        await using var host = new ZaloTestHost();

        await Assert.ThrowsAsync<ZaloValidationException>(() => host.Tokens.SaveAuthorizationAsync(
            ZaloTestHost.OaId, new ZaloTokenResponse { AccessToken = "a", ExpiresInSeconds = 90000 }, Ct).AsTask());

        Assert.Equal(ZaloTestHost.AccessToken, (await host.Store.GetAsync(ZaloTestHost.OaId, Ct))!.AccessToken);
    }

    [Fact]
    public async Task Status_is_missing_without_tokens_or_configuration()
    {
        await using var host = new ZaloTestHost(seedToken: false);

        var status = await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTokenState.Missing, status.State);
        Assert.Null(status.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task Status_is_valid_with_a_fresh_token()
    {
        await using var host = new ZaloTestHost();

        var status = await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTokenState.Valid, status.State);
        Assert.Equal(host.Time.GetUtcNow().AddHours(25), status.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task Status_is_refresh_due_within_the_margin_and_contacts_nobody()
    {
        await using var host = new ZaloTestHost();
        host.ExpireSeededToken();

        var status = await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct);

        Assert.Equal(ZaloTokenState.RefreshDue, status.State);
        Assert.Empty(host.Server.LogEntries);
    }

    [Fact]
    public async Task Status_is_refresh_due_for_an_account_only_configured()
    {
        await using var host = new ZaloTestHost(o => o.Accounts.Add(new ZaloAccountOptions { OaId = ZaloTestHost.OaId, RefreshToken = "rt" }), seedToken: false);

        Assert.Equal(ZaloTokenState.RefreshDue, (await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State);
    }

    [Fact]
    public async Task Status_is_reauthorization_required_when_the_store_says_so()
    {
        await using var host = new ZaloTestHost(seedToken: false);
        await host.SeedAsync(ZaloTestHost.OaId, string.Empty, "dead", TimeSpan.Zero, reauthorizationRequired: true);

        Assert.Equal(ZaloTokenState.ReauthorizationRequired, (await host.Tokens.GetStatusAsync(ZaloTestHost.OaId, Ct)).State);
    }

    [Fact]
    public async Task Token_sets_never_show_their_secrets()
    {
        await using var host = new ZaloTestHost();
        var set = await host.Store.GetAsync(ZaloTestHost.OaId, Ct);
        var response = new ZaloTokenResponse { AccessToken = "secret-a", RefreshToken = "secret-r", ExpiresInSeconds = 1 };

        Assert.DoesNotContain(ZaloTestHost.AccessToken, set!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ZaloTestHost.RefreshToken, set.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", response.ToString(), StringComparison.Ordinal);
    }
}
