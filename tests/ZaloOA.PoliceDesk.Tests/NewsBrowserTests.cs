using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ZaloOA.PoliceDesk.News;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Publishing an article from the desk in a real browser (Debian's Chromium through Playwright, as
/// <see cref="BrowserTests"/>): the app on a loopback port in emulator mode, on the system clock so
/// the SDK's verify polling waits for real. Skipped when Chromium is missing, failed under <c>CI=true</c>.
/// </summary>
public sealed class NewsBrowserTests : IAsyncDisposable
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
    public async Task Officer_composes_and_publishes_an_article_that_reaches_zalo()
    {
        var chromium = DeskBrowser.RequireChromium();
        var ct = TestContext.Current.CancellationToken;
        _desk = new EmulatorDeskFactory(_state, kestrel: true, systemClock: true);
        var baseUrl = _desk.Start();

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl);
        var page = browser.Page;
        await browser.SignInAsync("canbo.tptravinh");

        await page.ClickAsync("header nav >> text=Tin tức");
        await page.ClickAsync("text=Soạn bài mới");
        await page.FillAsync("#Draft_Title", "Ra quân tổng kiểm soát phương tiện");
        await page.FillAsync("#Draft_Author", "Công an TP Trà Vinh");
        await page.FillAsync("#Draft_Description", "Từ ngày 15/3, Công an TP Trà Vinh ra quân kiểm soát xe mô tô, xe gắn máy.");
        await page.FillAsync("#Draft_CoverUrl", "https://congan.travinh.gov.vn/anh/ra-quan.jpg");
        await page.FillAsync("#Draft_Blocks_0__Content", "Người dân chấp hành đội mũ bảo hiểm và mang theo giấy tờ xe.");
        await page.ClickAsync("text=Lưu và đăng lên Zalo");

        await Assertions.Expect(page.Locator(".flash.ok")).ToHaveTextAsync("Đã đăng bài viết lên Zalo OA.", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#news-status")).ToHaveTextAsync("Đã đăng");
        var created = Assert.Single(_desk.Emulator.Articles);
        Assert.Equal((EmulatorDeskFactory.OaTpTraVinh, "Ra quân tổng kiểm soát phương tiện", true), (created.OaId, created.Json.GetProperty("title").GetString(), created.IsProcessed));
        await Assertions.Expect(page.Locator("#zalo-article-id")).ToHaveTextAsync(created.Id);
        var saved = await _desk.DbAsync(db => db.NewsArticles.SingleAsync(ct));
        Assert.Equal((NewsStatus.Published, created.Id), (saved.Status, saved.ZaloArticleId));

        await browser.SaveScreenshotAsync("policedesk-news-published.png");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task The_follow_poster_renders_the_QR_code_for_printing()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true, systemClock: true);
        var baseUrl = _desk.Start();

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl, width: 900, height: 1270);
        var page = browser.Page;
        await browser.SignInAsync("canbo.tptravinh");

        await page.ClickAsync("header nav >> text=Mã QR");
        await page.ClickAsync("text=Áp phích in");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Công an TP Trà Vinh");
        var qrWidth = await page.Locator("img.qr").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0");
        Assert.True(qrWidth > 100, $"The QR image did not load (natural width {qrWidth}).");
        await browser.SaveScreenshotAsync("policedesk-follow-poster.png");
        Assert.Empty(browser.CspViolations);
    }
}
