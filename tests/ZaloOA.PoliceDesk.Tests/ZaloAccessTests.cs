using System.Net;
using Microsoft.EntityFrameworkCore;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Authorization between units still holds for cases that arrive through the real webhook.</summary>
public sealed class ZaloAccessTests : IAsyncDisposable
{
    private const string Citizen = EmulatorDeskFactory.Citizen;
    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public ZaloAccessTests()
    {
        _desk = new EmulatorDeskFactory(_state);
        _desk.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> TpTraVinhCaseAsync()
    {
        _desk.Follow(EmulatorDeskFactory.OaTpTraVinh);
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(EmulatorDeskFactory.OaTpTraVinh, Citizen, "Có người lạ khả nghi"));
        return await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync());
    }

    [Fact]
    public async Task Officer_of_another_unit_gets_404_for_the_case_page_and_the_api()
    {
        var caseId = await TpTraVinhCaseAsync();
        var client = await _desk.SignInAsync("canbo.canglong");

        using var page = await client.GetAsync($"/Cases/{caseId}", Ct);
        using var api = await client.GetAsync($"/api/cases/{caseId}", Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, api.StatusCode));
    }

    [Fact]
    public async Task Officer_of_another_unit_cannot_reply_and_nothing_reaches_zalo()
    {
        var caseId = await TpTraVinhCaseAsync();
        var client = await _desk.SignInAsync("canbo.canglong");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Xin chào"), "text" },
            { new StringContent(token), "__RequestVerificationToken" },
        };

        using var response = await client.PostAsync($"/Cases/{caseId}?handler=Reply", form, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_desk.Emulator.SentMessages);
    }

    [Fact]
    public async Task Officer_filtering_the_api_by_another_unit_gets_403()
    {
        await TpTraVinhCaseAsync();
        var client = await _desk.SignInAsync("canbo.canglong");
        var unitId = await _desk.UnitIdAsync("CATP-TRAVINH");

        using var response = await client.GetAsync($"/api/cases?unitId={unitId}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Owning_officer_and_province_administrator_see_the_case()
    {
        var caseId = await TpTraVinhCaseAsync();
        var officer = await _desk.SignInAsync("canbo.tptravinh");
        var admin = await _desk.SignInAsync("admin.tinh");

        using var mine = await officer.GetAsync($"/api/cases/{caseId}", Ct);
        using var province = await admin.GetAsync($"/api/cases/{caseId}", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (mine.StatusCode, province.StatusCode));
    }

    [Fact]
    public async Task Officer_cannot_connect_an_oa_for_another_unit()
    {
        var client = await _desk.SignInAsync("canbo.canglong");

        using var response = await client.GetAsync("/zalo/connect?unit=CATP-TRAVINH", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Consent_start_requires_sign_in()
    {
        var client = _desk.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/zalo/oauth/start", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_is_not_served_with_the_real_Zalo()
    {
        using var state = new DeskState();
        await using var zaloMode = new ScaleOutDeskFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(state.Root, "media"),
        });
        var client = zaloMode.CreateClient(new() { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(client, ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword)).Dispose();

        using var response = await client.GetAsync("/simulator", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
