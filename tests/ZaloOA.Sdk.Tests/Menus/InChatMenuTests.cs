using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Menus;

/// <summary>
/// A menu inside the chat is an ordinary message: buttons (<c>SendButtonsAsync</c>) or a list whose
/// rows carry a subtitle and an image (<c>SendListAsync</c>). These are the exact bodies the former
/// menu types sent; the persistent-menu call takes the same buttons.
/// </summary>
public class InChatMenuTests
{
    private const string UserId = "2468458835296197922";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<ZaloButton> ThreeButtons() =>
    [
        new("Tin tức", ZaloAction.QueryShow("#tintuc")),
        new("Thủ tục hành chính", ZaloAction.QueryHide("#thutuc")),
        new("Liên hệ", ZaloAction.OpenPhone("113")),
    ];

    private static ZaloTestHost Host()
    {
        var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"message_id":"m-1","user_id":"2468458835296197922"}}"""));
        return host;
    }

    [Fact]
    public async Task Menu_as_buttons_posts_the_exact_cs_buttons_json()
    {
        await using var host = Host();

        var result = await host.Client.Messages.SendButtonsAsync(
            UserId,
            "Chọn dịch vụ",
            [
                new ZaloButton("Tin tức", ZaloAction.QueryShow("#tintuc")),
                new ZaloButton("Cổng dịch vụ công", ZaloAction.OpenUrl("https://dichvucong.gov.vn/thủ tục")),
                new ZaloButton("Nhắn SMS", ZaloAction.OpenSms("84912345678", "Xin chào")),
                new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113")),
            ],
            Ct);

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
    public async Task Menu_as_a_list_posts_rows_with_subtitle_image_and_flat_default_actions()
    {
        await using var host = Host();

        await host.Client.Messages.SendListAsync(
            UserId,
            [
                new ZaloListElement("Tin tức", "Tin mới nhất", "https://cdn.example.vn/tin tức.jpg", ZaloAction.QueryShow("#tintuc")),
                new ZaloListElement("Cổng dịch vụ công", DefaultAction: ZaloAction.OpenUrl("https://dichvucong.gov.vn")),
                new ZaloListElement("Liên hệ", DefaultAction: ZaloAction.OpenPhone("113")),
            ],
            [new ZaloButton("Xem thêm", ZaloAction.QueryHide("#thutuc"))],
            Ct);

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

    [Fact]
    public async Task Buttons_without_text_are_refused()
    {
        await using var host = Host();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendButtonsAsync(UserId, "", ThreeButtons(), Ct));

        Assert.Equal("message.text", ex.ParamName);
        Assert.Empty(host.Server.LogEntries);
    }

    [Fact]
    public async Task A_button_icon_outside_a_template_is_refused_not_dropped()
    {
        await using var host = Host();
        var withIcon = new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113")) { ImageIcon = "https://cdn.example.vn/phone.png" };

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendButtonsAsync(UserId, "Liên hệ", [withIcon], Ct));

        Assert.Equal("message.attachment.payload.buttons[0].image_icon", ex.ParamName);
        Assert.Contains("transaction and promotion", ex.Message, StringComparison.Ordinal);
        Assert.Empty(host.Server.LogEntries);
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

    [Fact]
    public async Task Undocumented_menu_with_six_items_is_refused()
    {
        await using var host = new ZaloTestHost();
        var six = Enumerable.Range(1, 6).Select(i => new ZaloButton("B" + i, ZaloAction.QueryShow("#b" + i))).ToArray();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Menus.SetPersistentMenuAsync(six, new ZaloUndocumentedMenuOptions { Enabled = true }, Ct));

        Assert.Equal("menu", ex.ParamName);
        Assert.Empty(host.Server.LogEntries);
    }
#pragma warning restore ZALO002
}
