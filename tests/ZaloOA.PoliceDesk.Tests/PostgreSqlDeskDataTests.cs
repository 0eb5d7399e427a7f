using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.PoliceDesk.Units;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The DeskData migration and its queries on PostgreSQL (a fresh database on the server
/// .ci/services.sh starts; skipped without one, failed under <c>CI=true</c>): the clock's stamps,
/// the late filter and deadline order, the statistics' CASE buckets and the case export, where
/// Npgsql takes only UTC instants.
/// </summary>
public sealed class PostgreSqlDeskDataTests : IAsyncLifetime
{
    private readonly DeskState _state = new();
    private string? _server;
    private string? _database;
    private DeskFactory? _desk;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _desk?.Dispose();
        if (_server is not null && _database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _state.Dispose();
    }

    private async Task<DeskFactory> StartAsync(Dictionary<string, string?>? extra = null)
    {
        _server = RequiredServer.Postgres();
        var database = "policedesk_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }

        _database = database;
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        _desk = new DeskFactory(_state, settings: settings);
        return _desk;
    }

    private async Task<DeskUser> AdminAsync(DeskFactory desk) => await desk.DbAsync(async db =>
    {
        var s = await db.Staff.Include(x => x.Unit).SingleAsync(x => x.UserName == TraVinhSeed.AdminUserName, Ct);
        return new DeskUser(s.Id, s.UserName, s.DisplayName, s.Role, s.UnitId, s.Unit.Path);
    });

    [Fact]
    public async Task On_PostgreSQL_deadlines_statistics_and_the_export_agree()
    {
        var desk = await StartAsync();
        await desk.SendTextAsync("Nhà tôi bị trộm cắp xe", DeskFactory.OaTpTraVinh, "8000000000000000101");
        await desk.SendTextAsync("Tai nạn giao thông", DeskFactory.OaCangLong, "8000000000000000102");
        await desk.DbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.CitizenUserId == "8000000000000000102", Ct);
            c.FirstResponseAt = c.FirstMessageAt + TimeSpan.FromMinutes(25);
            return await db.SaveChangesAsync(Ct);
        });
        // 02:00 UTC + 15 h 30 = 00:30 on 11/03 in Vietnam.
        _state.Time.Advance(TimeSpan.FromHours(15.5));
        await desk.SendTextAsync("Có người lạ khả nghi trong xóm", DeskFactory.OaProvince, "8000000000000000103");
        var admin = await AdminAsync(desk);
        await desk.Services.UpdateStatisticsAsync();

        await using var scope = desk.Services.CreateAsyncScope();
        var late = await scope.ServiceProvider.GetRequiredService<CaseSearch>().SearchAsync(admin, new CaseFilter(Deadline: DeadlineState.Late, Order: CaseOrder.NextDeadline), Ct);
        var report = (await scope.ServiceProvider.GetRequiredService<CaseStatistics>().GetAsync(admin, new StatisticsFilter(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 12)), Ct))!;

        var theft = await desk.DbAsync(db => db.Cases.SingleAsync(x => x.CitizenUserId == "8000000000000000101", Ct));
        Assert.Equal(theft.FirstMessageAt + TimeSpan.FromHours(4), theft.FirstReplyDueAt);
        Assert.Equal([theft.Number], late!.Items.Select(i => i.Number));
        Assert.Equal([0, 2, 1, 0], report.CountsByPeriod.Select(p => p.Values.Sum()));
        Assert.Equal((3, 1, TimeSpan.FromMinutes(25), 1), (report.Total.Cases, report.Total.Answered, report.Total.MedianFirstReply, report.Total.LateNow));
        var client = await desk.SignInAsync(TraVinhSeed.AdminUserName);
        var rows = XlsxReader.Read(await client.GetByteArrayAsync("/?deadline=Late&handler=Export", Ct))["Hồ sơ"];
        Assert.Equal([theft.Number], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task On_PostgreSQL_text_search_matches_whole_words_in_order_with_or_without_diacritics()
    {
        var desk = await StartAsync();
        await desk.SendTextAsync("Nhà tôi bị mất xe máy", DeskFactory.OaTpTraVinh, "8000000000000000101");
        await desk.SendTextAsync("Máy xe của tôi hỏng", DeskFactory.OaTpTraVinh, "8000000000000000102");
        var admin = await AdminAsync(desk);
        var theft = await desk.DbAsync(db => db.Cases.SingleAsync(x => x.CitizenUserId == "8000000000000000101", Ct));
        await using var scope = desk.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CaseSearch>();
        async Task<IReadOnlyList<string>> FindAsync(string q) => [.. (await search.SearchAsync(admin, new CaseFilter(Query: q), Ct))!.Items.Select(i => i.Number)];

        Assert.Equal([theft.Number], await FindAsync("XE MÁY"));
        Assert.Equal([theft.Number], await FindAsync("mat xe ma"));
        Assert.Equal([theft.Number], await FindAsync("tôi bị mất"));
        Assert.Equal([theft.Number], await FindAsync(theft.Number[^4..]));
        Assert.Equal(2, (await FindAsync("xe")).Count);
        Assert.Empty(await FindAsync("xe may hong"));
        Assert.Empty(await FindAsync("e may"));
    }

    [Fact]
    public async Task On_PostgreSQL_tsquery_syntax_in_a_search_is_only_text()
    {
        var desk = await StartAsync();
        await desk.SendTextAsync("Nhà tôi bị mất xe máy", DeskFactory.OaTpTraVinh, "8000000000000000101");
        var admin = await AdminAsync(desk);
        await using var scope = desk.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<CaseSearch>();

        var attack = await search.SearchAsync(admin, new CaseFilter(Query: "xe') | !(nha:* & '"), Ct);
        var nothing = await search.SearchAsync(admin, new CaseFilter(Query: "!&|:*()'"), Ct);

        Assert.Empty(attack!.Items);
        Assert.Empty(nothing!.Items);
    }

    [Fact]
    public async Task On_PostgreSQL_the_two_level_sample_seeds_the_database()
    {
        var desk = await StartAsync(new()
        {
            ["Desk:Units:Sample"] = nameof(HierarchySample.VinhLong2025),
            ["Zalo:Accounts:0:UnitCode"] = "CAX-MAU001",
            ["Zalo:Accounts:1:UnitCode"] = "CAX-MAU002",
        });

        var paths = await desk.DbAsync(db => db.Units.OrderBy(u => u.Path).Select(u => u.Path).ToListAsync(Ct));

        Assert.Equal(125, paths.Count);
        Assert.Equal(("/CAT-VINHLONG/", "/CAT-VINHLONG/CAX-MAU124/"), (paths[0], paths[^1]));
    }
}
