using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.Testing.Tests;

public sealed partial class OAuthTests
{
    private static readonly Uri Callback = new("https://app.example.vn/zalo/oauth/callback");

    [Fact]
    public async Task Consent_page_link_redirects_with_code_oa_id_state_and_challenge_and_the_code_exchanges_with_the_pkce_verifier()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var authorization = host.OAuth.CreateAuthorizationRequest(Callback, state: "state-123");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(authorization.Url, ct);
        var link = WebUtility.HtmlDecode(GrantLink().Match(page).Groups[1].Value);
        using var redirect = await browser.GetAsync(new Uri(host.Emulator.BaseUrl, link), ct);

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(Callback.AbsoluteUri + "?code=", location.AbsoluteUri, StringComparison.Ordinal);
        var callback = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(EmulatorSdkHost.OaId, callback["oa_id"].ToString());
        Assert.Equal("state-123", callback["state"].ToString());
        Assert.Equal(ZaloPkce.ComputeChallenge(authorization.CodeVerifier!), callback["code_challenge"].ToString());

        var tokens = await host.OAuth.ExchangeCodeAsync(callback["code"].ToString(), authorization.CodeVerifier, ct);
        Assert.Equal(90000, tokens.ExpiresInSeconds);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
    }

    [Fact]
    public async Task Code_exchange_with_a_wrong_verifier_is_refused_with_14005()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var code = host.Emulator.IssueAuthorizationCode(EmulatorSdkHost.OaId, ZaloPkce.ComputeChallenge(ZaloPkce.CreateVerifier()));

        var error = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.ExchangeCodeAsync(code, ZaloPkce.CreateVerifier(), TestContext.Current.CancellationToken));

        Assert.Equal(-14005, error.Error);
        Assert.Equal(HttpStatusCode.OK, error.HttpStatus);
    }

    [Fact]
    public async Task Authorization_code_is_single_use()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var code = host.Emulator.IssueAuthorizationCode(EmulatorSdkHost.OaId, codeChallenge: null);
        await host.OAuth.ExchangeCodeAsync(code, codeVerifier: null, ct);

        var error = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.ExchangeCodeAsync(code, codeVerifier: null, ct));

        Assert.True(error.IsInvalidAuthorizationCode);
    }

    [Fact]
    public async Task Refresh_rotates_both_tokens_and_the_used_refresh_token_is_then_refused_with_14014()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var first = host.Emulator.IssueTokens(EmulatorSdkHost.OaId);

        var second = await host.OAuth.RefreshAsync(first.RefreshToken, ct);
        var error = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.RefreshAsync(first.RefreshToken, ct));

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(-14014, error.Error);
        Assert.Equal("Invalid refresh token.", error.ErrorName);
        Assert.Equal(HttpStatusCode.OK, error.HttpStatus);
    }

    [Fact]
    public async Task Refresh_kills_the_previous_access_token_at_once()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var first = host.Emulator.IssueTokens(EmulatorSdkHost.OaId);
        await host.OAuth.RefreshAsync(first.RefreshToken, ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Emulator.BaseUrl, "v2.0/oa/getoa"));
        request.Headers.TryAddWithoutValidation("access_token", first.AccessToken);

        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"error":-216,"message":"Access token is invalid"}""", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Token_endpoint_with_a_wrong_secret_key_answers_14004_with_http_200()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Emulator.BaseUrl, "v4/oa/access_token"))
        {
            Content = new FormUrlEncodedContent([new("refresh_token", "x"), new("app_id", host.Emulator.AppId), new("grant_type", "refresh_token")]),
        };
        request.Headers.TryAddWithoutValidation("secret_key", "not-the-secret");

        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("""{"error":-14004,"error_name":"Invalid secret key",""", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("<a class=\"oa\" href=\"([^\"]+)\"")]
    private static partial Regex GrantLink();
}
