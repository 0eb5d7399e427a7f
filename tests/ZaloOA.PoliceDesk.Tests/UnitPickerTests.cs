using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using static ZaloOA.PoliceDesk.Tests.CaseWorkflowTests;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The unit picker on a national hierarchy (issue 18; <see cref="NationalHierarchy"/>, 3,357 units):
/// the national administrator's pages list a level at a time, not every unit; the children endpoint
/// answers within the signed-in person's scope only; the pages' servers still refuse a unit outside it.
/// </summary>
public sealed partial class UnitPickerTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public UnitPickerTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<option[ >]")]
    private static partial Regex OptionTag();

    private static int Options(string html) => OptionTag().Count(html);

    private async Task<string> PageAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"{path}: {html.Length:N0} characters, {Options(html)} options");
        return html;
    }

    [Fact]
    public async Task The_national_administrators_inbox_statistics_and_case_pages_render_fewer_than_100_options()
    {
        var c = await _desk.RecordAsync(_desk.Text("m-picker-1", "Mất xe đạp ở chợ"));
        await NationalHierarchy.ImportAsync(_desk.Services);
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var inbox = await PageAsync(admin, "/");
        var stats = await PageAsync(admin, "/Stats");
        var details = await PageAsync(admin, $"/Cases/{c.CaseId}");

        Assert.True(Options(inbox) < 100, $"inbox: {Options(inbox)} options");
        Assert.True(Options(stats) < 100, $"statistics: {Options(stats)} options");
        Assert.True(Options(details) < 100, $"case page: {Options(details)} options");
    }

    /// <summary>The seeded Trà Vinh city officer made an administrator of their district (CATP-TRAVINH).</summary>
    private async Task<HttpClient> DistrictAdministratorAsync()
    {
        await _desk.DbAsync(db => db.Staff.Where(s => s.UserName == "canbo.tptravinh").ExecuteUpdateAsync(s => s.SetProperty(x => x.Role, StaffRole.Administrator), Ct));
        return await _desk.SignInAsync("canbo.tptravinh");
    }

    private static string Selected(int id) => $"<option value=\"{Id(id)}\" selected=\"selected\">";

    [Fact]
    public async Task The_inbox_filtered_by_a_commune_lists_its_provinces_communes_with_the_commune_chosen()
    {
        await NationalHierarchy.ImportAsync(_desk.Services);
        var commune = await _desk.UnitIdAsync(NationalHierarchy.CommuneCode(1, 7));
        var province = await _desk.UnitIdAsync(NationalHierarchy.ProvinceCode(1));
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var html = await PageAsync(admin, $"/?unitId={Id(commune)}");

        Assert.Contains(Selected(commune), html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Id(province)}\">&#xA0;&#xA0;&#xA0;Toàn bộ {NationalHierarchy.ProvinceName(1)}</option>", html, StringComparison.Ordinal);
        Assert.Contains(NationalHierarchy.CommuneName(1, 100), html, StringComparison.Ordinal);
        Assert.DoesNotContain(NationalHierarchy.CommuneName(2, 1), html, StringComparison.Ordinal);
        Assert.DoesNotContain(NationalHierarchy.ProvinceName(2), html, StringComparison.Ordinal);
        Assert.Contains($"data-unit-path=\"{Id(await _desk.UnitIdAsync(NationalHierarchy.RootCode))},{Id(province)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_scope_keeps_the_plain_select_of_every_unit()
    {
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var html = await PageAsync(admin, "/");

        Assert.Contains("<select id=\"unitId\" name=\"unitId\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-unit-picker", html, StringComparison.Ordinal);
        Assert.Equal(1 + 23, Regex.Count(html[html.IndexOf("id=\"unitId\"", StringComparison.Ordinal)..html.IndexOf("</select>", html.IndexOf("id=\"unitId\"", StringComparison.Ordinal), StringComparison.Ordinal)], "<option "));
    }

    [Fact]
    public async Task The_children_endpoint_answers_a_provinces_communes_with_their_child_counts()
    {
        await NationalHierarchy.ImportAsync(_desk.Services);
        var province = await _desk.UnitIdAsync(NationalHierarchy.ProvinceCode(1));
        var first = await _desk.UnitIdAsync(NationalHierarchy.CommuneCode(1, 1));
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await admin.GetAsync($"/api/units/{Id(province)}/children", Ct);
        var json = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith($"{{\"id\":{Id(province)},\"name\":\"{NationalHierarchy.ProvinceName(1)}\",\"units\":[{{\"id\":{Id(first)},\"name\":\"{NationalHierarchy.CommuneName(1, 1)}\",\"children\":0}},", json, StringComparison.Ordinal);
        Assert.Equal(NationalHierarchy.CommunesEach, Regex.Count(json, "\"children\":"));
    }

    [Fact]
    public async Task The_children_endpoint_counts_the_units_below_each_child()
    {
        var root = await NationalHierarchy.ImportAsync(_desk.Services);
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        var traVinh = await _desk.UnitIdAsync(TraVinhSeed.ProvinceCode);
        var districts = await _desk.DbAsync(db => db.Units.CountAsync(u => u.ParentId == traVinh, Ct));

        var json = await admin.GetStringAsync($"/api/units/{Id(root)}/children", Ct);

        Assert.Equal(1 + NationalHierarchy.OtherProvinces, Regex.Count(json, "\"children\":"));
        Assert.Contains($"{{\"id\":{Id(traVinh)},\"name\":\"Công an tỉnh Trà Vinh\",\"children\":{Id(districts)}}}", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("other-province")]
    [InlineData("other-commune")]
    [InlineData("parent")]
    [InlineData("unknown")]
    public async Task The_children_endpoint_is_404_for_a_unit_outside_a_district_administrators_scope(string which)
    {
        var root = await NationalHierarchy.ImportAsync(_desk.Services);
        var district = await DistrictAdministratorAsync();
        var id = which switch
        {
            "root" => root,
            "other-province" => await _desk.UnitIdAsync(NationalHierarchy.ProvinceCode(1)),
            "other-commune" => await _desk.UnitIdAsync(NationalHierarchy.CommuneCode(1, 1)),
            "parent" => await _desk.UnitIdAsync(TraVinhSeed.ProvinceCode),
            _ => 987654,
        };

        using var response = await district.GetAsync($"/api/units/{Id(id)}/children", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Công an", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_children_endpoint_answers_a_district_administrator_inside_their_district()
    {
        await NationalHierarchy.ImportAsync(_desk.Services);
        var district = await DistrictAdministratorAsync();
        var own = await _desk.UnitIdAsync("CATP-TRAVINH");

        var json = await district.GetStringAsync($"/api/units/{Id(own)}/children", Ct);

        Assert.Contains($"\"name\":\"{await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CAP1-TPTRAVINH").Select(u => u.Name).SingleAsync(Ct))}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officers_children_endpoint_reaches_their_transfer_horizon_and_no_further()
    {
        await NationalHierarchy.ImportAsync(_desk.Services);
        var officer = await _desk.SignInAsync("canbo.phuong1");

        using var parent = await officer.GetAsync($"/api/units/{Id(await _desk.UnitIdAsync("CATP-TRAVINH"))}/children", Ct);
        using var province = await officer.GetAsync($"/api/units/{Id(await _desk.UnitIdAsync(TraVinhSeed.ProvinceCode))}/children", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (parent.StatusCode, province.StatusCode));
    }

    [Fact]
    public async Task The_children_endpoint_is_401_without_a_session()
    {
        var root = await NationalHierarchy.ImportAsync(_desk.Services);
        using var anonymous = _desk.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await anonymous.GetAsync($"/api/units/{Id(root)}/children", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_district_administrator_sending_another_provinces_unit_is_refused_by_the_inbox_statistics_and_transfer()
    {
        var c = await _desk.RecordAsync(_desk.Text("m-picker-2", "Trộm cắp tài sản"));
        await NationalHierarchy.ImportAsync(_desk.Services);
        var outside = await _desk.UnitIdAsync(NationalHierarchy.CommuneCode(1, 1));
        var district = await DistrictAdministratorAsync();

        using var inbox = await district.GetAsync($"/?unitId={Id(outside)}", Ct);
        using var stats = await district.GetAsync($"/Stats?unitId={Id(outside)}", Ct);
        using var ask = await PostAsync(district, c.CaseId, "Transfer", new() { ["unitId"] = Id(outside) });
        using var confirmed = await PostAsync(district, c.CaseId, "Transfer", new() { ["unitId"] = Id(outside), ["confirmed"] = "true" });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (inbox.StatusCode, stats.StatusCode, ask.StatusCode, confirmed.StatusCode));
        Assert.Equal(await _desk.UnitIdAsync("CATP-TRAVINH"), await _desk.DbAsync(db => db.Cases.Where(x => x.Id == c.CaseId).Select(x => x.UnitId).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Without_script_choosing_a_province_to_transfer_to_opens_its_communes_at_the_confirmation()
    {
        var c = await _desk.RecordAsync(_desk.Text("m-picker-3", "Gây rối trật tự"));
        await NationalHierarchy.ImportAsync(_desk.Services);
        var province = await _desk.UnitIdAsync(NationalHierarchy.ProvinceCode(3));
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await PostAsync(admin, c.CaseId, "Transfer", new() { ["unitId"] = Id(province) });
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Xác nhận chuyển", html, StringComparison.Ordinal);
        Assert.Contains(Selected(province), html, StringComparison.Ordinal);
        Assert.Contains(NationalHierarchy.CommuneName(3, 42), html, StringComparison.Ordinal);
        Assert.True(Options(html) < 200, $"{Options(html)} options");
    }

    [Fact]
    public async Task The_transfer_picker_opens_the_cases_own_unit_without_offering_it()
    {
        var c = await _desk.RecordAsync(_desk.Text("m-picker-4", "Mất trộm"));
        await NationalHierarchy.ImportAsync(_desk.Services);
        var own = await _desk.UnitIdAsync("CATP-TRAVINH");
        var below = await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CAP1-TPTRAVINH").Select(u => u.Name).SingleAsync(Ct));
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await PostAsync(admin, c.CaseId, "Transfer", new() { ["unitId"] = Id(own) });
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Xác nhận chuyển", html, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{Id(own)}\" disabled=\"disabled\">", html, StringComparison.Ordinal);
        Assert.Contains(below, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_national_inbox_and_case_page_are_smaller_with_the_picker_than_with_one_list_of_every_unit()
    {
        var c = await _desk.RecordAsync(_desk.Text("m-picker-5", "Mất xe máy"));
        await NationalHierarchy.ImportAsync(_desk.Services);
        using var oneListState = new DeskState();
        using var oneList = new DeskFactory(oneListState, settings: new Dictionary<string, string?> { ["Desk:Units:PickerListLimit"] = "100000" });
        var d = await oneList.RecordAsync(oneList.Text("m-picker-5", "Mất xe máy"));
        await NationalHierarchy.ImportAsync(oneList.Services);

        var picked = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        var listed = await oneList.SignInAsync(TraVinhSeed.AdminUserName);
        var (inbox, inboxListed) = (await PageAsync(picked, "/"), await PageAsync(listed, "/"));
        var (details, detailsListed) = (await PageAsync(picked, $"/Cases/{c.CaseId}"), await PageAsync(listed, $"/Cases/{d.CaseId}"));

        Assert.True(Options(inboxListed) > NationalHierarchy.Units, $"one list: {Options(inboxListed)} options");
        Assert.True(inbox.Length * 10 < inboxListed.Length, $"inbox {inbox.Length:N0} vs {inboxListed.Length:N0} characters");
        Assert.True(details.Length * 10 < detailsListed.Length, $"case page {details.Length:N0} vs {detailsListed.Length:N0} characters");
    }
}
