using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Authentication;

public class OAuthClientTests
{
    private const string RfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string RfcChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static readonly Uri Callback = new("https://cong-an.example.vn/zalo/oauth/callback?unit=p1");

    [Fact]
    public void Pkce_challenge_matches_the_rfc_7636_vector()
    {
        Assert.Equal(RfcChallenge, ZaloPkce.ComputeChallenge(RfcVerifier));
    }

    [Fact]
    public void New_verifier_is_43_base64url_characters_and_different_each_time()
    {
        var a = ZaloPkce.CreateVerifier();
        var b = ZaloPkce.CreateVerifier();

        Assert.Equal(43, a.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", a);
        Assert.NotEqual(a, b);
        Assert.Equal(43, ZaloPkce.ComputeChallenge(a).Length);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX=")]
    public void Invalid_verifier_is_a_validation_exception_naming_the_parameter(string verifier)
    {
        var ex = Assert.Throws<ZaloValidationException>(() => ZaloPkce.ComputeChallenge(verifier));

        Assert.Equal("codeVerifier", ex.ParamName);
        Assert.Contains("43", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorization_url_has_exactly_app_id_redirect_uri_code_challenge_and_state()
    {
        await using var host = new ZaloTestHost();

        var request = host.OAuth.CreateAuthorizationRequest(Callback, state: "st-123", codeVerifier: RfcVerifier);

        Assert.Equal(
            host.Server.Url + "/v4/oa/permission?app_id=" + ZaloTestHost.AppId
                + "&redirect_uri=https%3A%2F%2Fcong-an.example.vn%2Fzalo%2Foauth%2Fcallback%3Funit%3Dp1"
                + "&code_challenge=" + RfcChallenge
                + "&state=st-123",
            request.Url.AbsoluteUri);
        Assert.Equal("st-123", request.State);
        Assert.Equal(RfcVerifier, request.CodeVerifier);
    }

    [Fact]
    public async Task Authorization_url_creates_a_fresh_verifier_and_state_when_none_given()
    {
        await using var host = new ZaloTestHost();

        var request = host.OAuth.CreateAuthorizationRequest(Callback);

        Assert.NotNull(request.CodeVerifier);
        Assert.Equal(43, request.CodeVerifier.Length);
        Assert.False(string.IsNullOrEmpty(request.State));
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        Assert.Equal(new[] { "app_id", "redirect_uri", "code_challenge", "state" }, query.AllKeys.Select(k => k ?? string.Empty));
        Assert.Equal(ZaloPkce.ComputeChallenge(request.CodeVerifier), query["code_challenge"]);
        Assert.Equal(request.State, query["state"]);
    }

    [Fact]
    public async Task Authorization_url_without_pkce_has_no_code_challenge()
    {
        await using var host = new ZaloTestHost(o => o.UsePkce = false);

        var request = host.OAuth.CreateAuthorizationRequest(Callback, state: "st-123");

        Assert.Equal(
            host.Server.Url + "/v4/oa/permission?app_id=" + ZaloTestHost.AppId
                + "&redirect_uri=https%3A%2F%2Fcong-an.example.vn%2Fzalo%2Foauth%2Fcallback%3Funit%3Dp1&state=st-123",
            request.Url.AbsoluteUri);
        Assert.Null(request.CodeVerifier);
    }

    [Fact]
    public async Task Relative_redirect_uri_is_a_validation_exception()
    {
        await using var host = new ZaloTestHost();

        var ex = Assert.Throws<ZaloValidationException>(() => host.OAuth.CreateAuthorizationRequest(new Uri("/callback", UriKind.Relative)));

        Assert.Equal("redirectUri", ex.ParamName);
    }

    [Fact]
    public async Task Code_exchange_posts_the_exact_form_with_the_secret_key_header()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();

        var tokens = await host.OAuth.ExchangeCodeAsync("auth-code-1", RfcVerifier, TestContext.Current.CancellationToken);

        var request = host.Server.SingleRequestTo(ZaloTestHost.TokenPath);
        Assert.Equal("POST", request.Method);
        Assert.Equal(
            $"code=auth-code-1&app_id={ZaloTestHost.AppId}&grant_type=authorization_code&code_verifier={RfcVerifier}",
            request.Body);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers!["Content-Type"][0], StringComparison.Ordinal);
        Assert.Equal([ZaloTestHost.SecretKey], request.Headers["secret_key"]);
        Assert.False(request.Headers.ContainsKey("access_token"));
        Assert.Equal(ZaloTestHost.NewAccessToken, tokens.AccessToken);
        Assert.Equal(ZaloTestHost.NewRefreshToken, tokens.RefreshToken);
        Assert.Equal(90000, tokens.ExpiresInSeconds);
    }

    [Fact]
    public async Task Code_exchange_without_pkce_sends_no_code_verifier()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();

        await host.OAuth.ExchangeCodeAsync("auth-code-1", codeVerifier: null, TestContext.Current.CancellationToken);

        Assert.Equal(
            $"code=auth-code-1&app_id={ZaloTestHost.AppId}&grant_type=authorization_code",
            host.Server.SingleRequestTo(ZaloTestHost.TokenPath).Body);
    }

    [Fact]
    public async Task Refresh_posts_the_exact_form_with_the_secret_key_header()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint();

        await host.OAuth.RefreshAsync("old-refresh-token", TestContext.Current.CancellationToken);

        var request = host.Server.SingleRequestTo(ZaloTestHost.TokenPath);
        Assert.Equal($"refresh_token=old-refresh-token&app_id={ZaloTestHost.AppId}&grant_type=refresh_token", request.Body);
        Assert.Equal([ZaloTestHost.SecretKey], request.Headers!["secret_key"]);
    }

    [Theory]
    [InlineData("\"90000\"")]
    [InlineData("90000")]
    public async Task Expires_in_is_read_as_string_or_number(string expiresIn)
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(expiresIn: expiresIn);

        var tokens = await host.OAuth.RefreshAsync("old-refresh-token", TestContext.Current.CancellationToken);

        Assert.Equal(90000, tokens.ExpiresInSeconds);
    }

    [Fact]
    public async Task Missing_expires_in_assumes_the_documented_25_hours_instead_of_discarding_a_spent_pair()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"access_token":"a","refresh_token":"r"}""");

        var tokens = await host.OAuth.RefreshAsync("old-refresh-token", TestContext.Current.CancellationToken);

        Assert.Equal("a", tokens.AccessToken);
        Assert.Equal(90000, tokens.ExpiresInSeconds);
    }

    [Fact]
    public async Task Invalid_refresh_token_with_http_200_is_an_oauth_exception_flagged_invalid_refresh_token()
    {
        await using var host = new ZaloTestHost();
        const string body = """{"error":-14014,"error_name":"Invalid refresh token.","error_description":"Refresh token is invalid or expired","error_reason":"","ref_doc":"https://developers.zalo.me/docs"}""";
        host.StubTokenEndpoint(200, body);

        var ex = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.RefreshAsync("old", TestContext.Current.CancellationToken));

        Assert.Equal(-14014, ex.Error);
        Assert.True(ex.IsInvalidRefreshToken);
        Assert.False(ex.IsInvalidAuthorizationCode);
        Assert.Equal("Invalid refresh token.", ex.ErrorName);
        Assert.Equal("Refresh token is invalid or expired", ex.ErrorDescription);
        Assert.Equal(HttpStatusCode.OK, ex.HttpStatus);
        Assert.Equal(body, ex.RawBody);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task Used_or_expired_code_is_an_oauth_exception_flagged_invalid_authorization_code()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"error":-14005,"error_name":"Invalid authorization code","error_description":"The code is expired or used"}""");

        var ex = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.ExchangeCodeAsync("used", null, TestContext.Current.CancellationToken));

        Assert.Equal(-14005, ex.Error);
        Assert.True(ex.IsInvalidAuthorizationCode);
        Assert.False(ex.IsInvalidRefreshToken);
    }

    [Fact]
    public async Task Error_body_with_only_error_name_and_no_numeric_error_is_an_oauth_exception()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"error_name":"Invalid appId","error_reason":"App is not active but user is not admin","error_description":""}""");

        var ex = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.RefreshAsync("old", TestContext.Current.CancellationToken));

        Assert.Null(ex.Error);
        Assert.Equal("Invalid appId", ex.ErrorName);
        Assert.Contains("Invalid appId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_shaped_body_without_an_access_token_is_an_oauth_exception()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"refresh_token":"r2","expires_in":"90000"}""");

        var ex = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.RefreshAsync("old", TestContext.Current.CancellationToken));

        Assert.Null(ex.Error);
        Assert.Contains("without an access token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_body_in_the_exception_has_token_values_masked()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(200, """{"error":-14002,"error_name":"Invalid appId","access_token":"leaked-access","refresh_token":"leaked-refresh"}""");

        var ex = await Assert.ThrowsAsync<ZaloOAuthException>(() => host.OAuth.RefreshAsync("old", TestContext.Current.CancellationToken));

        Assert.Equal("""{"error":-14002,"error_name":"Invalid appId","access_token":"***","refresh_token":"***"}""", ex.RawBody);
        Assert.DoesNotContain("leaked", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_500_from_the_token_endpoint_is_a_transient_transport_exception()
    {
        await using var host = new ZaloTestHost();
        host.StubTokenEndpoint(500, "<html>Internal Server Error</html>");

        var ex = await Assert.ThrowsAsync<ZaloTransportException>(() => host.OAuth.RefreshAsync("old", TestContext.Current.CancellationToken));

        Assert.True(ex.IsTransient);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.HttpStatus);
        Assert.Single(host.TokenRequests);
    }
}
