using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Privacy;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The inbox's text search on SQLite (issue 18): each case's one search column, kept by
/// the save hook (<see cref="CaseSearchText"/>) whichever path stores a message, matched as a
/// substring of the folded text (PostgreSQL's word search: <see cref="PostgreSqlDeskDataTests"/>).</summary>
public sealed class CaseSearchTextTests : IDisposable
{
    private const string Citizen = "8000000000000000001";
    private const string Other = "8000000000000000002";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public CaseSearchTextTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<string>> SearchAsync(string q)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<DeskDbContext>().Staff.Include(s => s.Unit).SingleAsync(s => s.UserName == TraVinhSeed.AdminUserName, Ct);
        var page = await scope.ServiceProvider.GetRequiredService<CaseSearch>().SearchAsync(
            new DeskUser(admin.Id, admin.UserName, admin.DisplayName, admin.Role, admin.UnitId, admin.Unit.Path), new CaseFilter(Query: q), Ct);
        return [.. page!.Items.Select(i => i.Number)];
    }

    [Fact]
    public async Task Every_message_of_a_case_lands_folded_in_its_one_search_column()
    {
        var first = await _desk.RecordAsync(_desk.Text("m1", "Nhà tôi bị MẤT xe máy!", user: Citizen));
        await _desk.RecordAsync(_desk.Text("m2", "Đường Lê Lợi, lúc 9 giờ", user: Citizen));

        var searchText = await _desk.DbAsync(db => db.Cases.Where(c => c.Id == first.CaseId).Select(c => c.SearchText).SingleAsync(Ct));

        Assert.Equal("nha toi bi mat xe may duong le loi luc 9 gio", searchText);
    }

    [Fact]
    public async Task An_officer_reply_is_searchable_on_its_case()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        await _desk.RecordAsync(_desk.Text("m2", "Xin chào", user: Other));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{c.CaseId}");
        using var form = new MultipartFormDataContent { { new StringContent("Đã tiếp nhận, mời anh lên trụ sở"), "text" }, { new StringContent(token), "__RequestVerificationToken" } };
        using var response = await client.PostAsync($"/Cases/{c.CaseId}?handler=Reply", form, Ct);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal([c.CaseNumber], await SearchAsync("tru so"));
    }

    [Fact]
    public async Task Search_matches_with_or_without_diacritics_and_in_any_case()
    {
        var theft = await _desk.RecordAsync(_desk.Text("m1", "Nhà tôi bị mất xe máy", user: Citizen));
        await _desk.RecordAsync(_desk.Text("m2", "Tai nạn giao thông", user: Other));

        Assert.Equal([theft.CaseNumber], await SearchAsync("XE MÁY"));
        Assert.Equal([theft.CaseNumber], await SearchAsync("xe may"));
        Assert.Equal([theft.CaseNumber], await SearchAsync(theft.CaseNumber[^4..]));
        Assert.Empty(await SearchAsync("xe đạp"));
    }

    [Fact]
    public async Task An_erased_case_is_no_longer_found_by_its_words()
    {
        var theft = await _desk.RecordAsync(_desk.Text("m1", "Nhà tôi bị mất xe máy", user: Citizen));
        await using (var scope = _desk.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CaseAnonymizer>().EraseAsync([theft.CaseId], (_, _) => { }, Ct);
        }

        var searchText = await _desk.DbAsync(db => db.Cases.Where(c => c.Id == theft.CaseId).Select(c => c.SearchText).SingleAsync(Ct));

        Assert.Null(searchText);
        Assert.Empty(await SearchAsync("xe may"));
    }

    [Fact]
    public void The_search_column_stops_growing_at_a_word_boundary()
    {
        var full = new string('a', CaseSearchText.MaxLength - 3);

        Assert.Equal(full + " bb", CaseSearchText.Append(full, "bb"));
        Assert.Equal(full + " bb", CaseSearchText.Append(full + " bb", "cc"));
        Assert.Equal("x y", CaseSearchText.Append("x", " y "));
        Assert.Equal("x", CaseSearchText.Append("x", "  "));
    }
}
