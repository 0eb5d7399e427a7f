using Microsoft.Playwright;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Testing.Tests.SimulatorSample;

/// <summary>
/// The chat simulator in Debian's Chromium, acting as a Zalo user of the sample bot, under the
/// app's strict Content-Security-Policy. Screenshots go to the test output's artifacts/.
/// </summary>
public sealed class SimulatorBrowserTests
{
    private static async Task<(ChatBotApp Bot, ChromiumPage Browser, List<string> Console)> OpenAsync(int width, int height, bool phone = false)
    {
        var chromium = RequiredBrowser.Chromium();
        var bot = await ChatBotApp.StartAsync();
        var browser = await ChromiumPage.OpenAsync(chromium, bot.BaseUrl, width, height, phone);
        var console = new List<string>();
        browser.Page.Console += (_, m) => { if (m.Type is "error" or "warning") { console.Add(m.Text); } };
        await browser.Page.GotoAsync("simulator/");
        await browser.Page.FillAsync("#new-name", "Trần Thị Bình");
        await browser.Page.ClickAsync("#add-citizen button[type=submit]");
        await Assertions.Expect(browser.Page.Locator("#oa-sub")).ToHaveTextAsync("Bạn: Trần Thị Bình");
        return (bot, browser, console);
    }

    private static ILocator Messages(IPage page) => page.Locator("#chat > li");

    [Fact]
    public async Task Tapping_a_menu_button_sends_its_query_and_the_news_article_opens_from_the_list()
    {
        var (bot, browser, console) = await OpenAsync(1280, 900);
        await using var _ = bot;
        await using var __ = browser;
        var page = browser.Page;

        await page.FillAsync("#text", "Xin chào\nTôi cần giúp đỡ");
        await page.ClickAsync("#send");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tin tức" }).ClickAsync();
        await Assertions.Expect(page.Locator(".card.list .title")).ToHaveTextAsync("Cảnh báo lừa đảo <qua điện thoại>");

        // True order, line breaks kept, the shown query as the user's own message.
        await Assertions.Expect(Messages(page)).ToHaveCountAsync(4);
        Assert.Equal("Xin chào\nTôi cần giúp đỡ", await Messages(page).Nth(0).Locator(".bubble").InnerTextAsync());
        Assert.Equal(ChatBot.Greeting, await Messages(page).Nth(1).Locator(".bubble").InnerTextAsync());
        Assert.Equal("#tintuc", await Messages(page).Nth(2).Locator(".bubble").InnerTextAsync());
        Assert.Equal(["msg from-user", "msg from-oa", "msg from-user", "msg from-oa"], await Messages(page).EvaluateAllAsync<string[]>("els => els.map(e => e.className)"));
        await Assertions.Expect(Messages(page).Nth(2).Locator(".meta")).ToContainTextAsync("Đã gửi");
        await browser.SaveScreenshotAsync("simulator-menu.png");

        // The list's row opens the emulated article page.
        var article = await page.RunAndWaitForPopupAsync(() => page.Locator(".card.list .list-first").ClickAsync());
        await Assertions.Expect(article.Locator("h1")).ToHaveTextAsync("Cảnh báo lừa đảo <qua điện thoại>");
        await Assertions.Expect(article.Locator("article p").Nth(2)).ToHaveTextAsync("Kẻ gian giả danh công an gọi điện.");
        await ChromiumPage.SaveScreenshotAsync(article, "simulator-article.png");

        // The app heard the echo of its list and the user's phone reading it.
        var listId = (await Messages(page).Nth(3).GetAttributeAsync("data-id"))!;
        Assert.Equal("oa_send_list", (await bot.Inbox.WaitForAsync<OaSendMessageEvent>(e => e.MessageId == listId)).EventName.Value);
        await bot.Inbox.WaitForAsync<UserSeenMessageEvent>(e => e.MessageIds.Contains(listId));
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task In_a_group_the_user_joins_writes_among_named_members_and_the_bot_hears_the_group_message()
    {
        var (bot, browser, console) = await OpenAsync(1280, 900);
        await using var _ = bot;
        await using var __ = browser;
        var page = browser.Page;
        bot.Emulator.AddFollower(ChatBotApp.OaId, "3000000000000000003", "Nguyễn Văn An");
        var groupId = bot.Emulator.AddGroup(ChatBotApp.OaId, "Tổ an ninh khu phố 2", ["3000000000000000003"]);
        await bot.Emulator.Citizen(ChatBotApp.OaId, "3000000000000000003").SendGroupTextAsync(groupId, "Chào cả nhóm", TestContext.Current.CancellationToken);

        await page.SelectOptionAsync("#conversation", groupId);
        await Assertions.Expect(page.Locator("#oa-name")).ToHaveTextAsync("Tổ an ninh khu phố 2");
        await Assertions.Expect(page.Locator("#text")).ToBeDisabledAsync();
        await page.ClickAsync("#follow");
        await Assertions.Expect(page.Locator("#follow")).ToHaveTextAsync("Rời nhóm");
        await page.FillAsync("#text", "Có người lạ trước nhà số 5");
        await page.ClickAsync("#send");

        await Assertions.Expect(Messages(page)).ToHaveCountAsync(2);
        Assert.Equal(["msg from-oa", "msg from-user"], await Messages(page).EvaluateAllAsync<string[]>("els => els.map(e => e.className)"));
        await Assertions.Expect(Messages(page).Nth(0).Locator(".origin")).ToHaveTextAsync("Nguyễn Văn An");
        Assert.Equal("Chào cả nhóm", await Messages(page).Nth(0).Locator(".bubble").InnerTextAsync());
        var text = await bot.Inbox.WaitForAsync<UserSendGroupTextEvent>(e => e.Text == "Có người lạ trước nhà số 5");
        Assert.Equal(groupId, text.GroupId);
        await browser.SaveScreenshotAsync("simulator-group.png");
        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task On_a_phone_the_contact_button_opens_a_call_sheet_and_the_form_answers_with_user_submit_info()
    {
        var (bot, browser, _) = await OpenAsync(390, 844, phone: true);
        await using var _1 = bot;
        await using var _2 = browser;
        var page = browser.Page;
        await page.FillAsync("#text", "Xin chào");
        await page.ClickAsync("#send");

        // oa.query.hide: the bot gets "#lienhe" but the chat does not show it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Liên hệ" }).ClickAsync();
        await Assertions.Expect(Messages(page)).ToHaveCountAsync(3);
        Assert.Equal(ChatBot.Contact, await Messages(page).Nth(2).Locator(".bubble").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Gọi trực ban" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sheet-body a.action")).ToHaveAttributeAsync("href", "tel:842838297000");
        await page.ClickAsync("#sheet-cancel");

        await page.GetByRole(AriaRole.Button, new() { Name = "Hồ sơ" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chia sẻ thông tin" }).ClickAsync();
        await page.FillAsync("#info-phone", "84987654321");
        await browser.SaveScreenshotAsync("simulator-phone-form.png");
        await page.ClickAsync(".info-form button[type=submit]");

        var submitted = await bot.Inbox.WaitForAsync<UserSubmitInfoEvent>();
        Assert.Equal(("Trần Thị Bình", "84987654321"), (submitted.Info!.Name, submitted.Info.Phone));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đã chia sẻ thông tin" })).ToBeDisabledAsync();
        Assert.Equal(390, await page.EvaluateAsync<int>("() => Math.round(document.getElementById('phone').getBoundingClientRect().width)"));
        await browser.SaveScreenshotAsync("simulator-phone.png");
    }

    [Fact]
    public async Task Html_in_messages_is_shown_as_text_and_never_run()
    {
        var (bot, browser, _) = await OpenAsync(1280, 900);
        await using var _1 = bot;
        await using var _2 = browser;
        var page = browser.Page;
        const string Hostile = "<img src=x onerror=\"document.title='pwned'\"><b>đậm</b>";

        await page.FillAsync("#text", Hostile);
        await page.ClickAsync("#send");
        // The bot's greeting first, so the OA Manager's message is the last one.
        await Assertions.Expect(Messages(page)).ToHaveCountAsync(2);
        var userId = bot.Emulator.GetFollowers(ChatBotApp.OaId).Single().UserId;
        await bot.Emulator.SendFromOaManagerAsync(ChatBotApp.OaId, userId, Hostile, cancellationToken: TestContext.Current.CancellationToken);

        await Assertions.Expect(page.Locator(".origin")).ToHaveTextAsync("Gửi từ Zalo OA Manager");
        await Assertions.Expect(Messages(page)).ToHaveCountAsync(3);
        Assert.Equal(Hostile, await Messages(page).Nth(0).Locator(".bubble").InnerTextAsync());
        Assert.Equal(Hostile, await Messages(page).Last.Locator(".bubble").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#chat img[src='x'], #chat b").CountAsync());
        Assert.NotEqual("pwned", await page.TitleAsync());
    }
}
