using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The inbox's text search reads the head of the list first (issue 18, <see cref="CaseSearch.SearchAsync"/>):
/// whatever the window and whichever path answers (the window alone, the word index for few
/// matches, the index after the window ran out), every page holds exactly the rows, in exactly the
/// order, of the straightforward query (<see cref="CaseSearch.QueryAsync"/>: every match, then
/// ordered), across page boundaries by cursor and by offset; and the user's scope still cuts it.
/// Windows of a few cases cross every path on a small desk (SQLite here; PostgreSQL's words in
/// <see cref="ScaleDataTests"/>).
/// </summary>
public sealed class CaseSearchWindowTests : IDisposable
{
    private const string Common = "xe máy";
    private const string Rare = "trộm chó";
    private const string Wanderer = "8000000000000000999";

    /// <summary>1: every path is the index; 3–7: a window with a page of matches or not; 1,000: the whole desk.</summary>
    private static readonly int[] Windows = [1, 3, 5, 7, 1_000];

    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public CaseSearchWindowTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>24 cases over TP Trà Vinh, Phường 1 (below it) and Càng Long: every other one about a
    /// motorbike (12), five about a stolen dog, three from one citizen (one per OA); some share a
    /// timestamp, so page boundaries also cross the id tie-break.</summary>
    private async Task<List<int>> SeedAsync()
    {
        string[] oas = [DeskFactory.OaTpTraVinh, DeskFactory.OaPhuong1, DeskFactory.OaCangLong];
        var ids = new List<int>();
        for (var i = 0; i < 24; i++)
        {
            _state.Time.Advance(TimeSpan.FromMinutes(i % 4 == 0 ? 0 : 1));
            var text = i % 2 == 0 ? $"Nhà số {i} bị mất xe máy" : i is 3 or 7 or 13 or 17 or 23 ? "Có người trộm chó ban đêm" : $"Tiếng ồn karaoke lúc {i} giờ";
            var user = i is 5 or 12 or 19 ? Wanderer : $"80000000000000{i:D5}";
            ids.Add((await _desk.RecordAsync(_desk.Text($"m{i}", text, oas[i % 3], user))).CaseId);
        }

        return ids;
    }

    private Task<DeskUser> UserAsync(string userName) => _desk.DbAsync(async db =>
    {
        var s = await db.Staff.Include(x => x.Unit).SingleAsync(x => x.UserName == userName, Ct);
        return new DeskUser(s.Id, s.UserName, s.DisplayName, s.Role, s.UnitId, s.Unit.Path);
    });

    private async Task<CasePage> PageAsync(DeskUser user, CaseFilter filter, int window)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var search = new CaseSearch(sp.GetRequiredService<DeskDbContext>(), sp.GetRequiredService<CaseAccess>(),
            sp.GetRequiredService<IOptionsMonitor<DeadlineOptions>>(), sp.GetRequiredService<TimeProvider>()) { SearchWindow = window };
        return (await search.SearchAsync(user, filter, Ct))!;
    }

    /// <summary>The straightforward query: every match through the indexes, then ordered.</summary>
    private async Task<List<int>> ExpectedAsync(DeskUser user, CaseFilter filter)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        var query = await scope.ServiceProvider.GetRequiredService<CaseSearch>().QueryAsync(user, filter, Ct);
        return await query!.Select(c => c.Id).ToListAsync(Ct);
    }

    private async Task<List<int>> ByCursorAsync(DeskUser user, CaseFilter filter, int window)
    {
        var seen = new List<int>();
        for (CaseCursor? at = null; ;)
        {
            var page = await PageAsync(user, filter with { After = at }, window);
            seen.AddRange(page.Items.Select(i => i.Id));
            if ((at = page.Next) is null)
            {
                return seen;
            }
        }
    }

    private async Task<List<int>> ByOffsetAsync(DeskUser user, CaseFilter filter, int window, int pages)
    {
        var seen = new List<int>();
        for (var p = 1; p <= pages; p++)
        {
            seen.AddRange((await PageAsync(user, filter with { Page = p }, window)).Items.Select(i => i.Id));
        }

        return seen;
    }

    [Theory]
    [InlineData("common")]
    [InlineData("rare")]
    [InlineData("number")]
    [InlineData("raw id")]
    public async Task Every_window_pages_through_the_same_rows_in_the_same_order_as_the_straightforward_query(string kind)
    {
        await SeedAsync();
        var firstNumber = await _desk.DbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Number).FirstAsync(Ct));
        var q = kind switch { "common" => Common, "rare" => Rare, "number" => firstNumber[..^1], _ => Wanderer };
        var users = new[] { await UserAsync(TraVinhSeed.AdminUserName), await UserAsync("canbo.tptravinh") };

        foreach (var user in users)
        {
            foreach (var order in new[] { CaseOrder.LastActivity, CaseOrder.NextDeadline })
            {
                var filter = new CaseFilter(Query: q, PageSize: 2, Order: order);
                var expected = await ExpectedAsync(user, filter);
                // The administrator's list crosses page boundaries; the officer sees part of it.
                Assert.True(user.IsAdministrator ? expected.Count > 2 : expected.Count > 0, $"{kind} must match for {user.UserName}");
                foreach (var window in Windows)
                {
                    var because = $"{kind}, {user.UserName}, {order}, window {window}";
                    Assert.True(expected.SequenceEqual(await ByCursorAsync(user, filter, window)), because + " (cursor)");
                    Assert.True(expected.SequenceEqual(await ByOffsetAsync(user, filter, window, (expected.Count + 1) / 2)), because + " (offset)");
                }
            }
        }
    }

    [Fact]
    public async Task The_total_is_exact_within_the_whole_list_and_a_lower_bound_counted_in_the_window_otherwise()
    {
        await SeedAsync();
        var admin = await UserAsync(TraVinhSeed.AdminUserName);
        var filter = new CaseFilter(Query: Common, PageSize: 2);
        var headMatches = (await ExpectedAsync(admin, new CaseFilter())).Take(7).Intersect(await ExpectedAsync(admin, filter)).Count();

        var whole = await PageAsync(admin, filter, 1_000);
        var window = await PageAsync(admin, filter, 7);
        var few = await PageAsync(admin, filter, 3);

        Assert.Equal((12, (int?)null, false), (whole.Total, whole.CountedWithin, whole.TotalIsLowerBound));
        // The newest 7 cases hold 3 matches, more than a page of 2: counted there only.
        Assert.Equal((3, 3, (int?)7, true), (headMatches, window.Total, window.CountedWithin, window.TotalIsLowerBound));
        // The newest 3 hold no more than a page: the word index counts every match.
        Assert.Equal((12, (int?)null), (few.Total, few.CountedWithin));
    }

    [Fact]
    public async Task A_windowed_total_says_how_many_of_the_users_own_cases_it_looked_at()
    {
        await SeedAsync();
        var officer = await UserAsync("canbo.tptravinh");

        // The desk's newest 9 cases hold 6 of TP Trà Vinh's and Phường 1's (the officer's list), 3 of them about a motorbike.
        var page = await PageAsync(officer, new CaseFilter(Query: Common, PageSize: 2), 9);

        Assert.Equal((3, (int?)6), (page.Total, page.CountedWithin));
    }

    [Fact]
    public async Task The_inbox_and_the_api_say_that_a_windowed_total_is_a_lower_bound_and_how_far_it_counted()
    {
        // 60 cases, every other one about a motorbike: the newest 54 hold 27 of them, more than the
        // inbox's page of 25, so a window of 54 answers and counts only there.
        for (var i = 0; i < 60; i++)
        {
            _state.Time.Advance(TimeSpan.FromMinutes(1));
            await _desk.RecordAsync(_desk.Text($"m{i}", i % 2 == 0 ? "Mất xe máy" : "Tiếng ồn", user: $"80000000000000{i:D5}"));
        }

        using var windowed = _desk.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped(sp => new CaseSearch(
            sp.GetRequiredService<DeskDbContext>(), sp.GetRequiredService<CaseAccess>(), sp.GetRequiredService<IOptionsMonitor<DeadlineOptions>>(),
            sp.GetRequiredService<TimeProvider>()) { SearchWindow = 54 })));
        var client = windowed.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(client, TraVinhSeed.AdminUserName)).Dispose();
        var q = Uri.EscapeDataString(Common);

        var html = await client.GetStringAsync($"/?q={q}", Ct);
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/cases?q={q}&pageSize=25", Ct);
        var exact = await (await _desk.SignInAsync(TraVinhSeed.AdminUserName)).GetStringAsync($"/?q={q}", Ct);

        Assert.Contains("Ít nhất 27 hồ sơ khớp — mới đếm trong 54 hồ sơ đầu danh sách, phần sau chưa đếm — trang 1<", html, StringComparison.Ordinal);
        Assert.Equal((27, 54), (api.GetProperty("total").GetInt32(), api.GetProperty("countedWithin").GetInt32()));
        Assert.Contains("30 hồ sơ — trang 1/2", exact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_never_finds_another_units_cases_by_words_number_raw_id_or_a_forged_cursor()
    {
        var ids = await SeedAsync();
        var officer = await UserAsync("canbo.canglong");
        var cangLong = await _desk.UnitIdAsync("CAH-CANGLONG");
        var other = await _desk.DbAsync(db => db.Cases.Where(c => c.UnitId != cangLong).OrderByDescending(c => c.Id).Select(c => new { c.Id, c.Number, c.LastActivityAt }).FirstAsync(Ct));
        // A cursor placed just above another unit's newest case: only a position, never a permission.
        var forged = new CaseCursor(other.LastActivityAt.AddTicks(1), other.Id);

        foreach (var window in Windows)
        {
            foreach (var q in new[] { Common, Rare, other.Number, other.Number[..^1], Wanderer })
            {
                var found = new List<int>();
                foreach (var after in new[] { null, forged })
                {
                    found.AddRange((await PageAsync(officer, new CaseFilter(Query: q, PageSize: 50, After: after), window)).Items.Select(i => i.Id));
                }

                var theirs = await _desk.DbAsync(db => db.Cases.Where(c => found.Contains(c.Id)).Select(c => c.UnitId).Distinct().ToListAsync(Ct));
                Assert.True(theirs.All(u => u == cangLong), $"'{q}', window {window}: another unit's case was listed");
            }

            Assert.Null(await PageAsync(officer, new CaseFilter(Query: Common, UnitId: await _desk.UnitIdAsync("CATP-TRAVINH")), window));
        }

        Assert.NotEmpty(ids);
    }
}
