using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Deadlines, statistics and exports in Debian's Chromium: the desk in emulator mode on a loopback
/// port, on the fake clock (reports arrive over days through signed webhooks). The README's
/// screenshots of the inbox and the statistics page come from here.
/// </summary>
public sealed class DeskDataBrowserTests : IAsyncDisposable
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

    private static readonly string[] Texts =
    [
        "Nhà tôi bị trộm cắp xe máy đêm qua", "Tai nạn giao thông ở ngã tư chợ", "Nhóm thanh niên gây rối mất trật tự", "Hỏi thủ tục làm căn cước",
        "Xin chào công an", "Có người lạ khả nghi trong xóm", "Xe tải chạy quá tốc độ", "Lừa đảo qua điện thoại",
    ];

    /// <summary>Two weeks of reports to three units, most answered and some closed, then one fresh
    /// unanswered report that goes late, one due soon.</summary>
    private async Task SeedAsync()
    {
        string[] oas = [EmulatorDeskFactory.OaTpTraVinh, EmulatorDeskFactory.OaCangLong, Zalo.Emulation.DeskEmulator.OaIdFor("CAH-CAUKE")];
        var n = 0;
        for (var day = 0; day < 14; day++)
        {
            for (var k = 0; k < 2 + (day % 3); k++, n++)
            {
                var user = $"24680000000000{n:D5}";
                Assert.Equal(HttpStatusCode.OK, await _desk!.DeliverAsync(_desk.Emulator.Events.UserSendText(oas[n % 3], user, Texts[n % Texts.Length])));
                var reply = TimeSpan.FromMinutes(15 + (n * 37 % 300));
                var close = n % 4 == 0 ? (TimeSpan?)null : TimeSpan.FromHours(6 + (n * 13 % 200));
                await _desk.DbAsync(async db =>
                {
                    var c = await db.Cases.SingleAsync(x => x.CitizenUserId == user, Ct);
                    c.FirstResponseAt = c.FirstMessageAt + reply;
                    (c.ClosedAt, c.Status) = close is { } d ? (c.FirstMessageAt + d, CaseStatus.Resolved) : (null, CaseStatus.InProgress);
                    return await db.SaveChangesAsync(Ct);
                });
                _state.Time.Advance(TimeSpan.FromHours(3));
            }

            _state.Time.Advance(TimeSpan.FromHours(24 - (3 * (2 + (day % 3)))));
        }

        await _desk!.DeliverAsync(_desk.Emulator.Events.UserSendText(EmulatorDeskFactory.OaTpTraVinh, "2468000000000099998", "Có vụ trộm xe máy ở chợ Trà Vinh"));
        _state.Time.Advance(TimeSpan.FromHours(2.5));
        await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(EmulatorDeskFactory.OaTpTraVinh, "2468000000000099999", "Tai nạn giao thông trên cầu Long Bình"));
        // The first is 5 h 42 old (past its 4-hour first-reply target), the second 3 h 12 (inside the last hour).
        _state.Time.Advance(TimeSpan.FromHours(3.2));
    }

    [Fact]
    public async Task A_late_case_is_highlighted_in_the_inbox_and_the_late_filter_keeps_only_late_ones()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        await SeedAsync();
        var late = await _desk.DbAsync(db => db.Cases.SingleAsync(c => c.CitizenUserId == "2468000000000099998", Ct));
        var dueSoon = await _desk.DbAsync(db => db.Cases.SingleAsync(c => c.CitizenUserId == "2468000000000099999", Ct));

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl, 1200, 760);
        var page = browser.Page;
        await browser.SignInAsync("canbo.tptravinh");
        await page.GotoAsync("/?order=NextDeadline");

        var lateRow = page.Locator("tbody tr").Filter(new() { HasText = late.Number });
        await Assertions.Expect(lateRow).ToHaveClassAsync("late");
        await Assertions.Expect(lateRow.Locator(".badge.late")).ToHaveTextAsync("Quá hạn");
        // Highlighted for the eye, not only in the markup: the stylesheet's red tint.
        Assert.Equal("rgb(253, 236, 234)", await lateRow.Locator("td").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        // Nearest deadline first: the overdue ones on top.
        await Assertions.Expect(page.Locator("tbody tr").First).ToHaveClassAsync("late");
        await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = dueSoon.Number })).ToHaveClassAsync("due-soon");
        await DeskBrowser.SaveReadmeScreenshotAsync(page, "inbox.png");

        await page.SelectOptionAsync("#deadline", "Late");
        await page.ClickAsync("form.filters button[type=submit]");
        var now = _state.Time.GetUtcNow();
        var expected = await _desk.DbAsync(db => db.Cases.Where(c => c.UnitId == late.UnitId && c.ClosedAt == null).ToListAsync(Ct));
        expected = [.. expected.Where(c => (c.FirstResponseAt is null && c.FirstReplyDueAt < now) || c.HandlingDueAt < now)];
        Assert.True(expected.Count >= 2, "the fresh report and an old open one");
        await Assertions.Expect(page.Locator("tbody tr")).ToHaveCountAsync(expected.Count);
        foreach (var c in expected)
        {
            await Assertions.Expect(page.Locator("tbody tr").Filter(new() { HasText = c.Number })).ToHaveClassAsync("late");
        }
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task The_statistics_page_renders_its_charts()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        await SeedAsync();

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl, 1200, 900);
        var page = browser.Page;
        await browser.SignInAsync(Data.TraVinhSeed.AdminUserName);
        await _desk!.Services.UpdateStatisticsAsync();
        await page.GotoAsync("/Stats?from=2026-03-10&to=2026-03-25");

        foreach (var id in new[] { "chart-periods", "chart-units", "chart-times", "chart-categories" })
        {
            var chart = page.Locator($"svg#{id}");
            await Assertions.Expect(chart).ToBeVisibleAsync();
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 100 }, $"{id}: {box?.Width}×{box?.Height}");
            Assert.True(await chart.Locator("rect[class^=series-]").CountAsync() > 3, id);
        }

        // Bars are coloured by the stylesheet (no inline style under the CSP).
        Assert.Equal("rgb(18, 50, 90)", await page.Locator("svg#chart-units rect.series-0").First.EvaluateAsync<string>("e => getComputedStyle(e).fill"));
        await Assertions.Expect(page.Locator("#table-units tbody tr").Last).ToContainTextAsync("Tổng cộng");
        await Assertions.Expect(page.Locator("#kpi-cases")).ToHaveTextAsync((await _desk.DbAsync(db => db.Cases.CountAsync(Ct))).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await DeskBrowser.SaveReadmeScreenshotAsync(page, "statistics.png");
        Assert.Empty(browser.CspViolations);
    }

    [Fact]
    public async Task An_excel_export_downloaded_from_the_inbox_opens_and_its_rows_match_the_filter()
    {
        var chromium = DeskBrowser.RequireChromium();
        _desk = new EmulatorDeskFactory(_state, kestrel: true);
        var baseUrl = _desk.Start();
        await SeedAsync();
        var cangLong = await _desk.UnitIdAsync("CAH-CANGLONG");

        await using var browser = await DeskBrowser.OpenAsync(chromium, baseUrl);
        var page = browser.Page;
        await browser.SignInAsync(Data.TraVinhSeed.AdminUserName);
        await page.GotoAsync("/");
        await page.SelectOptionAsync("#unitId", cangLong.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#status", nameof(CaseStatus.Resolved));
        await page.ClickAsync("form.filters button[type=submit]");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-cases"));
        var path = Path.Combine(_state.Root, download.SuggestedFilename);
        await download.SaveAsAsync(path);

        var rows = XlsxReader.Read(await File.ReadAllBytesAsync(path, Ct))["Hồ sơ"];
        var expected = await _desk.DbAsync(db => db.Cases.Where(c => c.UnitId == cangLong && c.Status == CaseStatus.Resolved)
            .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Select(c => c.Number).ToListAsync(Ct));
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(StatisticsWorkbook.CaseHeaders, rows[0]);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal(("Đã giải quyết", "Công an huyện Càng Long"), (r[1], r[4])));
    }
}
