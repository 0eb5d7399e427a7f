using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The desk in a real browser: Debian's Chromium driven by Playwright (never Playwright's own
/// browser downloads; <c>ZALOOA_CHROMIUM</c> names another executable), the app on a loopback port
/// in emulator mode. Skipped when Chromium is missing, failed under <c>CI=true</c>.
/// </summary>
public sealed class BrowserTests : IAsyncDisposable
{
    private const string Citizen = "2468000000000000077";
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

    [Fact]
    public async Task Officer_signs_in_opens_a_webhook_case_replies_and_the_reply_reaches_zalo()
    {
        var chromium = DeskBrowser.RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        _desk = new EmulatorDeskFactory(_state, workers: true, kestrel: true, systemClock: true);
        var baseUrl = _desk.Start();
        var oa = EmulatorDeskFactory.OaTpTraVinh;
        _desk.Emulator.AddFollower(oa, Citizen, "Lê Văn Cường");

        // The citizen writes; the emulator signs the event and posts it to the app's /zalo/webhook.
        var delivery = await _desk.Emulator.Citizen(oa, Citizen).SendTextAsync("Có vụ trộm xe máy ở chợ Trà Vinh", ct);
        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        var c = await _desk.DbAsync(db => db.Cases.SingleAsync(ct));

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl);
        var page = browser.Page;
        await browser.SignInAsync("canbo.tptravinh");

        await page.GotoAsync($"/Cases/{c.Id}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(c.Number);
        await Assertions.Expect(page.Locator(".conversation")).ToContainTextAsync("Có vụ trộm xe máy ở chợ Trà Vinh");
        await page.FillAsync("#text", "Chúng tôi đã tiếp nhận và cử cán bộ tới chợ xác minh.");
        await page.ClickAsync("text=Gửi trả lời");
        await Assertions.Expect(page.Locator(".flash.ok")).ToContainTextAsync("Đã lưu trả lời; hệ thống đang gửi tới người dân qua Zalo.");
        await Assertions.Expect(page.Locator(".conversation")).ToContainTextAsync("Chúng tôi đã tiếp nhận và cử cán bộ tới chợ xác minh.");

        var reply = await _desk.Emulator.WaitForMessageAsync(m => m.Text == "Chúng tôi đã tiếp nhận và cử cán bộ tới chợ xác minh.", TimeSpan.FromSeconds(30), ct);
        Assert.Equal((oa, Citizen), (reply.OaId, reply.UserId));

        var screenshot = await browser.SaveScreenshotAsync("policedesk-case-reply.png");
        Assert.True(screenshot.Length > 1000);

        // The citizen's side: the simulator shows the acknowledgement and the reply.
        await page.GotoAsync($"/simulator/?oa={oa}&user={Citizen}");
        await Assertions.Expect(page.Locator("#chat")).ToContainTextAsync($"Mã phản ánh: {c.Number}");
        await Assertions.Expect(page.Locator("#chat > li").Last).ToContainTextAsync("Chúng tôi đã tiếp nhận và cử cán bộ tới chợ xác minh.");
        await browser.SaveScreenshotAsync("policedesk-simulator.png");

        // The pages (the simulator's refreshing script included) satisfy the Content-Security-Policy.
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task A_confirmation_runs_from_the_desk_script_under_the_content_security_policy()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true, systemClock: true);
        var baseUrl = _desk.Start();
        var before = await _desk.DbAsync(db => db.Procedures.CountAsync(TestContext.Current.CancellationToken));

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl);
        var page = browser.Page;
        await browser.SignInAsync(Data.TraVinhSeed.AdminUserName);
        await page.GotoAsync("/Procedures");
        var asked = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await (asked.Count == 1 ? dialog.DismissAsync() : dialog.AcceptAsync());
        };

        await page.Locator("form[data-confirm] button").First.ClickAsync();
        var afterDismiss = await _desk.DbAsync(db => db.Procedures.CountAsync(TestContext.Current.CancellationToken));
        await page.Locator("form[data-confirm] button").First.ClickAsync();
        // The accepted form posts; wait for the deletion it makes.
        await AcknowledgementTests.Eventually(() => _desk.DbAsync(db => db.Procedures.CountAsync()).GetAwaiter().GetResult() == before - 1);

        Assert.Equal(["Xóa thủ tục này?", "Xóa thủ tục này?"], asked);
        Assert.Equal(before, afterDismiss);
        Assert.Empty(browser.CspViolations);
    }
}
