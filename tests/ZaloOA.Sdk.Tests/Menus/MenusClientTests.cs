using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Menus;

public class MenusClientTests
{
    private const string UserId = "2468458835296197922";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static ZaloMenu ThreeButtons() => new()
    {
        Text = "Chọn dịch vụ",
        Items =
        [
            new ZaloMenuItem("Tin tức", ZaloAction.QueryShow("#tintuc")) { Subtitle = "Tin mới nhất", ImageUrl = "https://cdn.example.vn/tin tức.jpg" },
            new ZaloMenuItem("Thủ tục hành chính", ZaloAction.QueryHide("#thutuc")),
            new ZaloMenuItem("Liên hệ", ZaloAction.OpenPhone("113")),
        ],
    };

    private static ZaloTestHost Host()
    {
        var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"message_id":"m-1","user_id":"2468458835296197922"}}"""));
        return host;
    }

    [Fact]
    public async Task Send_buttons_posts_the_exact_cs_buttons_json()
    {
        await using var host = Host();
        var menu = new ZaloMenu
        {
            Text = "Chọn dịch vụ",
            Items =
            [
                new ZaloButton("Tin tức", ZaloAction.QueryShow("#tintuc")),
                new ZaloButton("Cổng dịch vụ công", ZaloAction.OpenUrl("https://dichvucong.gov.vn/thủ tục")),
                new ZaloButton("Nhắn SMS", ZaloAction.OpenSms("84912345678", "Xin chào")),
                new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113")),
            ],
        };

        var result = await host.Client.Menus.SendButtonsAsync(UserId, menu, Ct);

        Assert.Equal("m-1", result.MessageId);
        var request = host.Server.SingleRequestTo("/v3.0/oa/message/cs");
        Assert.Equal(ZaloTestHost.AccessToken, request.Headers!["access_token"][0]);
        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Chọn dịch vụ","attachment":{"type":"template","payload":{"buttons":[
              {"title":"Tin tức","type":"oa.query.show","payload":"#tintuc"},
              {"title":"Cổng dịch vụ công","type":"oa.open.url","payload":{"url":"https://dichvucong.gov.vn/th%E1%BB%A7%20t%E1%BB%A5c"}},
              {"title":"Nhắn SMS","type":"oa.open.sms","payload":{"content":"Xin chào","phone_code":"84912345678"}},
              {"title":"Gọi 113","type":"oa.open.phone","payload":{"phone_code":"113"}}]}}}}
            """,
            request.Body);
    }

    [Fact]
    public async Task Send_list_posts_list_template_with_flat_default_actions_and_buttons()
    {
        await using var host = Host();
        var menu = new ZaloMenu
        {
            Items =
            [
                new ZaloMenuItem("Tin tức", ZaloAction.QueryShow("#tintuc")) { Subtitle = "Tin mới nhất", ImageUrl = "https://cdn.example.vn/tin tức.jpg" },
                new ZaloMenuItem("Cổng dịch vụ công", ZaloAction.OpenUrl("https://dichvucong.gov.vn")),
                new ZaloMenuItem("Liên hệ", ZaloAction.OpenPhone("113")),
            ],
            ListButtons = [new ZaloButton("Xem thêm", ZaloAction.QueryHide("#thutuc"))],
        };

        await host.Client.Menus.SendListAsync(UserId, menu, Ct);

        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{"template_type":"list","elements":[
              {"title":"Tin tức","subtitle":"Tin mới nhất","image_url":"https://cdn.example.vn/tin%20t%E1%BB%A9c.jpg","default_action":{"type":"oa.query.show","payload":"#tintuc"}},
              {"title":"Cổng dịch vụ công","default_action":{"type":"oa.open.url","url":"https://dichvucong.gov.vn"}},
              {"title":"Liên hệ","default_action":{"type":"oa.open.phone","payload":{"phone_code":"113"}}}],
              "buttons":[{"title":"Xem thêm","type":"oa.query.hide","payload":"#thutuc"}]}}}}
            """,
            host.Server.SingleRequestTo("/v3.0/oa/message/cs").Body);
    }

    private static async Task<ZaloValidationException> RefusedAsync(Func<MenusClient, Task> send)
    {
        await using var host = Host();
        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => send(host.Client.Menus));
        Assert.Empty(host.Server.LogEntries);
        return ex;
    }

    [Fact]
    public async Task Six_buttons_are_refused()
    {
        var items = Enumerable.Range(1, 6).Select(i => new ZaloMenuItem("B" + i, ZaloAction.QueryShow("#b" + i))).ToArray();
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, new ZaloMenu { Text = "t", Items = items }, Ct));
        Assert.Equal("menu.Items", ex.ParamName);
    }

    [Fact]
    public async Task Empty_menu_is_refused()
    {
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, new ZaloMenu { Text = "t", Items = [] }, Ct));
        Assert.Equal("menu.Items", ex.ParamName);
    }

    [Fact]
    public async Task Title_over_100_characters_is_refused()
    {
        var menu = new ZaloMenu { Text = "t", Items = [new ZaloMenuItem(new string('a', 101), ZaloAction.QueryShow("#a"))] };
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, menu, Ct));
        Assert.Equal("menu.Items[0].Title", ex.ParamName);
    }

    [Fact]
    public async Task Buttons_message_without_text_is_refused()
    {
        var menu = ThreeButtons();
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, new ZaloMenu { Items = menu.Items }, Ct));
        Assert.Equal("menu.Text", ex.ParamName);
    }

    [Fact]
    public async Task Query_over_1000_characters_is_refused()
    {
        var menu = new ZaloMenu { Text = "t", Items = [new ZaloMenuItem("a", ZaloAction.QueryShow(new string('q', 1001)))] };
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, menu, Ct));
        Assert.Equal("menu.Items[0].Action.Query", ex.ParamName);
    }

    [Fact]
    public async Task Sms_over_160_characters_is_refused()
    {
        var menu = new ZaloMenu { Text = "t", Items = [new ZaloMenuItem("a", ZaloAction.OpenSms("84912345678", new string('s', 161)))] };
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, menu, Ct));
        Assert.Equal("menu.Items[0].Action.SmsContent", ex.ParamName);
    }

    [Fact]
    public async Task Phone_that_is_not_digits_is_refused()
    {
        var menu = new ZaloMenu { Text = "t", Items = [new ZaloMenuItem("a", ZaloAction.OpenPhone("call me"))] };
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, menu, Ct));
        Assert.Equal("menu.Items[0].Action.PhoneCode", ex.ParamName);
    }

    [Fact]
    public async Task Url_that_is_not_http_is_refused()
    {
        var menu = new ZaloMenu { Text = "t", Items = [new ZaloMenuItem("a", ZaloAction.OpenUrl("tel:113"))] };
        var ex = await RefusedAsync(m => m.SendButtonsAsync(UserId, menu, Ct));
        Assert.Equal("menu.Items[0].Action.Url", ex.ParamName);
    }

    [Fact]
    public async Task List_whose_first_element_has_no_subtitle_is_refused()
    {
        var menu = new ZaloMenu { Items = [new ZaloMenuItem("a", ZaloAction.QueryShow("#a"))] };
        var ex = await RefusedAsync(m => m.SendListAsync(UserId, menu, Ct));
        Assert.Equal("menu.Items[0].Subtitle", ex.ParamName);
    }

    [Fact]
    public async Task Blank_user_id_is_refused()
    {
        var ex = await RefusedAsync(m => m.SendButtonsAsync("", ThreeButtons(), Ct));
        Assert.Equal("userId", ex.ParamName);
    }

#pragma warning disable ZALO002 // the undocumented menu call is what these tests are about
    [Fact]
    public async Task Undocumented_menu_call_is_refused_unless_enabled()
    {
        await using var host = Host();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.Menus.SetPersistentMenuAsync(ThreeButtons(), new ZaloUndocumentedMenuOptions(), Ct));

        Assert.Contains("undocumented", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Thanh menu", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.LogEntries);
    }

    [Fact]
    public async Task Undocumented_menu_call_when_enabled_posts_to_v2_oa_menu()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/v2.0/oa/menu").UsingPost()).RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success"}"""));

        await host.Client.Menus.SetPersistentMenuAsync(ThreeButtons(), new ZaloUndocumentedMenuOptions { Enabled = true }, Ct);

        WireMockExtensions.AssertJsonEqual(
            """
            {"menu":[{"title":"Tin tức","type":"oa.query.show","payload":"#tintuc"},
                     {"title":"Thủ tục hành chính","type":"oa.query.hide","payload":"#thutuc"},
                     {"title":"Liên hệ","type":"oa.open.phone","payload":{"phone_code":"113"}}]}
            """,
            host.Server.SingleRequestTo("/v2.0/oa/menu").Body);
    }
#pragma warning restore ZALO002
}
