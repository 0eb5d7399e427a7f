using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

public sealed class OAuthEndpointTests : IAsyncDisposable
{
    private readonly WireMockServer _zalo = WireMockServer.Start();
    private readonly List<string> _authorized = [];
    private Exception? _hookFailure;
    private WebApplication? _app;

    [Fact]
    public async Task Start_redirects_to_zalo_consent_with_pkce_and_sets_the_state_cookie()
    {
        var client = await StartAsync();

        var response = await client.GetAsync("/zalo/oauth/start", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(_zalo.Url + "/v4/oa/permission?app_id=1234567890123456789&redirect_uri=" + Uri.EscapeDataString("https://police.example/zalo/oauth/callback") + "&code_challenge=", location.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("&state=", location.Query, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".ZaloOA.OAuth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Callback_with_a_wrong_state_is_400_and_exchanges_nothing()
    {
        var client = await StartAsync();
        var (cookie, _) = await BeginAsync(client);

        var response = await CallbackAsync(client, cookie, "state=forged&code=c&oa_id=388613280878808645");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_zalo.LogEntries);
    }

    [Fact]
    public async Task Callback_without_the_cookie_is_400()
    {
        var client = await StartAsync();

        var response = await client.GetAsync("/zalo/oauth/callback?state=s&code=c&oa_id=1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Callback_exchanges_the_code_with_the_verifier_stores_the_tokens_and_redirects()
    {
        StubConsentFor("388613280878808645");
        var client = await StartAsync();
        var (cookie, state) = await BeginAsync(client);

        var response = await CallbackAsync(client, cookie, $"state={state}&code=the-code&oa_id=388613280878808645");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/done?oa_id=388613280878808645", response.Headers.Location!.OriginalString);
        var form = _zalo.SingleRequestTo("/v4/oa/access_token").Body!;
        Assert.Equal("new-access", _zalo.SingleRequestTo("/v2.0/oa/getoa").Headers!["access_token"][0]);
        Assert.Contains("code=the-code", form, StringComparison.Ordinal);
        Assert.Contains("grant_type=authorization_code", form, StringComparison.Ordinal);
        Assert.Matches("code_verifier=[A-Za-z0-9_-]{43}", form);
        var stored = await _app!.Services.GetRequiredService<IZaloTokenStore>().GetAsync("388613280878808645", TestContext.Current.CancellationToken);
        Assert.Equal(("new-access", "new-refresh"), (stored!.AccessToken, stored.RefreshToken));
        Assert.Equal(["388613280878808645"], _authorized);
    }

    [Fact]
    public async Task A_zalo_error_redirects_to_the_error_url_and_stores_nothing()
    {
        _zalo.Given(Request.Create().WithPath("/v4/oa/access_token").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":-14005,"error_name":"Invalid code","error_description":"expired"}"""));
        var client = await StartAsync();
        var (cookie, state) = await BeginAsync(client);

        var response = await CallbackAsync(client, cookie, $"state={state}&code=old&oa_id=388613280878808645");

        Assert.Equal("/failed?error=-14005", response.Headers.Location!.OriginalString);
        Assert.Empty(await _app!.Services.GetRequiredService<IZaloTokenStore>().ListOaIdsAsync(TestContext.Current.CancellationToken));
        Assert.Empty(_authorized);
    }

    [Fact]
    public async Task A_failing_on_authorized_hook_redirects_to_the_error_url_and_keeps_the_stored_tokens()
    {
        StubConsentFor("388613280878808645");
        _hookFailure = new InvalidOperationException("the unit could not be linked");
        var client = await StartAsync();
        var (cookie, state) = await BeginAsync(client);

        var response = await CallbackAsync(client, cookie, $"state={state}&code=the-code&oa_id=388613280878808645");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/failed?error=authorized_hook_failed", response.Headers.Location!.OriginalString);
        var stored = await _app!.Services.GetRequiredService<IZaloTokenStore>().GetAsync("388613280878808645", TestContext.Current.CancellationToken);
        Assert.Equal("new-refresh", stored!.RefreshToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _zalo.Stop();
        _zalo.Dispose();
    }

    private async Task<HttpClient> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddZaloOA(o =>
        {
            o.AppId = ZaloTestHost.AppId;
            o.SecretKey = ZaloTestHost.SecretKey;
            o.OAuthBaseUrl = new Uri(_zalo.Url + "/");
            o.ApiBaseUrl = new Uri(_zalo.Url + "/");
        }).AddOAuthEndpoints(o =>
        {
            o.RedirectUri = new Uri("https://police.example/zalo/oauth/callback");
            o.SuccessRedirect = "/done";
            o.ErrorRedirect = "/failed";
            o.OnAuthorized = ctx =>
            {
                _authorized.Add(ctx.OaId);
                return _hookFailure is null ? Task.CompletedTask : Task.FromException(_hookFailure);
            };
        });
        _app = builder.Build();
        _app.MapZaloOAuthStart();
        _app.MapZaloOAuthCallback();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        return _app.GetTestClient();
    }

    /// <summary>Zalo's token endpoint hands out a new pair, and getoa says it belongs to <paramref name="oaId"/>.</summary>
    private void StubConsentFor(string oaId)
    {
        _zalo.Given(Request.Create().WithPath("/v4/oa/access_token").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"access_token":"new-access","refresh_token":"new-refresh","expires_in":"90000"}"""));
        _zalo.Given(Request.Create().WithPath("/v2.0/oa/getoa").UsingGet().WithHeader("access_token", "new-access"))
            .RespondWith(Response.Create().WithBody($$"""{"data":{"oaid":"{{oaId}}","name":"Công an phường"},"error":0,"message":"Success"}"""));
    }

    private static async Task<(string Cookie, string State)> BeginAsync(HttpClient client)
    {
        var start = await client.GetAsync("/zalo/oauth/start", TestContext.Current.CancellationToken);
        var cookie = start.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var state = System.Web.HttpUtility.ParseQueryString(start.Headers.Location!.Query)["state"]!;
        return (cookie, Uri.EscapeDataString(state));
    }

    private static Task<HttpResponseMessage> CallbackAsync(HttpClient client, string cookie, string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/zalo/oauth/callback?" + query);
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
