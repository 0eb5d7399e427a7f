using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ZaloOA.Sdk.AspNetCore.OAuth;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Testing;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>
/// The real consent endpoints against the Zalo emulator: start → the emulator's consent page → its
/// redirect to the callback (edited where an attacker would edit it) → what the store holds after.
/// Two OAs: the one the person administers (<see cref="OwnOaId"/>) and another unit's
/// (<see cref="OtherOaId"/>), both with tokens stored before the test.
/// </summary>
public sealed class OAuthConsentTests : IAsyncDisposable
{
    private const string OwnOaId = "388613280878808645";
    private const string OtherOaId = "999000111222333444";
    private const string UserHeader = "X-Test-User";

    private readonly List<string> _authorizing = [];
    private readonly List<string> _authorized = [];
    private ZaloEmulator? _emulator;
    private WebApplication? _app;
    private readonly Dictionary<string, ZaloTokenSet> _seeded = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consent_stores_the_new_tokens_under_the_oa_zalo_confirmed()
    {
        var client = await StartAppAsync();

        var response = await ConsentAsync(client, OwnOaId);

        Assert.Equal("/done?oa_id=" + OwnOaId, response.Headers.Location!.OriginalString);
        var stored = await StoredAsync(OwnOaId);
        Assert.NotEqual(_seeded[OwnOaId].RefreshToken, stored!.RefreshToken);
        Assert.Equal(_seeded[OtherOaId].RefreshToken, (await StoredAsync(OtherOaId))!.RefreshToken);
        Assert.Equal([OwnOaId + " Công an phường 1"], _authorizing);
        Assert.Equal([OwnOaId], _authorized);
    }

    [Fact]
    public async Task A_callback_whose_oa_id_was_edited_to_another_oa_is_refused_and_neither_oas_tokens_change()
    {
        var client = await StartAppAsync();

        var response = await ConsentAsync(client, OwnOaId, editOaIdTo: OtherOaId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/failed?error=oa_mismatch", response.Headers.Location!.OriginalString);
        await AssertUnchangedAsync(OwnOaId);
        await AssertUnchangedAsync(OtherOaId);
        Assert.Empty(_authorizing);
        Assert.Empty(_authorized);
        var warning = Assert.Single(Logs.GetSnapshot(), r => r.Id.Id == 205);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(
            $"Zalo OAuth callback refused: it named OA {OtherOaId} but Zalo says the new token belongs to OA {OwnOaId} (an edited callback URL?); nothing stored.",
            warning.Message);
    }

    [Fact]
    public async Task A_callback_with_an_oa_id_that_is_not_an_id_is_refused_before_the_code_is_exchanged()
    {
        var client = await StartAppAsync();

        var response = await ConsentAsync(client, OwnOaId, editOaIdTo: "1 OR 1=1");

        Assert.Equal("/failed?error=oa_mismatch", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(_emulator!.Server.LogEntries, e => e.RequestMessage.Path == "/v4/oa/access_token");
        await AssertUnchangedAsync(OwnOaId);
    }

    [Fact]
    public async Task The_authorizing_hook_refusing_stores_nothing_and_redirects_with_its_error()
    {
        var client = await StartAppAsync(o => o.OnAuthorizing = ctx =>
        {
            ctx.Refuse("linked_elsewhere");
            return Task.CompletedTask;
        });

        var response = await ConsentAsync(client, OwnOaId);

        Assert.Equal("/failed?error=linked_elsewhere", response.Headers.Location!.OriginalString);
        await AssertUnchangedAsync(OwnOaId);
        Assert.Empty(_authorized);
    }

    [Fact]
    public async Task The_authorizing_hook_throwing_stores_nothing()
    {
        var client = await StartAppAsync(o => o.OnAuthorizing = _ => throw new InvalidOperationException("the directory is down"));

        var response = await ConsentAsync(client, OwnOaId);

        Assert.Equal("/failed?error=authorizing_hook_failed", response.Headers.Location!.OriginalString);
        await AssertUnchangedAsync(OwnOaId);
        Assert.Empty(_authorized);
    }

    [Fact]
    public async Task A_consent_bound_to_person_a_is_refused_while_person_b_is_signed_in()
    {
        var client = await StartAppAsync(o => o.BindStateToUser = true);

        var response = await ConsentAsync(client, OwnOaId, startedBy: "officer-a", completedBy: "officer-b");

        Assert.Equal("/failed?error=user_mismatch", response.Headers.Location!.OriginalString);
        await AssertUnchangedAsync(OwnOaId);
        Assert.DoesNotContain(_emulator!.Server.LogEntries, e => e.RequestMessage.Path == "/v4/oa/access_token");
        Assert.Empty(_authorizing);
    }

    [Fact]
    public async Task A_bound_consent_is_refused_when_nobody_is_signed_in_at_the_callback()
    {
        var client = await StartAppAsync(o => o.BindStateToUser = true);

        var response = await ConsentAsync(client, OwnOaId, startedBy: "officer-a", completedBy: null);

        Assert.Equal("/failed?error=user_mismatch", response.Headers.Location!.OriginalString);
        await AssertUnchangedAsync(OwnOaId);
    }

    [Fact]
    public async Task A_bound_consent_completed_by_the_person_who_started_it_is_stored()
    {
        var client = await StartAppAsync(o => o.BindStateToUser = true);

        var response = await ConsentAsync(client, OwnOaId, startedBy: "officer-a", completedBy: "officer-a");

        Assert.Equal("/done?oa_id=" + OwnOaId, response.Headers.Location!.OriginalString);
        Assert.NotEqual(_seeded[OwnOaId].RefreshToken, (await StoredAsync(OwnOaId))!.RefreshToken);
    }

    [Fact]
    public async Task A_bound_start_with_nobody_signed_in_is_401_and_sets_no_cookie()
    {
        var client = await StartAppAsync(o => o.BindStateToUser = true);

        using var response = await client.GetAsync("/zalo/oauth/start", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_start_sends_the_route_the_callback_was_mapped_at_and_zalo_comes_back_to_it()
    {
        var client = await StartAppAsync(map: app =>
        {
            app.MapZaloOAuthStart();
            app.MapGroup("/lien-ket").MapZaloOAuthCallback("/zalo-ve");
        });

        var (consent, _) = await BeginAsync(client, user: null);
        var callback = await EmulatorConsent.GrantAsync(consent, OwnOaId, Ct);

        Assert.Equal("http://localhost/lien-ket/zalo-ve", QueryHelpers.ParseQuery(consent.Query)["redirect_uri"].ToString());
        Assert.Equal("/lien-ket/zalo-ve", callback.AbsolutePath);
    }

    [Fact]
    public async Task A_redirect_uri_that_does_not_lead_to_the_mapped_callback_stops_the_host()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAppAsync(
            o => o.RedirectUri = new Uri("https://police.example/zalo/oauth/callback"),
            app =>
            {
                app.MapZaloOAuthStart();
                app.MapZaloOAuthCallback("/oauth/zalo");
            }));

        Assert.Equal(
            "ZaloOAuthEndpointOptions.RedirectUri \"https://police.example/zalo/oauth/callback\" does not lead to the mapped callback \"/oauth/zalo\": Zalo would send the person to a page that does not exist. Make its path end with \"/oauth/zalo\", or leave it null to build it from the request.",
            error.Message);
    }

    [Fact]
    public async Task A_start_without_a_mapped_callback_stops_the_host()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAppAsync(map: app => app.MapZaloOAuthStart()));

        Assert.StartsWith("MapZaloOAuthStart is mapped but the callback is not", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private FakeLogCollector Logs => _app!.Services.GetFakeLogCollector();

    private async Task<HttpClient> StartAppAsync(Action<ZaloOAuthEndpointOptions>? configure = null, Action<WebApplication>? map = null)
    {
        _emulator = await ZaloEmulator.StartAsync(cancellationToken: Ct);
        _emulator.AddOfficialAccount(OwnOaId, "Công an phường 1");
        _emulator.AddOfficialAccount(OtherOaId, "Công an tỉnh");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.AddFakeLogging();
        builder.Services.AddZaloOA(_emulator.ConfigureSdk).AddOAuthEndpoints(o =>
        {
            o.SuccessRedirect = "/done";
            o.ErrorRedirect = "/failed";
            o.OnAuthorizing = ctx =>
            {
                _authorizing.Add(ctx.OaId + " " + ctx.OfficialAccount.Name);
                return Task.CompletedTask;
            };
            o.OnAuthorized = ctx =>
            {
                _authorized.Add(ctx.OaId);
                return Task.CompletedTask;
            };
            configure?.Invoke(o);
        });
        _app = builder.Build();
        // Stands in for the app's sign-in: the header names the signed-in person.
        _app.Use((context, next) =>
        {
            if (context.Request.Headers[UserHeader] is [{ } person])
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, person)], "test"));
            }

            return next(context);
        });
        if (map is null)
        {
            _app.MapZaloOAuthStart();
            _app.MapZaloOAuthCallback();
        }
        else
        {
            map(_app);
        }

        await _app.StartAsync(Ct);
        var store = _app.Services.GetRequiredService<IZaloTokenStore>();
        foreach (var oaId in new[] { OwnOaId, OtherOaId })
        {
            var set = _emulator.IssueTokens(oaId).ToTokenSet();
            Assert.True(await store.TrySaveAsync(oaId, set, expectedVersion: null, Ct));
            _seeded[oaId] = (await store.GetAsync(oaId, Ct))!;
        }

        return _app.GetTestClient();
    }

    /// <summary>The OA's stored pair is still the one seeded before the test (same tokens, same version).</summary>
    private async Task AssertUnchangedAsync(string oaId)
    {
        var seeded = _seeded[oaId];
        var stored = await StoredAsync(oaId);
        Assert.Equal((seeded.AccessToken, seeded.RefreshToken, seeded.Version), (stored!.AccessToken, stored.RefreshToken, stored.Version));
    }

    private Task<ZaloTokenSet?> StoredAsync(string oaId) =>
        _app!.Services.GetRequiredService<IZaloTokenStore>().GetAsync(oaId, Ct).AsTask();

    /// <summary>Starts a consent, grants <paramref name="oaId"/> on the emulator's consent page,
    /// optionally edits the callback's <c>oa_id</c>, and calls the callback.</summary>
    private async Task<HttpResponseMessage> ConsentAsync(HttpClient client, string oaId, string? editOaIdTo = null, string? startedBy = null, string? completedBy = null)
    {
        var (consent, cookie) = await BeginAsync(client, startedBy);
        var callback = await EmulatorConsent.GrantAsync(consent, oaId, Ct);
        var query = QueryHelpers.ParseQuery(callback.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        if (editOaIdTo is not null)
        {
            query["oa_id"] = editOaIdTo;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString(callback.AbsolutePath, query));
        request.Headers.Add("Cookie", cookie);
        if (completedBy is not null)
        {
            request.Headers.Add(UserHeader, completedBy);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<(Uri Consent, string Cookie)> BeginAsync(HttpClient client, string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/zalo/oauth/start");
        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
        }

        using var start = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return (start.Headers.Location!, start.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
    }
}
