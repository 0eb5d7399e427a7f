using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The statistics' daily table (issue 18): the same figures as the live computation it
/// replaced, rebuilt for a day when a late change lands in it, one builder at a time, with its
/// freshness on the page and in the export.</summary>
public sealed class StatisticsAggregateTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public StatisticsAggregateTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StatisticsFilter March(int? unitId = null, CaseCategory? category = null) => new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), unitId, category);

    private async Task<DeskUser> UserAsync(string userName) => await _desk.DbAsync(async db =>
    {
        var s = await db.Staff.Include(x => x.Unit).SingleAsync(x => x.UserName == userName, Ct);
        return new DeskUser(s.Id, s.UserName, s.DisplayName, s.Role, s.UnitId, s.Unit.Path);
    });

    /// <summary>An administrator of TP Trà Vinh (the seed has none): the subtree TP Trà Vinh → Phường 1.</summary>
    private async Task<DeskUser> DistrictAdminAsync() => await _desk.DbAsync(async db =>
    {
        var unit = await db.Units.SingleAsync(u => u.Code == "CATP-TRAVINH", Ct);
        return new DeskUser(9999, "admin.tptravinh", "Quản trị TP Trà Vinh", StaffRole.Administrator, unit.Id, unit.Path);
    });

    private async Task<(StatisticsReport? Aggregate, StatisticsReport? Live)> BothAsync(DeskUser user, StatisticsFilter filter)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var aggregate = await sp.GetRequiredService<CaseStatistics>().GetAsync(user, filter, Ct);
        var live = await new LiveStatisticsOracle(sp.GetRequiredService<DeskDbContext>(), sp.GetRequiredService<CaseAccess>(), sp.GetRequiredService<TimeProvider>()).GetAsync(user, filter, Ct);
        return (aggregate, live);
    }

    /// <summary>A case from <paramref name="user"/>, answered and closed after the given times (the clock turns them into seconds).</summary>
    private async Task<int> CaseAsync(string oa, string user, string text, TimeSpan? reply = null, TimeSpan? close = null)
    {
        var c = await _desk.RecordAsync(_desk.Text("m-" + user, text, oa, user));
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

    /// <summary>Cases over three March days in four units (Phường 1 under TP Trà Vinh), replies from
    /// 10 minutes to 3 days, closings in and past their deadlines, and open ones that become late.</summary>
    private async Task<List<int>> SeedAsync()
    {
        string[] oas = [DeskFactory.OaTpTraVinh, DeskFactory.OaCangLong, DeskFactory.OaProvince, DeskFactory.OaPhuong1];
        string[] texts = ["Nhà tôi bị trộm cắp xe", "Tai nạn giao thông", "Đánh nhau gây mất trật tự", "Xin chào", "Có người lạ khả nghi"];
        var ids = new List<int>();
        for (var n = 0; n < 16; n++)
        {
            TimeSpan? reply = n % 5 == 4 ? null : TimeSpan.FromMinutes(10 + (n * 97 % 4000));
            TimeSpan? close = n % 3 == 0 ? null : TimeSpan.FromHours(2 + (n * 41 % 400));
            ids.Add(await CaseAsync(oas[n % oas.Length], $"80000000000000005{n:D2}", texts[n % texts.Length], reply, close));
            _state.Time.Advance(TimeSpan.FromHours(5));
        }

        return ids;
    }

    [Fact]
    public async Task The_aggregate_gives_the_live_computations_figures_for_every_scope_and_filter()
    {
        await SeedAsync();
        await _desk.Services.UpdateStatisticsAsync();
        _state.Time.Advance(TimeSpan.FromDays(2)); // open cases pass their deadlines: the live part moves

        var admin = await UserAsync(TraVinhSeed.AdminUserName);
        var tp = await _desk.UnitIdAsync("CATP-TRAVINH");
        foreach (var (user, filter) in new[]
        {
            (admin, March()),
            (admin, March(category: CaseCategory.TrafficSafety)),
            (admin, March(tp)),
            (admin, new StatisticsFilter(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11))),
            (admin, new StatisticsFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))),
            (await UserAsync("canbo.tptravinh"), March()),
            (await DistrictAdminAsync(), March()),
        })
        {
            var (aggregate, live) = await BothAsync(user, filter);
            LiveStatisticsOracle.AssertSameFigures(live, aggregate);
        }

        var (total, _) = await BothAsync(admin, March());
        Assert.Equal(16, total!.Total.Cases);
        Assert.True(total.Total.LateNow > 0 && total.Total.MissedHandling > 0, "the data must exercise the live and the settled misses");
    }

    /// <summary>Hands a case to another unit as the desk saves (the statistics marker queues its day).</summary>
    private async Task MoveAsync(int caseId, int unitId) => await _desk.DbAsync(async db =>
    {
        var saved = await db.Cases.SingleAsync(x => x.Id == caseId, Ct);
        saved.UnitId = unitId;
        return await db.SaveChangesAsync(Ct);
    });

    [Fact]
    public async Task The_countrys_page_sums_each_province_with_everything_under_it_as_the_live_computation_does()
    {
        // Three levels and more: the country, Trà Vinh (province → district → ward) and a second
        // province with one commune; cases at every level, one at the national root itself.
        var ids = await SeedAsync();
        var (root, other, otherCommune) = await _desk.AddNationalRootAsync();
        await MoveAsync(ids[1], root);
        await MoveAsync(ids[5], other);
        await MoveAsync(ids[6], otherCommune);
        await MoveAsync(ids[9], otherCommune);
        await _desk.Services.UpdateStatisticsAsync();
        _state.Time.Advance(TimeSpan.FromDays(2));
        var national = await _desk.AdministratorOfAsync(root);
        var traVinh = await _desk.UnitIdAsync(TraVinhSeed.ProvinceCode);

        foreach (var filter in new[]
        {
            March(),
            March(category: CaseCategory.TrafficSafety),
            March(traVinh),
            March(other),
            new StatisticsFilter(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11)),
            new StatisticsFilter(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30)),
            new StatisticsFilter(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)),
        })
        {
            var (aggregate, live) = await BothAsync(national, filter);
            LiveStatisticsOracle.AssertSameFigures(live, aggregate);
        }

        var (country, _) = await BothAsync(national, March());
        var traVinhName = await _desk.DbAsync(db => db.Units.Where(u => u.Id == traVinh).Select(u => u.Name).SingleAsync(Ct));
        Assert.Equal(
            [("Bộ Công an (mẫu) (trực tiếp)", 1), ("Công an tỉnh mẫu 02 (tên giả định)", 3), (traVinhName, 12)],
            country!.ByUnit.Select(r => (r.Name, r.Cases)));
        Assert.True(country.ByUnit.All(r => r.MedianFirstReply is not null), "every row's median must come from its own histograms");
    }

    [Fact]
    public async Task A_province_of_communes_only_shows_its_own_cases_and_one_row_per_commune_as_the_live_computation_does()
    {
        // Two levels: the second province and its commune, under the national root.
        var ids = await SeedAsync();
        var (_, other, otherCommune) = await _desk.AddNationalRootAsync();
        await MoveAsync(ids[0], other);
        await MoveAsync(ids[1], other);
        foreach (var id in ids.Skip(2).Take(3))
        {
            await MoveAsync(id, otherCommune);
        }

        await _desk.Services.UpdateStatisticsAsync();
        _state.Time.Advance(TimeSpan.FromDays(2));
        var admin = await _desk.AdministratorOfAsync(other);

        foreach (var filter in new[] { March(), March(category: CaseCategory.TrafficSafety), March(otherCommune), new StatisticsFilter(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11)) })
        {
            var (aggregate, live) = await BothAsync(admin, filter);
            LiveStatisticsOracle.AssertSameFigures(live, aggregate);
        }

        var (province, _) = await BothAsync(admin, March());
        Assert.Equal(
            [("Công an tỉnh mẫu 02 (tên giả định) (trực tiếp)", 2), ("Công an xã mẫu 02-001 (tên giả định)", 3)],
            province!.ByUnit.Select(r => (r.Name, r.Cases)));
        Assert.Equal(5, province.Total.Cases);
    }

    [Fact]
    public async Task Transfers_reopenings_field_changes_and_closings_on_old_days_are_rebuilt_on_the_next_pass()
    {
        var ids = await SeedAsync();
        await _desk.Services.UpdateStatisticsAsync();
        var admin = await UserAsync(TraVinhSeed.AdminUserName);
        var builtAt = _state.Time.GetUtcNow();
        _state.Time.Advance(TimeSpan.FromHours(3));
        await using (var scope = _desk.Services.CreateAsyncScope())
        {
            var desk = scope.ServiceProvider.GetRequiredService<CaseDesk>();
            Assert.True((await desk.TransferAsync(admin, ids[0], await _desk.UnitIdAsync("CAH-CAUKE"), "Đúng địa bàn Cầu Kè", Ct)).Succeeded);
            Assert.True((await desk.ChangeStatusAsync(admin, ids[2], CaseStatus.InProgress, "Mở lại để xác minh thêm", cancellationToken: Ct)).Succeeded);
            Assert.True((await desk.ChangeCategoryAsync(admin, ids[4], CaseCategory.Other, Ct)).Succeeded);
            Assert.True((await desk.ChangeStatusAsync(admin, ids[3], CaseStatus.InProgress, cancellationToken: Ct)).Succeeded);
            Assert.True((await desk.ChangeStatusAsync(admin, ids[3], CaseStatus.Resolved, cancellationToken: Ct)).Succeeded);
        }

        var (stale, live) = await BothAsync(admin, March());
        Assert.NotEqual(live!.ByUnit, stale!.ByUnit); // the changes are not in the table until a pass
        Assert.Equal(builtAt, stale.FreshAt);

        var rebuilt = await _desk.Services.UpdateStatisticsAsync();
        var (aggregate, liveAfter) = await BothAsync(admin, March());

        Assert.InRange(rebuilt, 1, 4);
        LiveStatisticsOracle.AssertSameFigures(liveAfter, aggregate);
        Assert.Equal(_state.Time.GetUtcNow(), aggregate!.FreshAt);
        Assert.Contains(aggregate.ByUnit, u => u.Name == "Công an huyện Cầu Kè" && u.Cases == 1);
    }

    [Fact]
    public async Task A_second_instance_does_not_build_while_another_holds_the_lease()
    {
        await SeedAsync();
        var now = _state.Time.GetUtcNow();
        await _desk.DbAsync(db => db.StatisticsStates.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LeaseOwner, Guid.NewGuid()).SetProperty(x => x.LeaseUntil, now + TimeSpan.FromMinutes(1)), Ct));

        var whileHeld = await _desk.Services.UpdateStatisticsAsync();
        var queued = await _desk.DbAsync(db => db.StatisticsDayChanges.CountAsync(Ct));
        _state.Time.Advance(TimeSpan.FromMinutes(2)); // the holder died: its lease runs out
        var afterExpiry = await _desk.Services.UpdateStatisticsAsync();

        Assert.Equal(0, whileHeld);
        Assert.True(queued > 0);
        Assert.True(afterExpiry > 0);
        Assert.Equal(0, await _desk.DbAsync(db => db.StatisticsDayChanges.CountAsync(Ct)));
        Assert.Null(await _desk.DbAsync(db => db.StatisticsStates.Select(s => s.LeaseOwner).SingleAsync(Ct)));
    }

    [Fact]
    public async Task The_worker_waits_for_its_next_poll_after_a_pass_while_reports_keep_queueing_today()
    {
        // Every report queues today again: a worker that went on at once after a pass rebuilt today
        // back to back for as long as reports came. A pass reports "nothing more" unless a backlog
        // (a full pass) remains, so the polling loop waits.
        var worker = _desk.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StatisticsWorker>().Single();
        await _desk.RecordAsync(_desk.Text("s1", "Có trộm"));

        Assert.Equal(0, await worker.ProcessDueAsync(Ct));
        Assert.Equal(0, await _desk.DbAsync(db => db.StatisticsDayChanges.CountAsync(Ct)));

        await _desk.RecordAsync(_desk.Text("s2", "Có cháy", user: "8000000000000000002"));
        Assert.Equal(0, await worker.ProcessDueAsync(Ct));
        Assert.Equal(0, await _desk.DbAsync(db => db.StatisticsDayChanges.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_worker_goes_on_without_waiting_while_a_backlog_of_days_remains()
    {
        var worker = _desk.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<StatisticsWorker>().Single();
        await _desk.RecordAsync(_desk.Text("s1", "Có trộm"));
        await _desk.Services.UpdateStatisticsAsync();
        // Forty days queued at once, as after an upgrade: more than one pass's worth.
        await _desk.DbAsync(async db =>
        {
            var today = DateOnly.FromDateTime(_state.Time.GetUtcNow().UtcDateTime);
            db.StatisticsDayChanges.AddRange(Enumerable.Range(0, 40).Select(i => new StatisticsDayChange { Day = today.AddDays(-i) }));
            return await db.SaveChangesAsync(Ct);
        });

        Assert.Equal(StatisticsAggregator.DaysPerPass, await worker.ProcessDueAsync(Ct));
        Assert.Equal(0, await worker.ProcessDueAsync(Ct));
        Assert.Equal(0, await _desk.DbAsync(db => db.StatisticsDayChanges.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_first_pass_builds_the_days_of_cases_saved_before_the_table_existed()
    {
        await SeedAsync();
        // As after an upgrade: cases, an empty table, nothing queued, never initialised.
        await _desk.DbAsync(db => db.StatisticsDayChanges.ExecuteDeleteAsync(Ct));
        await _desk.DbAsync(db => db.StatisticsStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.Initialized, false), Ct));

        await _desk.Services.UpdateStatisticsAsync();

        var (aggregate, live) = await BothAsync(await UserAsync(TraVinhSeed.AdminUserName), March());
        LiveStatisticsOracle.AssertSameFigures(live, aggregate);
        Assert.Equal(16, aggregate!.Total.Cases);
    }

    [Fact]
    public async Task The_page_and_the_export_say_how_fresh_the_figures_are()
    {
        await SeedAsync();
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        var before = await client.GetStringAsync("/Stats?from=2026-03-01&to=2026-03-31", Ct);
        await _desk.Services.UpdateStatisticsAsync(); // 10/03 02:00 UTC + 16 × 5 h = 13/03 18:00 UTC = 17:00 in Vietnam
        _state.Time.Advance(TimeSpan.FromMinutes(30));

        var html = await client.GetStringAsync("/Stats?from=2026-03-01&to=2026-03-31", Ct);
        var sheets = XlsxReader.Read(await client.GetByteArrayAsync("/Stats?from=2026-03-01&to=2026-03-31&handler=Export", Ct));

        Assert.Contains("Số liệu đang được tổng hợp lần đầu", before, StringComparison.Ordinal);
        Assert.Contains("<p class=\"muted\" id=\"stats-fresh\">Số liệu cập nhật đến 17:00; số hồ sơ đang quá hạn tính đến lúc xem.</p>", html, StringComparison.Ordinal);
        Assert.Equal(["Số liệu", "Số liệu cập nhật đến 17:00; số hồ sơ đang quá hạn tính đến lúc xem."], sheets["Bộ lọc"].Single(r => r[0] == "Số liệu"));
    }

    [Fact]
    public async Task An_administrator_asking_for_a_unit_outside_their_subtree_gets_nothing_from_the_aggregate()
    {
        await SeedAsync();
        await _desk.Services.UpdateStatisticsAsync();
        var tpAdmin = await DistrictAdminAsync();

        var (outside, _) = await BothAsync(tpAdmin, March(await _desk.UnitIdAsync("CAH-CANGLONG")));
        var (province, _) = await BothAsync(tpAdmin, March(await _desk.UnitIdAsync("CAT-TRAVINH")));
        var (own, live) = await BothAsync(tpAdmin, March());

        Assert.Null(outside);
        Assert.Null(province);
        LiveStatisticsOracle.AssertSameFigures(live, own);
        Assert.Equal(["Công an TP Trà Vinh (trực tiếp)", "Công an Phường 1, TP Trà Vinh"], own!.ByUnit.Where(u => u.Cases > 0).Select(u => u.Name));
        Assert.Equal(8, own.Total.Cases); // the 4 + 4 cases of TP Trà Vinh and Phường 1, none of Càng Long's or the province's
    }
}
