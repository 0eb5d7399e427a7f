using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Tests;

public sealed class AccessTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public AccessTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeded_officer_signs_in_and_sees_the_inbox()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var html = await client.GetStringAsync("/", Ct);

        Assert.Contains("Hộp thư phản ánh", html, StringComparison.Ordinal);
        Assert.Contains("Cán bộ Công an TP Trà Vinh", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var client = _desk.CreateClient(new() { AllowAutoRedirect = false });
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "canbo.tptravinh", ["password"] = "wrong", ["__RequestVerificationToken"] = token,
        });

        using var response = await client.PostAsync("/Account/Login", form, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_is_rejected()
    {
        var client = _desk.CreateClient(new() { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = TraVinhSeed.AdminUserName, ["password"] = TraVinhSeed.DemoPassword,
        });

        using var response = await client.PostAsync("/Account/Login", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Case_action_without_antiforgery_token_is_rejected()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "ghi chú" });

        using var response = await client.PostAsync($"/Cases/{c.CaseId}?handler=Note", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_page_request_redirects_to_login()
    {
        var client = _desk.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_api_request_is_401()
    {
        var client = _desk.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/cases", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Officer_gets_404_for_another_units_case_page()
    {
        var other = await _desk.RecordAsync(_desk.Text("msg-1", "a", oaId: DeskFactory.OaCangLong));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await client.GetAsync($"/Cases/{other.CaseId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Officer_opens_own_units_case_page()
    {
        var own = await _desk.RecordAsync(_desk.Text("msg-1", "Có tai nạn giao thông"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var html = await client.GetStringAsync($"/Cases/{own.CaseId}", Ct);

        Assert.Contains(own.CaseNumber, html, StringComparison.Ordinal);
        Assert.Contains("Có tai nạn giao thông", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officer_cannot_act_on_another_units_case()
    {
        var own = await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        var other = await _desk.RecordAsync(_desk.Text("msg-2", "b", oaId: DeskFactory.OaCangLong));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{own.CaseId}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "ghi chú", ["__RequestVerificationToken"] = token });

        using var response = await client.PostAsync($"/Cases/{other.CaseId}?handler=Note", form, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Officer_gets_404_for_another_units_case_in_the_api()
    {
        var other = await _desk.RecordAsync(_desk.Text("msg-1", "a", oaId: DeskFactory.OaCangLong));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await client.GetAsync($"/api/cases/{other.CaseId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Officer_gets_403_filtering_the_api_by_another_unit()
    {
        var canglong = await _desk.UnitIdAsync("CAH-CANGLONG");
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await client.GetAsync($"/api/cases?unitId={canglong}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Officer_api_list_holds_only_own_units_cases()
    {
        var own = await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        await _desk.RecordAsync(_desk.Text("msg-2", "b", oaId: DeskFactory.OaCangLong));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/cases", Ct);

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(own.CaseNumber, list.GetProperty("items")[0].GetProperty("number").GetString());
    }

    [Fact]
    public async Task Provincial_admin_sees_every_units_cases()
    {
        var a = await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        var b = await _desk.RecordAsync(_desk.Text("msg-2", "b", oaId: DeskFactory.OaCangLong));
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/cases", Ct);
        using var page = await client.GetAsync($"/Cases/{b.CaseId}", Ct);

        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(new[] { a.CaseNumber, b.CaseNumber }, list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).Order().ToArray());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Api_details_hold_the_conversation()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "Có người đánh nhau"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var details = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{c.CaseId}", Ct);

        Assert.Equal(c.CaseNumber, details.GetProperty("number").GetString());
        Assert.Equal("PublicOrder", details.GetProperty("category").GetString());
        var first = details.GetProperty("messages")[0];
        Assert.Equal(("Inbound", "Có người đánh nhau"), (first.GetProperty("direction").GetString(), first.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Api_list_filters_by_text_without_diacritics()
    {
        await _desk.RecordAsync(_desk.Text("msg-1", "Xe tải chở quá tải", user: "u1"));
        var wanted = await _desk.RecordAsync(_desk.Text("msg-2", "Mất trật tự ở bến phà", user: "u2"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/cases?q=ben%20pha", Ct);

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(wanted.CaseNumber, list.GetProperty("items")[0].GetProperty("number").GetString());
    }

    [Fact]
    public async Task Officer_transfer_to_a_unit_outside_their_horizon_is_403()
    {
        // Phường 1 may escalate within TP Trà Vinh, not hand a case to Càng Long.
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        var p1 = await _desk.UnitIdAsync("CAP1-TPTRAVINH");
        await _desk.DbAsync(async db =>
        {
            var x = await db.Cases.FindAsync([c.CaseId], Ct);
            x!.UnitId = p1;
            return await db.SaveChangesAsync(Ct);
        });
        var client = await _desk.SignInAsync("canbo.phuong1");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{c.CaseId}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["unitId"] = (await _desk.UnitIdAsync("CAH-CANGLONG")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        });

        using var response = await client.PostAsync($"/Cases/{c.CaseId}?handler=Transfer", form, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
