using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The workflow and the desk's comfort in Debian's Chromium: a transfer confirmed in the page and
/// the sender still reading the case; the inbox, a case and the statistics page on a 390 px phone
/// without sideways scrolling, with a collapsing menu, labelled controls and a visible focus ring.
/// The README's screenshot of a case comes from here.
/// </summary>
public sealed class WorkflowBrowserTests : IAsyncDisposable
{
    private readonly DeskState _state = new();
    private EmulatorDeskFactory? _desk;

    public async ValueTask DisposeAsync()
    {
        if (_desk is not null)
        {
            await _desk.DisposeAsync();
        }

        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Domain.CitizenCase> ReportAsync(string citizen, string text)
    {
        Assert.Equal(HttpStatusCode.OK, await _desk!.DeliverAsync(_desk.Emulator.Events.UserSendText(EmulatorDeskFactory.OaTpTraVinh, citizen, text)));
        return await _desk.DbAsync(db => db.Cases.SingleAsync(c => c.CitizenUserId == citizen, Ct));
    }

    [Fact]
    public async Task A_transfer_down_is_confirmed_lands_on_the_inbox_and_leaves_the_case_readable_by_the_sender()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        var c = await ReportAsync("2468000000000000301", "Có vụ trộm xe máy ở chợ Phường 1.\nKẻ gian đi xe Wave màu đỏ.");
        var p1 = await _desk.UnitIdAsync("CAP1-TPTRAVINH");

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl, 1200, 900);
        var page = browser.Page;
        await browser.SignInAsync("canbo.tptravinh");
        await page.GotoAsync($"/Cases/{c.Id}");
        // Line breaks of the citizen's message are kept on the page.
        Assert.Equal(2, (await page.Locator(".msg.Inbound .text").First.InnerTextAsync()).Split('\n').Length);
        await Assertions.Expect(page.Locator("#status option:checked")).ToHaveTextAsync("Mới (hiện tại)");
        await DeskBrowser.SaveReadmeScreenshotAsync(page, "case.png");

        await page.SelectOptionAsync("#unitId", p1.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#transfer-reason", "Địa bàn Phường 1");
        await page.ClickAsync("#transfer");
        await Assertions.Expect(page.Locator(".panel.confirm")).ToContainTextAsync("sang Công an Phường 1, TP Trà Vinh?");
        Assert.Equal(Domain.CaseStatus.New, (await _desk.DbAsync(db => db.Cases.SingleAsync(x => x.Id == c.Id, Ct))).Status);
        await Assertions.Expect(page.Locator("#confirm-transfer")).ToBeFocusedAsync();
        await page.ClickAsync("#confirm-transfer");

        await page.WaitForURLAsync(baseUrl.AbsoluteUri);
        await Assertions.Expect(page.Locator(".flash.ok")).ToContainTextAsync($"Đã chuyển hồ sơ {c.Number} sang Công an Phường 1, TP Trà Vinh.");
        await page.ClickAsync(".flash.ok a");
        await Assertions.Expect(page.Locator(".flash.readonly")).ToContainTextAsync("Hồ sơ đang do Công an Phường 1, TP Trà Vinh thụ lý.");
        await Assertions.Expect(page.Locator("ol.progress")).ToContainTextAsync("chuyển từ Công an TP Trà Vinh sang Công an Phường 1, TP Trà Vinh: Địa bàn Phường 1");
        await Assertions.Expect(page.Locator(".conversation")).ToContainTextAsync("Kẻ gian đi xe Wave màu đỏ.");
        // Read-only: no reply, note or workflow forms.
        await Assertions.Expect(page.Locator("form[method=post]:not(.logout)")).ToHaveCountAsync(0);
        Assert.Equal(Domain.CaseStatus.Transferred, (await _desk.DbAsync(db => db.Cases.SingleAsync(x => x.Id == c.Id, Ct))).Status);
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task At_390_px_no_desk_page_scrolls_sideways_the_menu_collapses_and_every_control_is_labelled()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        var c = await ReportAsync("2468000000000000302", "Nhóm thanh niên tụ tập gây rối trật tự công cộng trước cổng trường THPT Trà Vinh vào mỗi tối thứ bảy, rất đông và ồn ào.\nXin công an xử lý.");
        await ReportAsync("2468000000000000303", "Tai nạn giao thông ở ngã tư chợ");

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl, 390, 844, phone: true);
        var page = browser.Page;
        await browser.SignInAsync(Data.TraVinhSeed.AdminUserName);

        string[] pages =
        [
            "/", $"/Cases/{c.Id}", "/Stats?from=2026-03-01&to=2026-03-31", "/Deadlines", "/Units", "/News", "/Procedures", "/Hotlines",
            "/Follow", "/Staff", "/Privacy", "/Operations", "/Audit",
        ];
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(size[0] <= size[1], $"{path}: the page is {size[0]} px wide in a {size[1]} px window");

            // The navigation collapses behind the menu button, which opens it.
            await Assertions.Expect(page.Locator("#desk-nav")).ToBeHiddenAsync();
            await page.ClickAsync(".menu-toggle");
            await Assertions.Expect(page.Locator("#desk-nav")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".menu-toggle")).ToHaveAttributeAsync("aria-expanded", "true");

            // Every control has a label, and the keyboard's focus is visible.
            var unlabelled = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                    .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                    .map(e => e.outerHTML.slice(0, 80))
                """);
            Assert.True(unlabelled.Length == 0, $"{path}: {string.Join(", ", unlabelled)}");
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
            if (Array.IndexOf(pages, path) < 3)
            {
                await browser.SaveScreenshotAsync($"policedesk-phone-{(path == "/" ? "inbox" : path.Split('/', '?')[1].ToLowerInvariant())}.png");
            }
        }

        Assert.Empty(browser.CspViolations);
    }
}
