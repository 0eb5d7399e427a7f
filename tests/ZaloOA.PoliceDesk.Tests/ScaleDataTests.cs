using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.DataGen;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// One generated desk database at 1.1 % of the national scale (issue 18: 3,354 units, 11,000 cases;
/// benchmarks/ZaloOA.PoliceDesk.DataGen) on the PostgreSQL server .ci/services.sh starts, shared by
/// the tests of <see cref="ScaleDataTests"/> and dropped after them.
/// </summary>
public sealed class ScaleDatabase : IAsyncLifetime
{
    /// <summary>Just over <see cref="CaseSearch.MaxCount"/> cases, so the national inbox's count stops.</summary>
    public const double Scale = 0.011;

    private string? _server;

    public string ConnectionString { get; private set; } = "";

    public GeneratorResult Generated { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _server = RequiredServer.Postgres();
        var database = "scale_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString;
        Generated = await DeskDataGenerator.RunAsync(new GeneratorOptions
        {
            Postgres = ConnectionString,
            Scale = Scale,
            Now = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero),
        }, TextWriter.Null, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null || ConnectionString.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// The scale generator's shapes and the desk's key queries on its data, in CI at 1 % (the full-scale
/// table is benchmarks/scale.sh's): the inbox and the case page run a fixed number of SQL commands
/// whatever they show (no N+1), the count stops at <see cref="CaseSearch.MaxCount"/>, and text search
/// through the id union finds exactly the cases whose messages hold the words.
/// </summary>
public sealed class ScaleDataTests(ScaleDatabase data) : IClassFixture<ScaleDatabase>, IAsyncDisposable
{
    private readonly CommandLog _commands = new();
    private ServiceProvider? _services;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Services => _services ??= DeskQueryMeasurements.Services(data.ConnectionString, _commands);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private async Task<T> WithDbAsync<T>(Func<DeskDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

    private async Task<int> CommandsOfAsync(Func<IServiceProvider, Task<string>> operation)
    {
        await using var scope = Services.CreateAsyncScope();
        _commands.Clear();
        await operation(scope.ServiceProvider);
        return _commands.Count;
    }

    [Fact]
    public async Task The_generator_writes_the_national_hierarchy_with_one_oa_per_unit_and_skewed_cases()
    {
        var (levels, oas, busiestTenthShare, longCases) = await WithDbAsync(async db =>
        {
            var levels = await db.Units.GroupBy(u => u.LevelId).OrderBy(g => g.Key).Select(g => g.Count()).ToListAsync(Ct);
            var oas = await db.Units.CountAsync(u => u.ZaloOaId != null, Ct);
            var perUnit = await db.Cases.GroupBy(c => c.OriginUnitId).Select(g => g.Count()).OrderByDescending(n => n).ToListAsync(Ct);
            var share = (double)perUnit.Take(oas / 10).Sum() / perUnit.Sum();
            var longCases = await db.Cases.Where(c => c.Id % DeskDataGenerator.LongCaseEvery == 0).Select(c => c.Messages.Count).Distinct().ToListAsync(Ct);
            return (levels, oas, share, longCases);
        });

        Assert.Equal([1, 34, 3319], levels);
        Assert.Equal(3353, oas);
        Assert.Equal((3354, 11_000), (data.Generated.Units, data.Generated.Cases));
        Assert.InRange(busiestTenthShare, 0.5, 0.9);
        Assert.Equal([DeskDataGenerator.LongCaseMessages], longCases);
    }

    [Fact]
    public async Task The_inbox_runs_a_fixed_number_of_commands_for_a_commune_officer_and_the_national_administrator()
    {
        var national = await WithDbAsync(db => DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct));
        var commune = await WithDbAsync(async db => await DeskQueryMeasurements.UserAsync(db,
            await db.Staff.Where(s => s.Unit.LevelId == 3 && s.Role == StaffRole.UnitOfficer).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct), Ct));

        // The user's scope as ids, the page of cases, their count and the unit picker (one list for
        // the officer; for the national administrator its shape and then the open level), and for an
        // administrator the rows' handled units: one command each, however many rows or units.
        Assert.Equal(4, await CommandsOfAsync(sp => DeskQueryMeasurements.InboxAsync(sp, commune, new CaseFilter())));
        Assert.Equal(6, await CommandsOfAsync(sp => DeskQueryMeasurements.InboxAsync(sp, national, new CaseFilter())));
        // A common word: the same, with the search window's matches before the count and the page.
        Assert.Equal(7, await CommandsOfAsync(sp => DeskQueryMeasurements.InboxAsync(sp, national, new CaseFilter(Query: DeskDataGenerator.CommonTerm, PageSize: CaseSearch.MaxPageSize))));
    }

    [Fact]
    public async Task A_text_search_runs_seven_commands_when_its_matches_are_many_and_eight_when_few()
    {
        var national = await WithDbAsync(db => DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct));
        var common = new CaseFilter(Query: DeskDataGenerator.CommonTerm);

        // Many ("xe máy", one case in 25): the scope as ids, the window's matches, whether the window
        // holds the whole desk, the page from the window, the unit picker's shape and open level, the
        // rows' handled units.
        Assert.Equal(7, await CommandsOfAsync(sp => DeskQueryMeasurements.InboxAsync(sp, national, common)));
        Assert.Equal(7, await CommandsOfAsync(sp => DeskQueryMeasurements.InboxAsync(sp, national, common with { Page = 2 })));
        // Few (a rare phrase): the same, with the word index's count and page after the window.
        Assert.Equal(8, await CommandsOfAsync(sp => DeskQueryMeasurements.InboxAsync(sp, national, new CaseFilter(Query: DeskDataGenerator.RareTerm))));
    }

    [Theory]
    [InlineData("tw.admin", DeskDataGenerator.CommonTerm)]
    [InlineData("tw.admin", DeskDataGenerator.RareTerm)]
    [InlineData("busiest commune", DeskDataGenerator.CommonTerm)]
    [InlineData("busiest commune", "xe")]
    [InlineData("busiest province", DeskDataGenerator.CommonTerm)]
    [InlineData("a small commune", "xe")]
    public async Task On_PostgreSQL_every_search_window_pages_like_the_straightforward_query(string who, string q)
    {
        var user = await WithDbAsync(async db =>
        {
            var busiest = await db.Cases.GroupBy(c => c.UnitId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Ct);
            var userName = who switch
            {
                "busiest commune" => await db.Staff.Where(s => s.UnitId == busiest && s.Role == StaffRole.UnitOfficer).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct),
                "busiest province" => await db.Staff.Where(s => s.UnitId == db.Units.Where(u => u.Id == busiest).Select(u => u.ParentId).First() && s.Role == StaffRole.Administrator)
                    .OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct),
                // Under 1 % of the cases: its list gets the word index narrowed to it.
                "a small commune" => await db.Staff.Where(s => s.UnitId == db.Cases.Where(c => c.Unit.LevelId == 3).GroupBy(c => c.UnitId)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Skip(30).Select(g => g.Key).First() && s.Role == StaffRole.UnitOfficer).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct),
                _ => who,
            };
            return await DeskQueryMeasurements.UserAsync(db, userName, Ct);
        });
        // A small commune has a few matches: pages of 2 still cross page boundaries.
        var filter = new CaseFilter(Query: q, PageSize: who == "a small commune" ? 2 : 10);
        var expected = await WithDbAsync(async db =>
        {
            var query = await new CaseSearch(db, new CaseAccess(db), Services.GetRequiredService<IOptionsMonitor<Deadlines.DeadlineOptions>>(), TimeProvider.System)
                .QueryAsync(user, filter, Ct);
            return await query!.Select(c => c.Id).Take(3 * filter.PageSize).ToListAsync(Ct);
        });

        Assert.True(expected.Count > filter.PageSize, $"'{q}' must match more than a page for {who}");
        foreach (var window in new[] { 60, 600, CaseSearch.DefaultSearchWindow })
        {
            var byCursor = new List<int>();
            var byOffset = new List<int>();
            CaseCursor? at = null;
            for (var page = 1; page <= 3; page++)
            {
                var next = await WithDbAsync(db => SearchAsync(db, user, filter with { Page = page, After = at }, window));
                byCursor.AddRange(next.Items.Select(i => i.Id));
                at = next.Next;
                byOffset.AddRange((await WithDbAsync(db => SearchAsync(db, user, filter with { Page = page }, window))).Items.Select(i => i.Id));
            }

            Assert.True(expected.SequenceEqual(byCursor), $"{who}, '{q}', window {window}: by cursor");
            Assert.True(expected.SequenceEqual(byOffset), $"{who}, '{q}', window {window}: by offset");
        }
    }

    private async Task<CasePage> SearchAsync(DeskDbContext db, DeskUser user, CaseFilter filter, int window) =>
        (await new CaseSearch(db, new CaseAccess(db), Services.GetRequiredService<IOptionsMonitor<Deadlines.DeadlineOptions>>(), TimeProvider.System) { SearchWindow = window }
            .SearchAsync(user, filter, Ct))!;

    [Fact]
    public async Task The_case_page_runs_the_same_commands_for_fifty_messages_as_for_one()
    {
        var national = await WithDbAsync(db => DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct));
        var (longCase, shortCase) = await WithDbAsync(async db => (
            await db.Cases.Where(c => c.Id % DeskDataGenerator.LongCaseEvery == 0).Select(c => c.Id).FirstAsync(Ct),
            await db.Cases.Where(c => c.Messages.Count == 1).Select(c => c.Id).FirstAsync(Ct)));

        var forLong = await CommandsOfAsync(sp => DeskQueryMeasurements.CasePageAsync(sp, national, longCase));
        var forShort = await CommandsOfAsync(sp => DeskQueryMeasurements.CasePageAsync(sp, national, shortCase));

        // The case, its messages, notes and audit, the transfer picker (its shape, then the open
        // level) and the staff to assign: one command each, however many messages.
        Assert.Equal((7, 7), (forLong, forShort));
    }

    [Fact]
    public async Task The_national_count_stops_past_MaxCount_and_a_commune_count_is_exact()
    {
        var national = await WithDbAsync(db => DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct));
        var (commune, communeCases) = await WithDbAsync(async db =>
        {
            var staff = await db.Staff.Where(s => s.Unit.LevelId == 3 && s.Role == StaffRole.UnitOfficer).OrderBy(s => s.Id).FirstAsync(Ct);
            return (await DeskQueryMeasurements.UserAsync(db, staff.UserName, Ct), await db.Cases.CountAsync(c => c.UnitId == staff.UnitId, Ct));
        });
        await using var scope = Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CaseSearch>();

        var all = (await search.SearchAsync(national, new CaseFilter(), Ct))!;
        var own = (await search.SearchAsync(commune, new CaseFilter(), Ct))!;

        Assert.Equal((CaseSearch.MaxCount + 1, true), (all.Total, all.TotalIsLowerBound));
        Assert.Equal((communeCases, false), (own.Total, own.TotalIsLowerBound));
    }

    [Fact]
    public async Task Text_search_finds_exactly_the_cases_whose_messages_hold_the_words()
    {
        var national = await WithDbAsync(db => DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct));
        var expected = await WithDbAsync(db => db.Messages.Where(m => m.SearchText!.Contains("trom cho")).Select(m => m.CaseId).Distinct().OrderByDescending(id => id).ToListAsync(Ct));
        await using var scope = Services.CreateAsyncScope();

        var found = (await scope.ServiceProvider.GetRequiredService<CaseSearch>().SearchAsync(national, new CaseFilter(Query: "Trộm chó", PageSize: CaseSearch.MaxPageSize), Ct))!;

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found.Items.Select(i => i.Id).OrderDescending());
    }

    [Fact]
    public async Task Text_search_of_a_commune_officer_returns_only_their_units_matches()
    {
        // The union of matching ids spans every unit; the officer's scope must still cut it.
        var (officer, expected) = await WithDbAsync(async db =>
        {
            var unitId = await db.Cases.Where(c => c.Messages.Any(m => m.SearchText!.Contains("xe may"))).GroupBy(c => c.UnitId)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Ct);
            var userName = await db.Staff.Where(s => s.UnitId == unitId && s.Role == StaffRole.UnitOfficer).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct);
            var ids = await db.Cases.Where(c => c.UnitId == unitId && c.Messages.Any(m => m.SearchText!.Contains("xe may"))).Select(c => c.Id).OrderByDescending(id => id).ToListAsync(Ct);
            return (await DeskQueryMeasurements.UserAsync(db, userName, Ct), ids);
        });
        var everywhere = await WithDbAsync(db => db.Cases.CountAsync(c => c.Messages.Any(m => m.SearchText!.Contains("xe may")), Ct));
        await using var scope = Services.CreateAsyncScope();

        var found = (await scope.ServiceProvider.GetRequiredService<CaseSearch>().SearchAsync(officer, new CaseFilter(Query: DeskDataGenerator.CommonTerm, PageSize: CaseSearch.MaxPageSize), Ct))!;

        Assert.True(everywhere > expected.Count, "the term must also match other units' cases");
        Assert.Equal(expected, found.Items.Select(i => i.Id).OrderDescending());
        Assert.All(found.Items, i => Assert.Equal(officer.UnitId, i.UnitId));
    }

    /// <summary>The plan PostgreSQL picks for a query, its parameters inlined from the query string's comments.</summary>
    private static async Task<string> ExplainAsync(DeskDbContext db, IQueryable<object> query)
    {
        var lines = query.ToQueryString().Split('\n');
        var sql = string.Join('\n', lines.Where(l => !l.StartsWith("--", StringComparison.Ordinal)));
        foreach (var match in lines.Select(l => System.Text.RegularExpressions.Regex.Match(l, "^-- (@\\w+)='(.*)'")).Where(m => m.Success))
        {
            sql = sql.Replace(match.Groups[1].Value, match.Groups[2].Value.All(char.IsDigit) ? match.Groups[2].Value : $"'{match.Groups[2].Value}'", StringComparison.Ordinal);
        }

        await db.Database.OpenConnectionAsync(Ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "EXPLAIN " + sql;
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            plan.Add(reader.GetString(0));
        }

        return string.Join('\n', plan);
    }

    [Fact]
    public async Task The_start_up_deadline_backfill_reads_only_the_index_of_unstamped_cases()
    {
        var plan = await WithDbAsync(db => ExplainAsync(db, Deadlines.CaseClock.Unstamped(db, 500)));

        Assert.Contains("Index Scan using \"IX_Cases_Unstamped\" on \"Cases\"", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generator_fills_the_search_column_and_next_deadline_as_the_desk_does()
    {
        var (mismatchedSearch, mismatchedDue) = await WithDbAsync(async db => (
            await db.Cases.CountAsync(c => (c.SearchText != null) != c.Messages.Any(m => m.SearchText != null), Ct),
            await db.Cases.CountAsync(c => c.NextDueAt != (c.ClosedAt != null ? null : c.FirstResponseAt == null ? c.FirstReplyDueAt : c.HandlingDueAt), Ct)));

        Assert.Equal((0, 0), (mismatchedSearch, mismatchedDue));
    }

    private async Task<(DeskUser National, DeskUser Province, DeskUser Commune)> StatisticsUsersAsync() => await WithDbAsync(async db => (
        await DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct),
        await DeskQueryMeasurements.UserAsync(db, await db.Staff.Where(s => s.Unit.LevelId == 2 && s.Role == StaffRole.Administrator).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct), Ct),
        await DeskQueryMeasurements.UserAsync(db, await db.Staff.Where(s => s.Unit.LevelId == 3 && s.Role == StaffRole.UnitOfficer).OrderBy(s => s.Id).Select(s => s.UserName).FirstAsync(Ct), Ct)));

    [Fact]
    public async Task The_statistics_run_the_same_commands_for_a_commune_the_province_and_the_country()
    {
        var (national, province, commune) = await StatisticsUsersAsync();
        var year = new StatisticsFilter(new DateOnly(2025, 11, 29), new DateOnly(2026, 11, 28));

        // The root, the figures, the histograms, the days, the live counts, the freshness and the row
        // names: one command each, whether the rows are 1 unit or 34 provinces of 3,353.
        Assert.Equal(
            (7, 7, 7),
            (await CommandsOfAsync(sp => DeskQueryMeasurements.StatisticsAsync(sp, commune, year)),
             await CommandsOfAsync(sp => DeskQueryMeasurements.StatisticsAsync(sp, province, year)),
             await CommandsOfAsync(sp => DeskQueryMeasurements.StatisticsAsync(sp, national, year))));
    }

    [Fact]
    public async Task On_PostgreSQL_the_country_and_a_province_show_the_live_computations_figures()
    {
        var (national, province, _) = await StatisticsUsersAsync();
        var now = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
        foreach (var (user, filter) in new[]
        {
            (national, new StatisticsFilter(new DateOnly(2025, 11, 29), new DateOnly(2026, 11, 28))),
            (national, new StatisticsFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 28), Category: CaseCategory.TrafficSafety)),
            (province, new StatisticsFilter(new DateOnly(2025, 11, 29), new DateOnly(2026, 11, 28))),
            (national, new StatisticsFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 28), province.UnitId)),
        })
        {
            await using var scope = Services.CreateAsyncScope();
            var (db, access) = (scope.ServiceProvider.GetRequiredService<DeskDbContext>(), scope.ServiceProvider.GetRequiredService<CaseAccess>());
            var aggregate = await new CaseStatistics(db, access, now).GetAsync(user, filter, Ct);
            var live = await new LiveStatisticsOracle(db, access, now).GetAsync(user, filter, Ct);

            LiveStatisticsOracle.AssertSameFigures(live, aggregate);
            Assert.True(aggregate!.Total.Cases > 0 && aggregate.ByUnit.Count(r => r.Cases > 0) > 1, "the data must spread over several rows");
        }
    }

    [Fact]
    public async Task Statistics_for_the_country_and_a_province_add_up_to_the_cases_of_the_year()
    {
        var national = await WithDbAsync(db => DeskQueryMeasurements.UserAsync(db, "tw.admin", Ct));
        var from = new DateOnly(2025, 11, 29);
        var to = new DateOnly(2026, 11, 28);
        var expected = await WithDbAsync(db => db.Cases.CountAsync(c => c.CreatedAt >= Deadlines.VietnamTime.StartOfDay(from) && c.CreatedAt < Deadlines.VietnamTime.StartOfDay(to.AddDays(1)), Ct));
        await using var scope = Services.CreateAsyncScope();

        var report = (await scope.ServiceProvider.GetRequiredService<CaseStatistics>().GetAsync(national, new StatisticsFilter(from, to), Ct))!;

        Assert.Equal(expected, report.Total.Cases);
        Assert.Equal(34, report.ByUnit.Count(r => r.Name.StartsWith("Công an tỉnh mẫu", StringComparison.Ordinal)));
        Assert.Equal(expected, report.ByUnit.Sum(r => r.Cases));
    }
}
