using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The procedure catalogue edited in the desk and answered in the chat.</summary>
public sealed class ProcedureCatalogTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public ProcedureCatalogTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seeded_catalogue_holds_the_police_procedure_categories()
    {
        var client = await _desk.SignInAsync("canbo.phuong1");

        var page = await client.GetStringAsync("/Procedures", Ct);

        foreach (var category in new[] { "Dịch vụ công trực tuyến", "Xuất nhập cảnh (hộ chiếu)", "Đăng ký và quản lý xe", "Cư trú", "Căn cước" })
        {
            Assert.Contains($"<h2>{category} ", page, StringComparison.Ordinal);
        }

        Assert.Contains("https://dichvucong.bocongan.gov.vn", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Thêm thủ tục", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_a_procedure_and_the_chat_offers_it()
    {
        var admin = await _desk.SignInAsync(Data.TraVinhSeed.AdminUserName);
        var categoryId = await _desk.DbAsync(db => db.ProcedureCategories.Where(c => c.Code == "cancuoc").Select(c => c.Id).SingleAsync());
        var token = await DeskFactory.AntiforgeryTokenAsync(admin, "/Procedures/Edit");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CategoryId"] = categoryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Code"] = "tai-khoan-dinh-danh",
            ["Input.Name"] = "Đăng ký tài khoản định danh điện tử mức 2",
            ["Input.Steps"] = "Đến Công an cấp xã\nThu nhận ảnh và vân tay",
            ["Input.Documents"] = "Thẻ căn cước",
            ["Input.Fees"] = "Không mất phí.",
            ["Input.ProcessingTime"] = "Không quá 3 ngày làm việc.",
            ["Input.PortalUrl"] = "https://dichvucong.bocongan.gov.vn",
            ["__RequestVerificationToken"] = token,
        });

        using var response = await admin.PostAsync("/Procedures/Edit", form, Ct);
        await _desk.SendTextAsync("#thutuc cancuoc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"user_id":"@USER"},"message":{"text":"Căn cước: chọn thủ tục để xem hướng dẫn.","attachment":{"type":"template","payload":{"buttons":[
              {"title":"Cấp thẻ căn cước (lần đầu, từ đủ 14 tuổi)","type":"oa.query.hide","payload":"#thutuc cancuoc cap-the-can-cuoc"},
              {"title":"Cấp đổi, cấp lại thẻ căn cước","type":"oa.query.hide","payload":"#thutuc cancuoc cap-doi-cap-lai-can-cuoc"},
              {"title":"Đăng ký tài khoản định danh điện tử mức 2","type":"oa.query.hide","payload":"#thutuc cancuoc tai-khoan-dinh-danh"}]}}}}
            """.Replace("@USER", DeskFactory.Citizen, StringComparison.Ordinal),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task More_than_five_categories_are_sent_as_several_button_messages()
    {
        var admin = await _desk.SignInAsync(Data.TraVinhSeed.AdminUserName);
        var token = await DeskFactory.AntiforgeryTokenAsync(admin, "/Procedures");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "gplx",
            ["name"] = "Giấy phép lái xe",
            ["__RequestVerificationToken"] = token,
        });

        using var response = await admin.PostAsync("/Procedures?handler=Category", form, Ct);
        await _desk.SendTextAsync("#thutuc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sent = (await _desk.SentToAsync());
        Assert.Equal(2, sent.Count);
        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"user_id":"@USER"},"message":{"text":"(tiếp theo)","attachment":{"type":"template","payload":{"buttons":[{"title":"Giấy phép lái xe","type":"oa.query.hide","payload":"#thutuc gplx"}]}}}}"""
                .Replace("@USER", DeskFactory.Citizen, StringComparison.Ordinal),
            sent[1]);
    }

    [Fact]
    public async Task An_officer_cannot_edit_the_catalogue()
    {
        var officer = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await officer.GetAsync("/Procedures/Edit", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_category_answers_with_the_categories_again()
    {
        await _desk.SendTextAsync("#thutuc khongco");

        using var sent = System.Text.Json.JsonDocument.Parse(Assert.Single((await _desk.SentToAsync())));
        Assert.StartsWith("Không tìm thấy lĩnh vực này.\nThủ tục hành chính: mời bạn chọn lĩnh vực.", sent.RootElement.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>Procedure questions typed by citizens are filed as "thủ tục hành chính".</summary>
public sealed class ProcedureQuestionCategoryTests
{
    [Theory]
    [InlineData("Làm hộ chiếu ở đâu, lệ phí bao nhiêu?")]
    [InlineData("Cho hỏi thủ tục xuất nhập cảnh cho người già")]
    [InlineData("Nộp dịch vụ công trực tuyến bị lỗi")]
    [InlineData("Mua xe cũ thì sang tên thế nào?")]
    [InlineData("Cấp đổi căn cước mất bao lâu?")]
    public void Procedure_questions_are_filed_under_administrative_procedures(string question) =>
        Assert.Equal(Domain.CaseCategory.AdministrativeProcedures, Intake.CaseCategorizer.Categorize(question));
}
