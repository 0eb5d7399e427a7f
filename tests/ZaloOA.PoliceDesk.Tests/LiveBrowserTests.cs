using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Live updates in Debian's Chromium: the desk in emulator mode on a loopback port, a signed-in
/// officer with a page open, and Zalo's webhooks arriving meanwhile. Each test marks the page's
/// window first and checks the mark is still there at the end: the page was never reloaded.
/// </summary>
public sealed class LiveBrowserTests : IAsyncDisposable
{
    private const string Citizen = EmulatorDeskFactory.Citizen;
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

    [Fact]
    public async Task Report_arriving_while_the_inbox_is_open_appears_without_reload()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        await using var browser = await DeskBrowser.OpenAsync(chromium, _desk.Start());
        await browser.SignInAsync("canbo.tptravinh");
        await OpenLiveAsync(browser.Page);

        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(EmulatorDeskFactory.OaTpTraVinh, Citizen, "Có người đánh nhau trước cổng chợ")));

        var number = await _desk.DbAsync(db => db.Cases.Select(c => c.Number).SingleAsync(Ct));
        await Assertions.Expect(browser.Page.Locator("#inbox")).ToContainTextAsync(number);
        await Assertions.Expect(browser.Page.Locator("#inbox")).ToContainTextAsync("Có người đánh nhau trước cổng chợ");
        Assert.True(await NotReloadedAsync(browser.Page));
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task Outside_answer_and_seen_mark_appear_on_an_open_case_page_without_reload()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        await using var browser = await DeskBrowser.OpenAsync(chromium, _desk.Start());
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(EmulatorDeskFactory.OaTpTraVinh, Citizen, "Mất xe đạp ở trường")));
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        await browser.SignInAsync("canbo.tptravinh");
        await browser.Page.GotoAsync($"/Cases/{caseId}");
        await OpenLiveAsync(browser.Page);

        var echo = await _desk.Emulator.SendFromOaManagerAsync(EmulatorDeskFactory.OaTpTraVinh, Citizen, "Chúng tôi đã ghi nhận, mời em đến công an phường.", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        var answer = browser.Page.Locator("#conversation li.msg.Outbound", new() { HasText = "Chúng tôi đã ghi nhận, mời em đến công an phường." });
        await Assertions.Expect(answer).ToContainTextAsync("gửi từ công cụ của Zalo");
        await Assertions.Expect(answer.Locator("[data-delivery]")).ToHaveTextAsync("Đã gửi");

        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Emulator.Events.UserSeenMessage(EmulatorDeskFactory.OaTpTraVinh, Citizen, [echo.Event.MessageId!])));

        await Assertions.Expect(answer.Locator("[data-delivery]")).ToHaveTextAsync("Đã xem");
        Assert.True(await NotReloadedAsync(browser.Page));
        Assert.Empty(browser.CspViolations);
        await browser.SaveScreenshotAsync("live-case-seen.png");
    }

    // Waits for the live stream to be open, then marks the window (a reload would drop the mark).
    private static async Task OpenLiveAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-live-connected", "true");
        await page.EvaluateAsync("() => { window.liveTestMark = 'still here'; }");
    }

    private static async Task<bool> NotReloadedAsync(IPage page) =>
        await page.EvaluateAsync<string?>("() => window.liveTestMark") == "still here";
}
