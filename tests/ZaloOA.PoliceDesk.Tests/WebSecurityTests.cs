using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.Sdk;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 8 of the trust-boundaries issue: security headers on every page, forwarded headers
/// believed only from the configured proxies (so behind a TLS proxy cookies are Secure, HSTS is sent
/// and the OAuth redirect_uri uses the public address), and desk-styled 403 and 404 pages.
/// </summary>
public sealed partial class WebSecurityTests : IDisposable
{
    private const string Proxy = "10.0.0.5";
    private const string PublicHost = "tiepnhan.example.vn";
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_and_file_carries_the_security_headers()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync("canbo.tptravinh");
        using var anonymous = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var login = await anonymous.GetAsync("/Account/Login", Ct);
        using var inbox = await officer.GetAsync("/", Ct);
        using var missing = await officer.GetAsync("/Cases/999999", Ct);
        using var css = await anonymous.GetAsync("/css/desk.css", Ct);

        foreach (var response in new[] { login, inbox, missing, css })
        {
            Assert.Equal(WebSecurity.ContentSecurityPolicyFor(desk.Services.GetRequiredService<IOptions<ZaloOAOptions>>().Value.OAuthBaseUrl), Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal(("DENY", "nosniff", "same-origin"), (Header(response, "X-Frame-Options"), Header(response, "X-Content-Type-Options"), Header(response, "Referrer-Policy")));
            Assert.DoesNotContain("unsafe-inline", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Contains("form-action 'self' http", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_pages_carry_no_inline_script_handler_or_style()
    {
        using var desk = new DeskFactory(_state);
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var c = await desk.RecordAsync(desk.Text("msg-1", "a"));

        foreach (var path in new[] { "/", $"/Cases/{c.CaseId}", "/News", "/News/Edit", "/Procedures", "/Hotlines", "/Follow", "/follow/CATP-TRAVINH/poster", "/Units", "/Staff", "/Privacy", "/Audit", "/Stats" })
        {
            var html = await admin.GetStringAsync(path, Ct);
            Assert.False(InlineScript().IsMatch(html), $"{path} has an inline <script>.");
            Assert.False(InlineHandler().IsMatch(html), $"{path} has an inline event handler.");
            Assert.False(InlineStyle().IsMatch(html), $"{path} has an inline style.");
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_cookies_are_secure_hsts_is_sent_and_the_oauth_redirect_uri_is_public()
    {
        await using var desk = ProxiedDesk();
        desk.Start();
        using var client = new ProxiedClient(desk, Proxy, "203.0.113.50");

        using var login = await client.LogInAsync(ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword);
        using var start = await client.GetAsync("/zalo/oauth/start");

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("policedesk.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Header(login, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var redirectUri = QueryHelpers.ParseQuery(start.Headers.Location!.Query)["redirect_uri"].ToString();
        Assert.Equal($"https://{PublicHost}/zalo/oauth/callback", redirectUri);
        var signedIn = await desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == AuditActions.SignedIn));
        Assert.Equal("203.0.113.50", signedIn.RemoteAddress);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_known_proxy_are_ignored()
    {
        await using var desk = ProxiedDesk();
        desk.Start();
        using var client = new ProxiedClient(desk, "198.51.100.1", "203.0.113.50");

        using var login = await client.LogInAsync(ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword);

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("policedesk.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        var signedIn = await desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == AuditActions.SignedIn));
        Assert.Equal("198.51.100.1", signedIn.RemoteAddress);
    }

    [Fact]
    public async Task A_missing_case_gets_the_desk_styled_404_page()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync("canbo.tptravinh");

        using var response = await officer.GetAsync("/Cases/999999", Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Không tìm thấy</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Bàn tiếp nhận phản ánh qua Zalo", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forbidden_page_gets_the_desk_styled_403_page()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync("canbo.tptravinh");

        using var response = await officer.GetAsync("/Audit", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<h1>Không có quyền truy cập</h1>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_and_media_keep_bare_status_codes()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync("canbo.tptravinh");

        using var api = await officer.GetAsync("/api/cases/999999", Ct);
        using var media = await officer.GetAsync("/media/999999", Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (api.StatusCode, media.StatusCode));
        Assert.Equal("", await api.Content.ReadAsStringAsync(Ct));
        Assert.Equal("", await media.Content.ReadAsStringAsync(Ct));
    }

    private ScaleOutDeskFactory ProxiedDesk() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_state.Root, "desk.db")}",
        ["Desk:MediaPath"] = Path.Combine(_state.Root, "media"),
        ["Desk:ForwardedHeaders:KnownProxies:0"] = Proxy,
    });

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<[^>]+\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"<style|\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    /// <summary>Requests as a TLS proxy at <c>proxy</c> forwards them for <c>client</c>: the forwarded
    /// headers on every request, cookies kept by hand (they are Secure, the test server is plain http).</summary>
    private sealed partial class ProxiedClient(ScaleOutDeskFactory desk, string proxy, string client) : IDisposable
    {
        private readonly HttpClient _http = desk.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        private readonly Dictionary<string, string> _cookies = [];

        public void Dispose() => _http.Dispose();

        public async Task<HttpResponseMessage> GetAsync(string path) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        public async Task<HttpResponseMessage> LogInAsync(string userName, string password)
        {
            using var page = await GetAsync("/Account/Login");
            var token = Token().Match(await page.Content.ReadAsStringAsync(Ct)).Groups[1].Value;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token,
            });
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = form });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response;
        }

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            using (request)
            {
                request.Headers.Add(DeskFactory.ClientAddressHeader, proxy);
                request.Headers.Add("X-Forwarded-For", client);
                request.Headers.Add("X-Forwarded-Proto", "https");
                request.Headers.Add("X-Forwarded-Host", PublicHost);
                if (_cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => c.Key + "=" + c.Value)));
                }

                var response = await _http.SendAsync(request, Ct);
                if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
                {
                    foreach (var pair in cookies.Select(c => c.Split(';')[0].Split('=', 2)))
                    {
                        _cookies[pair[0]] = pair[1];
                    }
                }

                return response;
            }
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex Token();
    }
}
