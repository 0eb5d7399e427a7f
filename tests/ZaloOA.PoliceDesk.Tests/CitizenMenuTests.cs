using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.News;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Each flow of the citizen menu, through signed webhooks to <c>/zalo/webhook</c> against the emulator, with the exact reply JSON.</summary>
public sealed class CitizenMenuTests : IDisposable
{
    private const string User = DeskFactory.Citizen;
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public CitizenMenuTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private const string MainMenuButtons =
        """[{"title":"Tin tức","type":"oa.query.hide","payload":"#tintuc"},{"title":"Thủ tục hành chính","type":"oa.query.hide","payload":"#thutuc"},{"title":"Liên hệ","type":"oa.query.hide","payload":"#lienhe"}]""";

    private static string MainMenu(string unit) => Json(
        """{"recipient":{"user_id":"@USER"},"message":{"text":"@UNIT xin chào! Mời bạn chọn mục cần xem. Để phản ánh, tố giác hay hỏi đáp, bạn cứ nhắn tin mô tả sự việc, cán bộ sẽ trả lời.","attachment":{"type":"template","payload":{"buttons":@BUTTONS}}}}""").Replace("@UNIT", unit).Replace("@BUTTONS", MainMenuButtons);

    [Theory]
    [InlineData("Xin chào")]
    [InlineData("xin chao")]
    [InlineData("MENU")]
    [InlineData("hi")]
    [InlineData("Xin chào!")]
    [InlineData("Chào anh... 😊")]
    public async Task Greeting_answers_with_the_three_button_menu(string greeting)
    {
        await _desk.SendTextAsync(greeting);

        WireMockExtensions.AssertJsonEqual(MainMenu("Công an TP Trà Vinh"), Assert.Single((await _desk.SentToAsync())));
        Assert.Equal(0, await _desk.DbAsync(db => db.Cases.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Following_the_OA_sends_the_menu()
    {
        await _desk.FollowAsync(DeskFactory.OaPhuong1);

        WireMockExtensions.AssertJsonEqual(MainMenu("Công an Phường 1, TP Trà Vinh"), Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task A_report_starting_with_a_greeting_reaches_the_inbox_not_the_menu()
    {
        await _desk.SendTextAsync("Chào anh, nhà tôi bị trộm xe máy tối qua");

        var c = await _desk.DbAsync(db => db.Cases.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(CaseCategory.CrimeAndViolations, c.Category);
        // The only answer is the case's acknowledgement.
        Assert.Contains($"Mã phản ánh: {c.Number}", Assert.Single(await _desk.TextsSentToAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_procedure_question_lands_in_the_inbox_under_administrative_procedures()
    {
        await _desk.SendTextAsync("Cho tôi hỏi thủ tục đăng ký tạm trú cho con đi học cần giấy tờ gì?");

        var c = await _desk.DbAsync(db => db.Cases.SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(CaseCategory.AdministrativeProcedures, c.Category);
        Assert.Contains($"Mã phản ánh: {c.Number}", Assert.Single(await _desk.TextsSentToAsync()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tin tức", "#tintuc")]
    [InlineData("tin tuc", "#tintuc")]
    [InlineData("TIN TỨC", "#tintuc")]
    [InlineData("Thủ tục hành chính", "#thutuc")]
    [InlineData("thu tuc hanh chinh", "#thutuc")]
    [InlineData("Liên hệ", "#lienhe")]
    [InlineData("LIEN HE", "#lienhe")]
    [InlineData("Liên hệ!", "#lienhe")]
    public async Task A_menu_title_typed_as_text_answers_like_its_button(string typed, string query)
    {
        await _desk.SendTextAsync(query);
        var asButton = Assert.Single(await _desk.SentToAsync());

        await _desk.SendTextAsync(typed);

        var sent = await _desk.SentToAsync();
        Assert.Equal(2, sent.Count);
        WireMockExtensions.AssertJsonEqual(asButton, sent[1]);
        Assert.Equal(0, await _desk.DbAsync(db => db.Cases.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task A_menu_title_inside_a_longer_text_is_a_report()
    {
        await _desk.SendTextAsync("Liên hệ giúp tôi, xe tôi bị mất");

        Assert.Equal(1, await _desk.DbAsync(db => db.Cases.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task News_without_published_articles_says_so_and_offers_the_other_items()
    {
        await _desk.SendTextAsync("#tintuc");

        WireMockExtensions.AssertJsonEqual(Json(
            """{"recipient":{"user_id":"@USER"},"message":{"text":"Công an TP Trà Vinh chưa có tin mới. Mời bạn xem các mục khác.","attachment":{"type":"template","payload":{"buttons":[{"title":"Thủ tục hành chính","type":"oa.query.hide","payload":"#thutuc"},{"title":"Liên hệ","type":"oa.query.hide","payload":"#lienhe"}]}}}}"""),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task News_lists_the_units_latest_visible_articles_with_links()
    {
        var unitId = await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id).SingleAsync());
        var now = _state.Time.GetUtcNow();
        await _desk.DbAsync(async db =>
        {
            db.NewsArticles.AddRange(
                Article(unitId, "Cảnh giác lừa đảo qua mạng", "Thủ đoạn giả danh công an gọi điện", "https://zalo.me/a/1", now.AddDays(-2), visible: true),
                Article(unitId, "Ra quân tổng kiểm soát xe", "Từ ngày 15/3 đến 15/4", "https://zalo.me/a/2", now.AddDays(-1), visible: true),
                Article(unitId, "Bài đã ẩn", "Không hiện", "https://zalo.me/a/3", now, visible: false));
            return await db.SaveChangesAsync();
        });

        await _desk.SendTextAsync("#TinTuc");

        WireMockExtensions.AssertJsonEqual(Json(
            """
            {"recipient":{"user_id":"@USER"},"message":{"attachment":{"type":"template","payload":{"template_type":"list","elements":[
              {"title":"Ra quân tổng kiểm soát xe","subtitle":"Từ ngày 15/3 đến 15/4","image_url":"https://tiepnhan.example.vn/cover.jpg","default_action":{"type":"oa.open.url","url":"https://zalo.me/a/2"}},
              {"title":"Cảnh giác lừa đảo qua mạng","subtitle":"Thủ đoạn giả danh công an gọi điện","image_url":"https://tiepnhan.example.vn/cover.jpg","default_action":{"type":"oa.open.url","url":"https://zalo.me/a/1"}}]}}}}
            """),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task News_falls_back_to_link_buttons_when_Zalo_refuses_the_list_template()
    {
        var unitId = await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id).SingleAsync());
        await _desk.DbAsync(async db =>
        {
            db.NewsArticles.Add(Article(unitId, "Cảnh giác lừa đảo qua mạng", "Thủ đoạn giả danh công an", "https://zalo.me/a/1", _state.Time.GetUtcNow(), visible: true));
            return await db.SaveChangesAsync();
        });
        _desk.Zalo.EnqueueError("/v3.0/oa/message/cs", -201, "template_type is invalid!");

        await _desk.SendTextAsync("#tintuc");

        WireMockExtensions.AssertJsonEqual(Json(
            """{"recipient":{"user_id":"@USER"},"message":{"text":"Tin mới của Công an TP Trà Vinh:","attachment":{"type":"template","payload":{"buttons":[{"title":"Cảnh giác lừa đảo qua mạng","type":"oa.open.url","payload":{"url":"https://zalo.me/a/1"}}]}}}}"""),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task Procedures_answers_with_the_categories_as_hidden_query_buttons()
    {
        await _desk.SendTextAsync("#thutuc");

        WireMockExtensions.AssertJsonEqual(Json(
            """
            {"recipient":{"user_id":"@USER"},"message":{"text":"Thủ tục hành chính: mời bạn chọn lĩnh vực. Tra cứu hồ sơ thủ tục: nhắn #hoso và mã hồ sơ trên giấy biên nhận (ví dụ #hoso CATV-2026-000123).","attachment":{"type":"template","payload":{"buttons":[
              {"title":"Dịch vụ công trực tuyến","type":"oa.query.hide","payload":"#thutuc dvctt"},
              {"title":"Xuất nhập cảnh (hộ chiếu)","type":"oa.query.hide","payload":"#thutuc xnc"},
              {"title":"Đăng ký và quản lý xe","type":"oa.query.hide","payload":"#thutuc xe"},
              {"title":"Cư trú","type":"oa.query.hide","payload":"#thutuc cutru"},
              {"title":"Căn cước","type":"oa.query.hide","payload":"#thutuc cancuoc"}]}}}}
            """),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task A_category_answers_with_its_procedures()
    {
        await _desk.SendTextAsync("#thutuc cutru");

        WireMockExtensions.AssertJsonEqual(Json(
            """
            {"recipient":{"user_id":"@USER"},"message":{"text":"Cư trú: chọn thủ tục để xem hướng dẫn.","attachment":{"type":"template","payload":{"buttons":[
              {"title":"Đăng ký thường trú","type":"oa.query.hide","payload":"#thutuc cutru dang-ky-thuong-tru"},
              {"title":"Đăng ký tạm trú","type":"oa.query.hide","payload":"#thutuc cutru dang-ky-tam-tru"},
              {"title":"Khai báo tạm vắng","type":"oa.query.hide","payload":"#thutuc cutru khai-bao-tam-vang"}]}}}}
            """),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task A_procedure_answers_with_its_guide_and_the_portal_link()
    {
        await _desk.SendTextAsync("#thutuc cutru dang-ky-tam-tru");

        const string guide = "Đăng ký tạm trú\\n" +
            "Cơ quan thực hiện: Công an cấp xã nơi dự kiến tạm trú\\n" +
            "Các bước:\\n" +
            "1. Nộp tờ khai thay đổi thông tin cư trú (mẫu CT01) trực tuyến hoặc tại Công an cấp xã.\\n" +
            "2. Cơ quan đăng ký cư trú kiểm tra và cập nhật thông tin tạm trú.\\n" +
            "3. Nhận thông báo kết quả.\\n" +
            "Hồ sơ gồm:\\n" +
            "- Tờ khai thay đổi thông tin cư trú (mẫu CT01), có ý kiến đồng ý của chủ hộ hoặc chủ sở hữu chỗ ở.\\n" +
            "- Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp.\\n" +
            "Lệ phí: 15.000 đồng; 7.000 đồng khi nộp trực tuyến (Thông tư 75/2022/TT-BTC).\\n" +
            "Thời gian giải quyết: Không quá 3 ngày làm việc kể từ ngày nhận đủ hồ sơ.\\n" +
            "Nộp trực tuyến: https://dichvucong.bocongan.gov.vn";
        WireMockExtensions.AssertJsonEqual(Json(
            """
            {"recipient":{"user_id":"@USER"},"message":{"text":"@GUIDE","attachment":{"type":"template","payload":{"buttons":[
              {"title":"Nộp hồ sơ trực tuyến","type":"oa.open.url","payload":{"url":"https://dichvucong.bocongan.gov.vn"}},
              {"title":"Thủ tục khác","type":"oa.query.hide","payload":"#thutuc cutru"},
              {"title":"Liên hệ","type":"oa.query.hide","payload":"#lienhe"}]}}}}
            """).Replace("@GUIDE", guide),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task Contact_answers_with_the_hotlines_of_the_unit_and_the_units_above_as_call_buttons()
    {
        await _desk.SendTextAsync("#lienhe", DeskFactory.OaPhuong1);

        WireMockExtensions.AssertJsonEqual(Json(
            """
            {"recipient":{"user_id":"@USER"},"message":{"text":"Đường dây nóng:\nCông an Phường 1, TP Trà Vinh: 0294 3862 601, 113\nCông an TP Trà Vinh: 0294 3852 207, 113\nCông an tỉnh Trà Vinh: 0294 3862 113, 113 (Số 1 Lê Thánh Tôn, Phường 2, TP Trà Vinh)\nKhẩn cấp, gọi ngay 113.","attachment":{"type":"template","payload":{"buttons":[
              {"title":"Gọi 0294 3862 601 – Công an Phường 1, TP Trà Vinh","type":"oa.open.phone","payload":{"phone_code":"842943862601"}},
              {"title":"Gọi 113 – Công an Phường 1, TP Trà Vinh","type":"oa.open.phone","payload":{"phone_code":"113"}},
              {"title":"Gọi 0294 3852 207 – Công an TP Trà Vinh","type":"oa.open.phone","payload":{"phone_code":"842943852207"}},
              {"title":"Gọi 0294 3862 113 – Công an tỉnh Trà Vinh","type":"oa.open.phone","payload":{"phone_code":"842943862113"}}]}}}}
            """),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task Contact_sends_at_most_five_call_buttons_and_every_number_in_the_text()
    {
        await _desk.DbAsync(async db =>
        {
            var unit = await db.Units.SingleAsync(u => u.Code == "CAP1-TPTRAVINH");
            unit.Hotlines = "0294 3862 601; 0294 3862 602; 0294 3862 603; 0294 3862 604";
            return await db.SaveChangesAsync();
        });

        await _desk.SendTextAsync("#lienhe", DeskFactory.OaPhuong1);

        using var sent = System.Text.Json.JsonDocument.Parse(Assert.Single((await _desk.SentToAsync())));
        var message = sent.RootElement.GetProperty("message");
        var phones = message.GetProperty("attachment").GetProperty("payload").GetProperty("buttons").EnumerateArray()
            .Select(b => b.GetProperty("payload").GetProperty("phone_code").GetString()).ToList();
        Assert.Equal(["842943862601", "842943862602", "842943862603", "842943862604", "842943852207"], phones);
        Assert.Contains("0294 3862 113", message.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dossier_lookup_answers_the_status_of_a_known_code()
    {
        await _desk.SendTextAsync("#hoso catv-2026-000123");

        WireMockExtensions.AssertJsonEqual(Json(
            """{"recipient":{"user_id":"@USER"},"message":{"text":"Hồ sơ thủ tục CATV-2026-000123\nThủ tục: Đăng ký thường trú\nNơi tiếp nhận: Công an Phường 1, TP Trà Vinh\nNgày tiếp nhận: 08/03/2026\nNgày hẹn trả kết quả: 15/03/2026\nTình trạng: Đang xử lý\nCán bộ đang xác minh chỗ ở hợp pháp."}}"""),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task Dossier_lookup_explains_an_unknown_code()
    {
        await _desk.SendTextAsync("#hoso ABC-999");

        WireMockExtensions.AssertJsonEqual(Json(
            """{"recipient":{"user_id":"@USER"},"message":{"text":"Không tìm thấy mã ABC-999. Bạn kiểm tra lại mã phản ánh hệ thống đã gửi, hoặc mã hồ sơ thủ tục trên giấy biên nhận (tra cứu thêm tại https://dichvucong.bocongan.gov.vn). Cần hỗ trợ, bạn nhắn câu hỏi để cán bộ trả lời."}}"""),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task Dossier_lookup_without_a_code_explains_the_syntax()
    {
        await _desk.SendTextAsync("#hoso");

        WireMockExtensions.AssertJsonEqual(Json(
            """{"recipient":{"user_id":"@USER"},"message":{"text":"Để tra cứu, bạn nhắn #hoso và mã:\n- mã phản ánh hệ thống gửi khi tiếp nhận, ví dụ: #hoso TV-2026-000123\n- mã hồ sơ thủ tục ghi trên giấy biên nhận, ví dụ: #hoso CATV-2026-000123"}}"""),
            Assert.Single((await _desk.SentToAsync())));
    }

    [Fact]
    public async Task Status_lookup_with_a_case_number_answers_the_citizen_who_filed_it()
    {
        await _desk.SendTextAsync("Có nhóm thanh niên tụ tập gây mất trật tự");
        var number = await _desk.DbAsync(db => db.Cases.Select(c => c.Number).SingleAsync(TestContext.Current.CancellationToken));
        await _desk.SentToAsync(); // the acknowledgement

        await _desk.SendTextAsync($"#hoso {number.ToLowerInvariant()}");

        var sent = await _desk.SentToAsync();
        Assert.Equal(2, sent.Count);
        WireMockExtensions.AssertJsonEqual(
            Json("""{"recipient":{"user_id":"@USER"},"message":{"text":"Phản ánh @NUMBER\nNgày tiếp nhận: 10/03/2026\nĐơn vị xử lý: Công an TP Trà Vinh\nTình trạng: Mới"}}""").Replace("@NUMBER", number, StringComparison.Ordinal),
            sent[1]);
    }

    [Fact]
    public async Task Status_lookup_with_someone_elses_case_number_answers_not_found()
    {
        await _desk.SendTextAsync("Có nhóm thanh niên tụ tập gây mất trật tự");
        var number = await _desk.DbAsync(db => db.Cases.Select(c => c.Number).SingleAsync(TestContext.Current.CancellationToken));
        const string other = "8000000000000000888";

        await _desk.SendTextAsync($"#hoso {number}", user: other);

        Assert.Contains($"Không tìm thấy mã {number}.", Assert.Single(await _desk.TextsSentToAsync(other)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_lookup_with_the_citizens_case_number_on_another_OA_answers_not_found()
    {
        await _desk.SendTextAsync("Có nhóm thanh niên tụ tập gây mất trật tự");
        var number = await _desk.DbAsync(db => db.Cases.Select(c => c.Number).SingleAsync(TestContext.Current.CancellationToken));
        await _desk.SentToAsync();

        // The same user id on another OA is, as far as Zalo's signature tells, another person.
        await _desk.SendTextAsync($"#hoso {number}", DeskFactory.OaCangLong);

        var sent = await _desk.TextsSentToAsync();
        Assert.Equal(2, sent.Count);
        Assert.Contains($"Không tìm thấy mã {number}.", sent[1], StringComparison.Ordinal);
    }

    private static string Json(string template) => template.Replace("@USER", User, StringComparison.Ordinal);

    private static NewsArticle Article(int unitId, string title, string description, string link, DateTimeOffset publishedAt, bool visible) => new()
    {
        UnitId = unitId,
        Title = title,
        Author = "Công an TP Trà Vinh",
        Description = description,
        CoverUrl = "https://tiepnhan.example.vn/cover.jpg",
        Status = NewsStatus.Published,
        IsVisible = visible,
        ZaloArticleId = "a" + link[^1],
        ZaloLink = link,
        CreatedAt = publishedAt,
        UpdatedAt = publishedAt,
        PublishedAt = publishedAt,
    };
}
