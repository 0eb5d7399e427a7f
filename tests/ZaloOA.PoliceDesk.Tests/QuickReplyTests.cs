using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Issue 14, point 5: quick replies per unit and province, offered on the cases of the unit and
/// below, managed by administrators in their scope (template and unit ids from forms are claims),
/// placeholders filled when the reply is sent.
/// </summary>
public sealed class QuickReplyTests : IDisposable
{
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostTemplateAsync(HttpClient client, string handler, Dictionary<string, string> fields, string tokenPage = "/Templates")
    {
        fields["__RequestVerificationToken"] = await DeskFactory.AntiforgeryTokenAsync(client, tokenPage);
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"/Templates?handler={handler}", form, Ct);
    }

    /// <summary>Càng Long's officer made an administrator of Càng Long (its own scope only).</summary>
    private static async Task<HttpClient> CangLongAdministratorAsync(DeskFactory desk)
    {
        await desk.DbAsync(db => db.Staff.Where(s => s.UserName == "canbo.canglong").ExecuteUpdateAsync(s => s.SetProperty(x => x.Role, StaffRole.Administrator), Ct));
        return await desk.SignInAsync("canbo.canglong");
    }

    private static async Task<int> SaveAsync(DeskFactory desk, HttpClient admin, string unitCode, string title, string text)
    {
        var unitId = await desk.UnitIdAsync(unitCode);
        using var response = await PostTemplateAsync(admin, "Save", new() { ["unitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["title"] = title, ["text"] = text });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await desk.DbAsync(db => db.ReplyTemplates.Where(t => t.Title == title).Select(t => t.Id).SingleAsync(Ct));
    }

    [Fact]
    public async Task A_province_template_is_offered_on_every_units_cases_and_a_units_own_only_on_its_cases()
    {
        using var desk = new DeskFactory(_state);
        var province = await desk.SignInAsync("admin.tinh");
        await SaveAsync(desk, province, "CAT-TRAVINH", "Đã tiếp nhận", "Phản ánh {so_phan_anh} đã được tiếp nhận.");
        var cangLong = await CangLongAdministratorAsync(desk);
        await SaveAsync(desk, cangLong, "CAH-CANGLONG", "Mẫu Càng Long", "Công an huyện Càng Long đã nhận.");
        await desk.SendTextAsync("Có trộm");
        var caseId = await desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var officer = await desk.SignInAsync("canbo.tptravinh");

        var page = WebUtility.HtmlDecode(await officer.GetStringAsync($"/Cases/{caseId}", Ct));

        Assert.Contains("data-text=\"Phản ánh {so_phan_anh} đã được tiếp nhận.\">Đã tiếp nhận (Công an tỉnh Trà Vinh)</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mẫu Càng Long", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_cannot_change_or_delete_another_units_template_by_posting_its_id()
    {
        using var desk = new DeskFactory(_state);
        var province = await desk.SignInAsync("admin.tinh");
        var provinceTemplate = await SaveAsync(desk, province, "CAT-TRAVINH", "Đã tiếp nhận", "Phản ánh {so_phan_anh} đã được tiếp nhận.");
        var cangLong = await CangLongAdministratorAsync(desk);
        var id = provinceTemplate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ownUnit = (await desk.UnitIdAsync("CAH-CANGLONG")).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var otherUnit = (await desk.UnitIdAsync("CATP-TRAVINH")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var edit = await PostTemplateAsync(cangLong, "Save", new() { ["templateId"] = id, ["unitId"] = ownUnit, ["title"] = "Chiếm", ["text"] = "Chiếm" });
        using var delete = await PostTemplateAsync(cangLong, "Delete", new() { ["templateId"] = id });
        using var create = await PostTemplateAsync(cangLong, "Save", new() { ["unitId"] = otherUnit, ["title"] = "Lấn", ["text"] = "Lấn" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (edit.StatusCode, delete.StatusCode, create.StatusCode));
        var templates = await desk.DbAsync(db => db.ReplyTemplates.Select(t => t.Title).ToListAsync(Ct));
        Assert.Equal(["Đã tiếp nhận"], templates);
        Assert.DoesNotContain("Đã tiếp nhận", await cangLong.GetStringAsync("/Templates", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_cannot_manage_templates()
    {
        using var desk = new DeskFactory(_state);
        var officer = await desk.SignInAsync("canbo.tptravinh");
        var unit = (await desk.UnitIdAsync("CATP-TRAVINH")).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var page = await officer.GetAsync("/Templates", Ct);
        using var save = await PostTemplateAsync(officer, "Save", new() { ["unitId"] = unit, ["title"] = "X", ["text"] = "X" }, tokenPage: "/");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, save.StatusCode));
        Assert.False(await desk.DbAsync(db => db.ReplyTemplates.AnyAsync(Ct)));
    }

    [Fact]
    public async Task Placeholders_are_filled_for_the_case_when_the_reply_is_sent()
    {
        using var desk = new DeskFactory(_state);
        await desk.SendTextAsync("Có trộm");
        await desk.SendQueuedAsync();
        var caseId = await desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var number = await desk.DbAsync(db => db.Cases.Select(c => c.Number).SingleAsync(Ct));
        var officer = await desk.SignInAsync("canbo.tptravinh");
        var token = await DeskFactory.AntiforgeryTokenAsync(officer, $"/Cases/{caseId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Phản ánh {so_phan_anh} đã được {don_vi} tiếp nhận."), "text" },
            { new StringContent(token), "__RequestVerificationToken" },
        };

        using var response = await officer.PostAsync($"/Cases/{caseId}?handler=Reply", form, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        WireMockExtensions.AssertJsonEqual(
            $$$"""{"recipient":{"user_id":"{{{DeskFactory.Citizen}}}"},"message":{"text":"Phản ánh {{{number}}} đã được Công an TP Trà Vinh tiếp nhận."}}""",
            (await desk.SentToAsync()).Last());
    }

    [Fact]
    public void Fill_replaces_every_placeholder_and_leaves_other_braces()
    {
        var @case = new CitizenCase { Number = "TV-2026-000042", Unit = new Unit { Name = "Công an Phường 1" } };

        Assert.Equal("TV-2026-000042 / Công an Phường 1 / TV-2026-000042 {khac}", ReplyTemplates.Fill("{so_phan_anh} / {don_vi} / {SO_PHAN_ANH} {khac}", @case));
    }
}
