using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The statistics page's figures (aggregated in the database, rolled up the hierarchy, in
/// Vietnam days), its charts, and the two Excel exports read back with the Open XML SDK.</summary>
public sealed class StatisticsTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public StatisticsTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Day(int day) => new(2026, 3, day);

    private async Task<DeskUser> UserAsync(string userName) => await _desk.DbAsync(async db =>
    {
        var s = await db.Staff.Include(x => x.Unit).SingleAsync(x => x.UserName == userName, Ct);
        return new DeskUser(s.Id, s.UserName, s.DisplayName, s.Role, s.UnitId, s.Unit.Path);
    });

    private async Task<StatisticsReport?> ReportAsync(string userName, StatisticsFilter filter)
    {
        await _desk.Services.UpdateStatisticsAsync();
        await using var scope = _desk.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseStatistics>().GetAsync(await UserAsync(userName), filter, Ct);
    }

    /// <summary>A case from <paramref name="user"/> at the OA, answered after <paramref name="reply"/> (by setting
    /// the reply time, which the clock turns into seconds on save), closed after <paramref name="close"/>.</summary>
    private async Task<int> CaseAsync(string oa, string user, string text, TimeSpan? reply = null, TimeSpan? close = null)
    {
        var c = await _desk.RecordAsync(_desk.Text("m-" + user + "-" + _state.Time.GetUtcNow().Ticks, text, oa, user));
        await _desk.DbAsync(async db =>
        {
            var saved = await db.Cases.SingleAsync(x => x.Id == c.CaseId, Ct);
            saved.FirstResponseAt = reply is { } r ? saved.FirstMessageAt + r : null;
            saved.ClosedAt = close is { } d ? saved.FirstMessageAt + d : null;
            saved.Status = close is null ? saved.Status : CaseStatus.Resolved;
            return await db.SaveChangesAsync(Ct);
        });
        return c.CaseId;
    }

    private async Task SeedAsync()
    {
        // 10/03 09:00 Vietnam time.
        await CaseAsync(DeskFactory.OaTpTraVinh, "8000000000000000001", "Nhà tôi bị trộm cắp xe", reply: TimeSpan.FromMinutes(10), close: TimeSpan.FromDays(2));
        await CaseAsync(DeskFactory.OaTpTraVinh, "8000000000000000002", "Tai nạn giao thông", reply: TimeSpan.FromMinutes(50));
        await CaseAsync(DeskFactory.OaCangLong, "8000000000000000003", "Đánh nhau gây mất trật tự", reply: TimeSpan.FromMinutes(90), close: TimeSpan.FromDays(9));
        // Late: no reply, first-reply target (4 h) passes below.
        await CaseAsync(DeskFactory.OaProvince, "8000000000000000004", "Xin chào");
        // 10/03 17:30 UTC is 11/03 00:30 in Vietnam.
        _state.Time.Advance(TimeSpan.FromHours(15.5));
        await CaseAsync(DeskFactory.OaCangLong, "8000000000000000005", "Tai nạn giao thông", reply: TimeSpan.FromMinutes(20));
    }

    [Fact]
    public async Task Figures_roll_up_to_the_units_under_the_province_with_medians_and_late_counts()
    {
        await SeedAsync();

        var report = (await ReportAsync(TraVinhSeed.AdminUserName, new StatisticsFilter(Day(1), Day(31))))!;

        Assert.Equal("Công an tỉnh Trà Vinh", report.Root.Name);
        var byName = report.ByUnit.ToDictionary(u => u.Name);
        Assert.Equal((1, 0, 1, 1), (byName["Công an tỉnh Trà Vinh (trực tiếp)"].Cases, byName["Công an tỉnh Trà Vinh (trực tiếp)"].Answered,
            byName["Công an tỉnh Trà Vinh (trực tiếp)"].MissedFirstReply, byName["Công an tỉnh Trà Vinh (trực tiếp)"].LateNow));
        var tp = byName["Công an TP Trà Vinh"];
        Assert.Equal((2, 2, 1, 0, 0), (tp.Cases, tp.Answered, tp.Closed, tp.MissedFirstReply, tp.MissedHandling));
        var cl = byName["Công an huyện Càng Long"];
        Assert.Equal((2, 2, 1, 1), (cl.Cases, cl.Answered, cl.Closed, cl.MissedHandling));
        // Answered after 10, 50, 90 and 20 minutes: the median lies between 20 and 50 minutes. The
        // histogram puts 20 min in [20, 30) and 50 min in [45, 60); half of 4 is reached at the top
        // of the [20, 30) bucket: 30 minutes.
        Assert.Equal(TimeSpan.FromMinutes(30), report.Total.MedianFirstReply);
        Assert.Equal((5, 4, 2, 1, 1, 1), (report.Total.Cases, report.Total.Answered, report.Total.Closed, report.Total.MissedFirstReply, report.Total.MissedHandling, report.Total.LateNow));
        Assert.Equal(2, report.ByCategory.Single(c => c.Category == CaseCategory.TrafficSafety).Figures.Cases);
    }

    [Fact]
    public async Task On_the_two_level_hierarchy_communes_are_the_rows_under_the_province()
    {
        using var state = new DeskState();
        using var desk = new DeskFactory(state).WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Desk:Units:Sample"] = "VinhLong2025",
            ["Zalo:Accounts:0:UnitCode"] = "CAX-MAU001",
            ["Zalo:Accounts:1:UnitCode"] = "CAX-MAU002",
        })));
        await using var scope = desk.Services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<Intake.CaseIntakeService>();
        await intake.RecordInboundAsync(_desk.Text("v1", "Tai nạn giao thông", DeskFactory.OaTpTraVinh, "8000000000000000201"), Ct);
        await intake.RecordInboundAsync(_desk.Text("v2", "Tai nạn giao thông", DeskFactory.OaTpTraVinh, "8000000000000000202"), Ct);
        await intake.RecordInboundAsync(_desk.Text("v3", "Có người lạ khả nghi", DeskFactory.OaCangLong, "8000000000000000203"), Ct);
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var admin = await db.Staff.Include(s => s.Unit).SingleAsync(s => s.UserName == TraVinhSeed.AdminUserName, Ct);
        await desk.Services.UpdateStatisticsAsync();

        var report = (await scope.ServiceProvider.GetRequiredService<CaseStatistics>().GetAsync(
            new DeskUser(admin.Id, admin.UserName, admin.DisplayName, admin.Role, admin.UnitId, admin.Unit.Path), new StatisticsFilter(Day(1), Day(31)), Ct))!;

        Assert.Equal("Công an tỉnh Vĩnh Long", report.Root.Name);
        Assert.Equal(124, report.ByUnit.Count); // the communes; no "(trực tiếp)" row, the province handled none itself
        Assert.Equal(("Công an xã mẫu 001 (tên giả định)", 2), (report.ByUnit[0].Name, report.ByUnit[0].Cases));
        Assert.Equal(("Công an xã mẫu 002 (tên giả định)", 1), (report.ByUnit[1].Name, report.ByUnit[1].Cases));
        Assert.Equal(3, report.Total.Cases);
    }

    [Fact]
    public async Task Reports_are_counted_on_their_Vietnam_day()
    {
        await SeedAsync();

        var report = (await ReportAsync(TraVinhSeed.AdminUserName, new StatisticsFilter(Day(9), Day(12))))!;

        Assert.Equal(PeriodGrain.Day, report.Grain);
        Assert.Equal(["09/03", "10/03", "11/03", "12/03"], report.Periods.Select(p => p.Label));
        Assert.Equal([0, 4, 1, 0], report.CountsByPeriod.Select(p => p.Values.Sum()));
        Assert.Equal(1, report.CountsByPeriod[2][CaseCategory.TrafficSafety]);
    }

    [Fact]
    public void Long_periods_are_cut_into_weeks_from_Monday_or_months()
    {
        var (weeks, w) = CaseStatistics.Periods(new DateOnly(2026, 3, 4), new DateOnly(2026, 4, 30));
        var (months, m) = CaseStatistics.Periods(new DateOnly(2026, 1, 15), new DateOnly(2026, 12, 31));

        Assert.Equal((PeriodGrain.Week, "Tuần 04/03", "Tuần 09/03"), (weeks, w[0].Label, w[1].Label));
        Assert.Equal((PeriodGrain.Month, 12, "01/2026", "02/2026"), (months, m.Count, m[0].Label, m[1].Label));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 17, 0, 0, TimeSpan.Zero), m[0].End);
    }

    [Fact]
    public async Task An_officer_sees_only_their_own_unit_and_not_another_units_figures()
    {
        await SeedAsync();
        var cangLong = await _desk.UnitIdAsync("CAH-CANGLONG");

        var own = (await ReportAsync("canbo.tptravinh", new StatisticsFilter(Day(1), Day(31))))!;
        var other = await ReportAsync("canbo.tptravinh", new StatisticsFilter(Day(1), Day(31), cangLong));

        Assert.Equal(("Công an TP Trà Vinh", 2), (own.Root.Name, own.Total.Cases));
        Assert.Null(other);
        var client = await _desk.SignInAsync("canbo.tptravinh");
        using var response = await client.GetAsync($"/Stats?unitId={cangLong}", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_statistics_page_draws_each_chart_above_its_table()
    {
        await SeedAsync();
        await _desk.Services.UpdateStatisticsAsync();
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var html = await client.GetStringAsync("/Stats?from=2026-03-01&to=2026-03-31", Ct);

        foreach (var chart in new[] { "chart-periods", "chart-units", "chart-times", "chart-categories" })
        {
            Assert.Contains($"<svg class=\"chart\" id=\"{chart}\" role=\"img\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("<title>Công an TP Trà Vinh — Tiếp nhận: 2</title>", html, StringComparison.Ordinal);
        Assert.Matches("<tr>\\s*<td>Công an huyện Càng Long</td><td>2</td><td>2</td>", html);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_figures_export_holds_the_pages_tables_and_is_audited()
    {
        await SeedAsync();
        await _desk.Services.UpdateStatisticsAsync();
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await client.GetAsync("/Stats?from=2026-03-01&to=2026-03-31&handler=Export", Ct);

        Assert.Equal(Statistics.Xlsx.ContentType, response.Content.Headers.ContentType!.MediaType);
        var sheets = XlsxReader.Read(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["Bộ lọc", "Theo thời gian", "Theo đơn vị", "Theo lĩnh vực"], sheets.Keys);
        var units = sheets["Theo đơn vị"];
        Assert.Equal(["Đơn vị", "Tiếp nhận", "Đã phản hồi"], units[0].Take(3));
        Assert.Equal(["Công an TP Trà Vinh", "2", "2"], units.Single(r => r[0] == "Công an TP Trà Vinh").Take(3));
        Assert.Equal(["Tổng cộng", "5", "4", "0.5"], units[^1].Take(4));
        Assert.Equal(StatisticsAuditActions.FiguresExported, await _desk.DbAsync(db => db.Audit.OrderByDescending(a => a.Id).Select(a => a.Action).FirstAsync(Ct)));
    }

    [Fact]
    public async Task The_case_export_holds_every_case_the_inbox_filter_matches_masked_like_the_inbox()
    {
        await SeedAsync();
        await CaseAsync(DeskFactory.OaTpTraVinh, "8000000000000000006", "Gọi tôi số 0912 345 678");
        _state.Time.Advance(TimeSpan.FromHours(5));
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var late = XlsxReader.Read(await client.GetByteArrayAsync("/?deadline=Late&handler=Export", Ct))["Hồ sơ"];
        var tp = XlsxReader.Read(await client.GetByteArrayAsync($"/?unitId={await _desk.UnitIdAsync("CATP-TRAVINH")}&handler=Export", Ct))["Hồ sơ"];

        var expectedLate = await _desk.DbAsync(db => db.Cases.Where(c => c.ClosedAt == null && c.FirstResponseAt == null).OrderBy(c => c.Number).Select(c => c.Number).ToListAsync(Ct));
        Assert.Equal(StatisticsWorkbook.CaseHeaders, late[0]);
        Assert.Equal(expectedLate, late.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(late.Skip(1), r => Assert.Equal("Quá hạn", r[2]));
        Assert.Equal(3, tp.Count - 1);
        Assert.Contains(tp, r => r[6] == "Gọi tôi số **** *** 678");
        var entry = await _desk.DbAsync(db => db.Audit.OrderByDescending(a => a.Id).FirstAsync(Ct));
        Assert.Equal((StatisticsAuditActions.CasesExported, "3 hồ sơ"), (entry.Action, entry.Detail![..7]));
    }
}
