using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>"Kết nối Zalo OA": the desk's connect page → the SDK's OAuth v4 start → the emulator's
/// consent page → the SDK's callback → the unit linked to the authorised OA.</summary>
public sealed class ZaloConnectTests : IAsyncDisposable
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
    private async Task<string> ConsentAsync(HttpClient desk, Uri consentUrl, string oaId, string? editOaIdTo = null)
    {
        var callback = await EmulatorConsent.GrantAsync(consentUrl, oaId, Ct);
        Assert.Equal("/zalo/oauth/callback", callback.AbsolutePath);
        var pathAndQuery = editOaIdTo is null
            ? callback.PathAndQuery
            : callback.PathAndQuery.Replace("oa_id=" + oaId, "oa_id=" + editOaIdTo, StringComparison.Ordinal);

        using var done = await desk.GetAsync(pathAndQuery, Ct);
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
    public async Task The_connect_forms_redirects_end_on_an_origin_its_form_action_allows_and_no_other_origin_is_allowed()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");
        using var page = await client.GetAsync("/zalo/connect?unit=CAP1-TPTRAVINH", Ct);
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        var formAction = policy.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("form-action ", StringComparison.Ordinal));

        // Browsers check form-action on every hop after a form post: the desk's own /zalo/oauth/start
        // ('self'), then Zalo's consent page (here the emulator's origin).
        var consent = await StartAsync(client, "CAP1-TPTRAVINH");

        Assert.Equal($"form-action 'self' {consent.GetLeftPart(UriPartial.Authority)}", formAction);
        Assert.Equal(_desk.Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), consent.GetLeftPart(UriPartial.Authority));
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
    public async Task A_direct_oauth_start_without_the_connect_page_stores_nothing_and_is_audited()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");
        var tokensBefore = await TokensAsync(DeskEmulator.SpareOaId);
        using var start = await client.GetAsync("/zalo/oauth/start", Ct);

        var page = await ConsentAsync(client, start.Headers.Location!, DeskEmulator.SpareOaId);

        Assert.Contains("Không xác định được đơn vị yêu cầu kết nối", page, StringComparison.Ordinal);
        Assert.Contains("Không có gì được lưu.", page, StringComparison.Ordinal);
        Assert.False(await _desk.DbAsync(db => db.Units.AnyAsync(u => u.ZaloOaId == DeskEmulator.SpareOaId)));
        Assert.Equal(tokensBefore, await TokensAsync(DeskEmulator.SpareOaId));
        var audit = await LastAuditAsync();
        Assert.Equal(
            (AuditActions.OaLinkRefused, "Cán bộ Công an Phường 1, TP Trà Vinh", (int?)null, $"OA {DeskEmulator.SpareOaId}: không bắt đầu từ trang Kết nối Zalo OA"),
            (audit.Action, audit.ActorName, audit.UnitId, audit.Detail));
    }

    [Fact]
    public async Task An_officer_connecting_an_oa_linked_to_another_unit_is_refused_audited_and_nothing_is_stored()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");
        var cityOa = EmulatorDeskFactory.OaTpTraVinh;
        var tokensBefore = await TokensAsync(cityOa);

        var page = await ConsentAsync(client, await StartAsync(client, "CAP1-TPTRAVINH"), cityOa);

        Assert.Contains($"Zalo OA {cityOa} đang được kết nối với Công an TP Trà Vinh. Chỉ quản trị viên quản lý cả hai đơn vị mới chuyển được OA. Không có gì được lưu.", page, StringComparison.Ordinal);
        Assert.Equal(cityOa, await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.ZaloOaId).SingleAsync()));
        Assert.Equal(DeskEmulator.OaIdFor("CAP1-TPTRAVINH"), await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CAP1-TPTRAVINH").Select(u => u.ZaloOaId).SingleAsync()));
        Assert.Equal(tokensBefore, await TokensAsync(cityOa));
        var audit = await LastAuditAsync();
        Assert.Equal(
            (AuditActions.OaLinkRefused, "Cán bộ Công an Phường 1, TP Trà Vinh", (int?)await _desk.UnitIdAsync("CATP-TRAVINH"), $"OA {cityOa} (đang thuộc CATP-TRAVINH) cho CAP1-TPTRAVINH: từ chối"),
            (audit.Action, audit.ActorName, audit.UnitId, audit.Detail));
    }

    [Fact]
    public async Task An_administrator_moves_an_oa_between_units_in_their_scope()
    {
        var client = await _desk.SignInAsync("admin.tinh");
        var cityOa = EmulatorDeskFactory.OaTpTraVinh;

        var page = await ConsentAsync(client, await StartAsync(client, "CAX-LONGDUC"), cityOa);

        Assert.Contains($"Đã kết nối Zalo OA {cityOa} với Công an xã Long Đức, TP Trà Vinh.", page, StringComparison.Ordinal);
        Assert.Null(await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.ZaloOaId).SingleAsync()));
        Assert.Equal(cityOa, await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CAX-LONGDUC").Select(u => u.ZaloOaId).SingleAsync()));
    }

    [Fact]
    public async Task A_callback_whose_oa_id_was_edited_to_another_units_oa_stores_and_links_nothing()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");
        var cityOa = EmulatorDeskFactory.OaTpTraVinh;
        var tokensBefore = (await TokensAsync(cityOa), await TokensAsync(DeskEmulator.SpareOaId));
        var auditBefore = await _desk.DbAsync(db => db.Audit.CountAsync());

        var page = await ConsentAsync(client, await StartAsync(client, "CAP1-TPTRAVINH"), DeskEmulator.SpareOaId, editOaIdTo: cityOa);

        Assert.Contains("Địa chỉ Zalo trả về đã bị sửa: mã OA không khớp với OA được cấp quyền. Không có gì được lưu.", page, StringComparison.Ordinal);
        Assert.Equal(tokensBefore, (await TokensAsync(cityOa), await TokensAsync(DeskEmulator.SpareOaId)));
        Assert.Equal(cityOa, await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.ZaloOaId).SingleAsync()));
        Assert.Equal(auditBefore, await _desk.DbAsync(db => db.Audit.CountAsync()));
    }

    [Fact]
    public async Task A_consent_started_by_one_officer_is_refused_when_another_officer_completes_it()
    {
        // One browser (a shared computer): officer A starts, officer B signs in, Zalo comes back.
        var client = await _desk.SignInAsync("canbo.phuong1");
        var consent = await StartAsync(client, "CAP1-TPTRAVINH");
        (await DeskFactory.LogInAsync(client, "canbo.tptravinh", TraVinhSeed.DemoPassword)).Dispose();
        var tokensBefore = await TokensAsync(DeskEmulator.SpareOaId);

        var page = await ConsentAsync(client, consent, DeskEmulator.SpareOaId);

        Assert.Contains("Phiên kết nối được bắt đầu bởi tài khoản khác (hoặc bạn đã đăng xuất). Không có gì được lưu; vui lòng bắt đầu lại.", page, StringComparison.Ordinal);
        Assert.Equal(tokensBefore, await TokensAsync(DeskEmulator.SpareOaId));
        Assert.False(await _desk.DbAsync(db => db.Units.AnyAsync(u => u.ZaloOaId == DeskEmulator.SpareOaId)));
    }

    /// <summary>The OA's stored pair, compared by value.</summary>
    private async Task<(string, string, long)> TokensAsync(string oaId)
    {
        var set = await _desk.Services.GetRequiredService<IZaloTokenStore>().GetAsync(oaId, Ct);
        return (set!.AccessToken, set.RefreshToken, set.Version);
    }

    private Task<AuditEntry> LastAuditAsync() => _desk.DbAsync(db => db.Audit.OrderByDescending(a => a.Id).FirstAsync());
}
