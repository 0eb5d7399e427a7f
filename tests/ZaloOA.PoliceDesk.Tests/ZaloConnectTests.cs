using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Zalo.Emulation;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>"Kết nối Zalo OA": the desk's connect page → the SDK's OAuth v4 start → the emulator's
/// consent page → the SDK's callback → the unit linked to the authorised OA.</summary>
public sealed partial class ZaloConnectTests : IAsyncDisposable
{
    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public ZaloConnectTests()
    {
        // The system clock: the consent cookies expire in real time in the client's cookie jar.
        _desk = new EmulatorDeskFactory(_state, systemClock: true);
        _desk.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Grants the OA on the emulator's consent page and follows Zalo's redirect back to
    /// the desk's callback; returns the desk page the callback redirects to.</summary>
    private async Task<string> ConsentAsync(HttpClient desk, Uri consentUrl, string oaId)
    {
        using var zalo = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var html = await zalo.GetStringAsync(consentUrl, Ct);
        var grant = GrantLinks().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Single(href => href.Contains("oa_id=" + oaId, StringComparison.Ordinal));
        using var granted = await zalo.GetAsync(new Uri(_desk.Emulator.BaseUrl, grant), Ct);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var callback = granted.Headers.Location!;
        Assert.Equal("/zalo/oauth/callback", callback.AbsolutePath);

        using var done = await desk.GetAsync(callback.PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var target = done.Headers.Location!.OriginalString;
        Assert.StartsWith("/zalo/connected", target, StringComparison.Ordinal);
        return await desk.GetStringAsync(target, Ct);
    }

    private async Task<Uri> StartAsync(HttpClient client, string unitCode)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/zalo/connect?unit={unitCode}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["unit"] = unitCode, ["__RequestVerificationToken"] = token });
        using var confirmed = await client.PostAsync($"/zalo/connect?unit={unitCode}", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("/zalo/oauth/start", confirmed.Headers.Location!.OriginalString);
        using var start = await client.GetAsync("/zalo/oauth/start", Ct);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return start.Headers.Location!;
    }

    [Fact]
    public async Task Officer_connects_an_oa_to_their_unit_through_zalo_consent()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");

        var consent = await StartAsync(client, "CAP1-TPTRAVINH");
        var page = await ConsentAsync(client, consent, DeskEmulator.SpareOaId);

        Assert.StartsWith(_desk.Emulator.BaseUrl + "v4/oa/permission?", consent.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains($"Đã kết nối Zalo OA {DeskEmulator.SpareOaId} với Công an Phường 1, TP Trà Vinh.", page, StringComparison.Ordinal);
        var unit = await _desk.DbAsync(db => db.Units.SingleAsync(u => u.Code == "CAP1-TPTRAVINH"));
        Assert.Equal(DeskEmulator.SpareOaId, unit.ZaloOaId);
        var audit = await _desk.DbAsync(db => db.Audit.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == AuditActions.OaLinked));
        Assert.Equal(
            (unit.Id, "Cán bộ Công an Phường 1, TP Trà Vinh", $"OA {DeskEmulator.SpareOaId} (thay OA {DeskEmulator.OaIdFor("CAP1-TPTRAVINH")})"),
            (audit.UnitId, audit.ActorName, audit.Detail));
    }

    [Fact]
    public async Task Citizen_messages_to_a_newly_connected_oa_reach_that_unit()
    {
        var client = await _desk.SignInAsync("admin.tinh");
        await ConsentAsync(client, await StartAsync(client, "CAX-LONGDUC"), DeskEmulator.SpareOaId);

        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(DeskEmulator.SpareOaId, EmulatorDeskFactory.Citizen, "Trộm chó trong xóm"));

        Assert.Equal("CAX-LONGDUC", await _desk.DbAsync(db => db.Cases.Select(c => c.Unit.Code).SingleAsync()));
    }

    [Fact]
    public async Task Consent_not_started_from_the_connect_page_links_nothing()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");
        using var start = await client.GetAsync("/zalo/oauth/start", Ct);

        var page = await ConsentAsync(client, start.Headers.Location!, DeskEmulator.SpareOaId);

        Assert.Contains("Không xác định được đơn vị yêu cầu kết nối", page, StringComparison.Ordinal);
        Assert.False(await _desk.DbAsync(db => db.Units.AnyAsync(u => u.ZaloOaId == DeskEmulator.SpareOaId)));
    }

    [GeneratedRegex("<a class=\"oa\" href=\"([^\"]+)\"")]
    private static partial Regex GrantLinks();
}
