using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ZaloOA.PoliceDesk.Data;
using static ZaloOA.PoliceDesk.Tests.CaseWorkflowTests;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The oversight rule (Access/CaseAccess.ReadableCases): after a transfer the sending unit, and
/// every unit above the case's unit, still read the case and its progress, read-only where they do
/// not handle it; units beside it do not see it at all. On the 2021 three-level Trà Vinh hierarchy
/// (province → district → commune) and the 2025 two-level Vĩnh Long one (province → commune).
/// </summary>
public sealed class OversightTests : IDisposable
{
    private readonly DeskState _state = new();
    private DeskFactory? _desk;

    public void Dispose()
    {
        _desk?.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DeskFactory ThreeLevels() => _desk = new DeskFactory(_state);

    private DeskFactory TwoLevels() => _desk = new DeskFactory(_state, settings: new Dictionary<string, string?>
    {
        ["Desk:Units:Sample"] = "VinhLong2025",
        ["Zalo:Accounts:0:UnitCode"] = "CAX-MAU001",
        ["Zalo:Accounts:1:UnitCode"] = "CAX-MAU002",
    });

    private static async Task TransferAsync(HttpClient client, int caseId, int unitId)
    {
        using var response = await PostAsync(client, caseId, "Transfer", new() { ["unitId"] = Id(unitId), ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    /// <summary>Reads the case page and the API as <paramref name="client"/>: the page's status, whether it is read-only, and the API's flag.</summary>
    private static async Task<(HttpStatusCode Page, bool ReadOnlyNotice, bool? ApiReadOnly)> ReadAsync(HttpClient client, int caseId)
    {
        using var page = await client.GetAsync($"/Cases/{caseId}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var api = await client.GetAsync($"/api/cases/{caseId}", Ct);
        bool? apiReadOnly = api.StatusCode == HttpStatusCode.OK ? (await api.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("readOnly").GetBoolean() : null;
        return (page.StatusCode, html.Contains("class=\"flash readonly\"", StringComparison.Ordinal), apiReadOnly);
    }

    private static async Task<HttpStatusCode> NoteAsync(HttpClient client, int caseId, int tokenFrom)
    {
        using var response = await PostAsync(client, caseId, "Note", new() { ["text"] = "ghi chú" }, tokenFrom);
        return response.StatusCode;
    }

    [Fact]
    public async Task Three_levels_a_case_sent_down_to_a_commune_stays_readable_by_the_district_and_the_province()
    {
        var desk = ThreeLevels();
        var c = await desk.RecordAsync(desk.Text("m1", "Có trộm ở phường 1"));
        var district = await desk.SignInAsync("canbo.tptravinh");
        await TransferAsync(district, c.CaseId, await desk.UnitIdAsync("CAP1-TPTRAVINH"));
        var commune = await desk.SignInAsync("canbo.phuong1");
        var province = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var neighbour = await desk.SignInAsync("canbo.canglong");

        Assert.Equal((HttpStatusCode.OK, true, true), await ReadAsync(district, c.CaseId));
        Assert.Equal((HttpStatusCode.OK, false, false), await ReadAsync(commune, c.CaseId));
        Assert.Equal((HttpStatusCode.OK, false, false), await ReadAsync(province, c.CaseId));
        Assert.Equal((HttpStatusCode.NotFound, false, null), await ReadAsync(neighbour, c.CaseId));
        Assert.Equal(HttpStatusCode.Forbidden, await NoteAsync(district, c.CaseId, c.CaseId));
        Assert.Equal(HttpStatusCode.Redirect, await NoteAsync(commune, c.CaseId, c.CaseId));
    }

    [Fact]
    public async Task Three_levels_a_commune_that_escalated_a_case_keeps_reading_it_after_the_district_hands_it_to_another_commune()
    {
        var desk = ThreeLevels();
        var c = await desk.RecordAsync(desk.Text("m1", "Có trộm", oaId: DeskFactory.OaPhuong1));
        var commune = await desk.SignInAsync("canbo.phuong1");
        await TransferAsync(commune, c.CaseId, await desk.UnitIdAsync("CATP-TRAVINH"));
        var district = await desk.SignInAsync("canbo.tptravinh");
        await TransferAsync(district, c.CaseId, await desk.UnitIdAsync("CAP7-TPTRAVINH"));

        Assert.Equal((HttpStatusCode.OK, true, true), await ReadAsync(commune, c.CaseId));
        Assert.Equal((HttpStatusCode.OK, true, true), await ReadAsync(district, c.CaseId));
        var progress = await commune.GetStringAsync($"/Cases/{c.CaseId}", Ct);
        Assert.Contains("chuyển từ Công an Phường 1, TP Trà Vinh sang <strong>Công an TP Trà Vinh</strong>", progress, StringComparison.Ordinal);
        Assert.Contains("chuyển từ Công an TP Trà Vinh sang <strong>Công an Phường 7, TP Trà Vinh</strong>", progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_levels_the_overseen_view_of_the_inbox_lists_the_case_handed_on_marked_read_only()
    {
        var desk = ThreeLevels();
        var kept = await desk.RecordAsync(desk.Text("m1", "Có trộm", user: "8000000000000000021"));
        var sent = await desk.RecordAsync(desk.Text("m2", "Có cướp", user: "8000000000000000022"));
        var district = await desk.SignInAsync("canbo.tptravinh");
        await TransferAsync(district, sent.CaseId, await desk.UnitIdAsync("CAP1-TPTRAVINH"));

        var overseen = await district.GetStringAsync("/?scope=Overseen", Ct);
        var handled = await district.GetStringAsync("/?scope=Handled", Ct);

        Assert.Contains(sent.CaseNumber, overseen, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tag readonly\">Theo dõi</span>", overseen, StringComparison.Ordinal);
        Assert.DoesNotContain(kept.CaseNumber, overseen, StringComparison.Ordinal);
        Assert.Contains(kept.CaseNumber, handled, StringComparison.Ordinal);
        Assert.DoesNotContain(sent.CaseNumber, handled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_levels_a_commune_that_hands_a_case_to_another_commune_keeps_reading_it_and_the_province_handles_it()
    {
        var desk = TwoLevels();
        var c = await desk.RecordAsync(desk.Text("m1", "Có trộm ở xã bên cạnh"));
        var sender = await desk.SignInAsync("canbo.xa001");
        await TransferAsync(sender, c.CaseId, await desk.UnitIdAsync("CAX-MAU003"));
        var province = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var neighbour = await desk.SignInAsync("canbo.xa002");

        Assert.Equal((HttpStatusCode.OK, true, true), await ReadAsync(sender, c.CaseId));
        Assert.Equal((HttpStatusCode.OK, false, false), await ReadAsync(province, c.CaseId));
        Assert.Equal((HttpStatusCode.NotFound, false, null), await ReadAsync(neighbour, c.CaseId));
        Assert.Equal(HttpStatusCode.Forbidden, await NoteAsync(sender, c.CaseId, c.CaseId));
        Assert.Equal(HttpStatusCode.Redirect, await NoteAsync(province, c.CaseId, c.CaseId));
    }

    [Fact]
    public async Task Two_levels_a_case_the_province_sends_down_stays_readable_by_the_province_and_not_by_other_communes()
    {
        var desk = TwoLevels();
        var c = await desk.RecordAsync(desk.Text("m1", "Có trộm", oaId: DeskFactory.OaProvince));
        var province = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        await TransferAsync(province, c.CaseId, await desk.UnitIdAsync("CAX-MAU002"));
        var receiver = await desk.SignInAsync("canbo.xa002");
        var other = await desk.SignInAsync("canbo.xa001");

        Assert.Equal((HttpStatusCode.OK, false, false), await ReadAsync(receiver, c.CaseId));
        Assert.Equal((HttpStatusCode.OK, false, false), await ReadAsync(province, c.CaseId));
        Assert.Equal((HttpStatusCode.NotFound, false, null), await ReadAsync(other, c.CaseId));
    }
}
