using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Keyset paging of the inbox and the JSON list (issue 18): a page starts after the last
/// case of the one before (<see cref="CaseCursor"/>), so cases arriving meanwhile never make a
/// boundary skip or repeat a case; cursors and page numbers from the query string are checked.</summary>
public sealed class InboxPagingTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;
    private int _citizens;

    public InboxPagingTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> NewCaseAsync(TimeSpan after)
    {
        _state.Time.Advance(after);
        var n = ++_citizens;
        var result = await _desk.RecordAsync(_desk.Text($"m{n}", "Xin chào", user: $"80000000000000{n:D5}"));
        return result.CaseId;
    }

    private async Task<CasePage> PageAsync(CaseOrder order, CaseCursor? after)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<DeskDbContext>().Staff.Include(s => s.Unit).SingleAsync(s => s.UserName == TraVinhSeed.AdminUserName, Ct);
        return (await scope.ServiceProvider.GetRequiredService<CaseSearch>().SearchAsync(
            new DeskUser(admin.Id, admin.UserName, admin.DisplayName, admin.Role, admin.UnitId, admin.Unit.Path),
            new CaseFilter(PageSize: 2, Order: order, After: after), Ct))!;
    }

    [Theory]
    [InlineData(CaseOrder.LastActivity)]
    [InlineData(CaseOrder.NextDeadline)]
    public async Task A_page_boundary_never_skips_or_repeats_a_case_when_new_cases_arrive(CaseOrder order)
    {
        // Two pairs share a timestamp, so the id tie-break is crossed by a boundary too.
        foreach (var gap in new[] { 1, 0, 5, 0, 3 })
        {
            await NewCaseAsync(TimeSpan.FromMinutes(gap));
        }

        var before = new List<int>();
        for (CaseCursor? at = null; ;)
        {
            var p = await PageAsync(order, at);
            before.AddRange(p.Items.Select(i => i.Id));
            if ((at = p.Next) is null)
            {
                break;
            }
        }

        var seen = new List<int>();
        var first = await PageAsync(order, null);
        seen.AddRange(first.Items.Select(i => i.Id));
        var arrived = new List<int>();
        var cursor = first.Next;
        while (cursor is not null)
        {
            // A new case between every two pages.
            arrived.Add(await NewCaseAsync(TimeSpan.FromMinutes(1)));
            var next = await PageAsync(order, cursor);
            seen.AddRange(next.Items.Select(i => i.Id));
            cursor = next.Next;
        }

        Assert.Equal(5, before.Count);
        Assert.Equal(before, seen.Where(id => !arrived.Contains(id)));
    }

    [Fact]
    public async Task The_api_pages_on_with_next_and_ends_with_null()
    {
        var older = await NewCaseAsync(TimeSpan.FromMinutes(1));
        var newer = await NewCaseAsync(TimeSpan.FromMinutes(1));
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/cases?pageSize=1", Ct);
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/cases?pageSize=1&after={Uri.EscapeDataString(first.GetProperty("next").GetString()!)}", Ct);

        Assert.Equal(newer, first.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal(older, second.GetProperty("items")[0].GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("after=1.2.3", "after")]
    [InlineData("after=-1.5", "after")]
    [InlineData("after=99999999999999999999.1", "after")]
    [InlineData("after=638000000000000000.0", "after")]
    [InlineData("page=41", "page")]
    public async Task The_api_answers_a_forged_cursor_or_a_deep_offset_with_a_typed_400(string query, string field)
    {
        await NewCaseAsync(TimeSpan.FromMinutes(1));
        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await client.GetAsync($"/api/cases?{query}", Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_inbox_links_the_next_page_by_cursor_and_refuses_a_forged_one()
    {
        for (var i = 0; i < 26; i++)
        {
            await NewCaseAsync(TimeSpan.FromSeconds(1));
        }

        var client = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        var html = await client.GetStringAsync("/", Ct);
        var link = System.Text.RegularExpressions.Regex.Match(html, "href=\"(\\?p=2&amp;after=[^\"]+)\">Trang sau").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var second = await client.GetStringAsync("/" + link, Ct);
        using var forged = await client.GetAsync("/?after=not-a-cursor", Ct);

        Assert.NotEmpty(link);
        Assert.Contains("trang 2/2", second, StringComparison.Ordinal);
        Assert.DoesNotContain(">Trang sau", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
