using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The case page's citizen panel and quick replies in Debian's Chromium under the desk's strict CSP:
/// desk.js inserts a template, the reply goes out with its placeholders filled, the phone request
/// goes out and the citizen's answer shows on the case, the avatar renders from the stored bytes.
/// </summary>
public sealed class CitizenBrowserTests : IAsyncDisposable
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

    [Fact]
    public async Task An_officer_inserts_a_quick_reply_asks_for_the_phone_and_sees_the_citizens_answer()
    {
        var chromium = DeskBrowser.RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        var oa = EmulatorDeskFactory.OaTpTraVinh;
        _desk.Follow(oa);
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(oa, EmulatorDeskFactory.Citizen, "Có người lạ khả nghi"));
        await _desk.SendQueuedAsync();
        await _desk.Services.GetRequiredService<CitizenProfileWorker>().ProcessDueAsync(ct);
        var province = await _desk.UnitIdAsync(Data.TraVinhSeed.ProvinceCode);
        await _desk.DbAsync(async db =>
        {
            db.ReplyTemplates.Add(new ReplyTemplate { UnitId = province, Title = "Đã tiếp nhận", Text = "Phản ánh {so_phan_anh} đã được {don_vi} tiếp nhận.", UpdatedBy = "test" });
            return await db.SaveChangesAsync(ct);
        });
        var @case = await _desk.DbAsync(db => db.Cases.AsNoTracking().SingleAsync(ct));

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl);
        var page = browser.Page;
        await browser.SignInAsync("canbo.tptravinh");
        await page.GotoAsync($"/Cases/{@case.Id}");
        Assert.True(await page.Locator(".citizen-panel img.avatar").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await Assertions.Expect(page.Locator(".citizen-panel strong")).ToHaveTextAsync("Nguyễn Văn An");

        await page.SelectOptionAsync("#quick-reply", new SelectOptionValue { Label = "Đã tiếp nhận (Công an tỉnh Trà Vinh)" });
        await Assertions.Expect(page.Locator("#text")).ToHaveValueAsync("Phản ánh {so_phan_anh} đã được {don_vi} tiếp nhận.");
        await page.ClickAsync("text=Gửi trả lời");
        await Assertions.Expect(page.Locator(".flash.ok")).ToBeVisibleAsync();
        await _desk.SendQueuedAsync();
        Assert.Equal($"Phản ánh {@case.Number} đã được Công an TP Trà Vinh tiếp nhận.", _desk.Emulator.SentMessages[^1].Text);

        await page.ClickAsync("text=Yêu cầu chia sẻ số điện thoại");
        await Assertions.Expect(page.Locator(".flash.ok")).ToContainTextAsync("yêu cầu chia sẻ thông tin");
        await _desk.SendQueuedAsync();
        Assert.Contains("\"template_type\":\"request_user_info\"", _desk.Emulator.SentMessages[^1].RequestJson, StringComparison.Ordinal);
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSubmitInfo(oa, EmulatorDeskFactory.Citizen, new EmulatedUserInfo { Phone = "84987654321" }));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".citizen-panel dl.facts dd").First).ToHaveTextAsync("84987654321");

        Assert.Empty(browser.CspViolations);
    }
}
