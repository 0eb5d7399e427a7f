using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The live stream (<c>/live/events</c>, server-sent events): what an officer hears of, and what
/// they never hear of, on one instance and across two.
/// </summary>
public sealed class LiveTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public LiveTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task New_report_reaches_an_officer_of_the_unit_as_a_report_event()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await using var stream = await LiveStream.OpenAsync(client);

        await _desk.SendTextAsync("Có cháy nhà ở phường 1", user: "8000000000000000101");

        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var e = await stream.NextAsync();
        Assert.Equal(("report", caseId), (e.Name, e.CaseId));
    }

    [Fact]
    public async Task Officer_never_hears_of_a_case_of_another_unit_even_from_cursor_zero()
    {
        await _desk.SendTextAsync("Tin của TP Trà Vinh", oaId: DeskFactory.OaTpTraVinh, user: "8000000000000000201");
        var client = await _desk.SignInAsync("canbo.canglong");
        // A forged cursor asks for everything since the start.
        await using var stream = await LiveStream.OpenAsync(client, lastEventId: "0");

        await _desk.SendTextAsync("Tin của TP Trà Vinh, lần hai", oaId: DeskFactory.OaTpTraVinh, user: "8000000000000000201");
        await _desk.SendTextAsync("Tin của Càng Long", oaId: DeskFactory.OaCangLong, user: "8000000000000000202");

        var ids = await _desk.DbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct));
        var (tpCase, cangLongCase) = (ids[0], ids[1]);
        // Changes are streamed in order, so TP Trà Vinh's, being earlier, would have come first.
        var e = await stream.NextAsync();
        Assert.Equal(("report", cangLongCase), (e.Name, e.CaseId));
        Assert.DoesNotContain(stream.Seen, x => x.CaseId == tpCase);
    }

    [Fact]
    public async Task Transferred_case_keeps_reaching_the_unit_that_sent_it_which_still_oversees_it()
    {
        await _desk.SendTextAsync("Tin ban đầu", user: "8000000000000000311");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var tp = await _desk.UnitIdAsync("CATP-TRAVINH");
        var phuong1 = await _desk.UnitIdAsync("CAP1-TPTRAVINH");
        await _desk.DbAsync(async db =>
        {
            var officer = await db.Staff.Where(s => s.UnitId == tp).Select(s => s.Id).FirstAsync(Ct);
            db.Transfers.Add(new Cases.CaseTransfer { CaseId = caseId, FromUnitId = tp, ToUnitId = phuong1, ByStaffId = officer, At = _state.Time.GetUtcNow() });
            await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UnitId, phuong1), Ct);
            return await db.SaveChangesAsync(Ct);
        });
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await using var stream = await LiveStream.OpenAsync(client);

        await _desk.SendTextAsync("Tin bổ sung sau khi chuyển", user: "8000000000000000311");

        var e = await stream.NextAsync();
        Assert.Equal(caseId, e.CaseId);
    }

    [Fact]
    public async Task Case_moved_to_another_unit_without_a_transfer_stops_reaching_the_unit_it_left()
    {
        await _desk.SendTextAsync("Tin ban đầu", user: "8000000000000000301");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var cangLong = await _desk.UnitIdAsync("CAH-CANGLONG");
        await _desk.DbAsync(db => db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.UnitId, cangLong), Ct));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await using var stream = await LiveStream.OpenAsync(client);

        await _desk.SendTextAsync("Tin bổ sung sau khi chuyển", user: "8000000000000000301");
        await _desk.SendTextAsync("Tin mới của TP", user: "8000000000000000302");

        var e = await stream.NextAsync();
        Assert.NotEqual(caseId, e.CaseId);
        Assert.DoesNotContain(stream.Seen, x => x.CaseId == caseId);
    }

    [Fact]
    public async Task Reconnect_with_Last_Event_ID_gets_the_changes_it_missed()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        string cursor;
        await using (var first = await LiveStream.OpenAsync(client))
        {
            await _desk.SendTextAsync("Tin một", user: "8000000000000000401");
            cursor = (await first.NextAsync()).Id!;
        }

        await _desk.SendTextAsync("Tin hai", user: "8000000000000000402");
        await using var second = await LiveStream.OpenAsync(client, lastEventId: cursor);

        var secondCase = await _desk.DbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Id).LastAsync(Ct));
        var e = await second.NextAsync();
        Assert.Equal(("report", secondCase), (e.Name, e.CaseId));
    }

    [Theory]
    [InlineData(true, "Đã thêm ghi chú.")]
    [InlineData(false, "")]
    public async Task Live_refresh_between_a_post_and_its_redirect_leaves_the_notice_for_the_redirected_page(bool liveHeader, string expected)
    {
        // The page an officer submitted from refreshes its conversation while the browser follows the
        // redirect; only the live refresh (marked by its header) must leave the notice in place. The
        // plain request shows what the header protects against: any read of the page takes the notice.
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        using var posted = await CaseWorkflowTests.PostAsync(client, c.CaseId, "Note", new() { ["text"] = "Đã gọi lại cho người dân" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        using var refresh = new HttpRequestMessage(HttpMethod.Get, $"/Cases/{c.CaseId}?handler=Messages");
        if (liveHeader)
        {
            refresh.Headers.Add("X-Desk-Live", "1");
        }

        using var refreshed = await client.SendAsync(refresh, Ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        var html = await client.GetStringAsync($"/Cases/{c.CaseId}", Ct);
        var notice = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"flash ok\" role=\"status\">([^<]*)</div>").Groups[1].Value;
        Assert.Equal(expected, WebUtility.HtmlDecode(notice));
    }

    [Fact]
    public async Task Stream_refuses_anyone_not_signed_in()
    {
        using var client = _desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/live/events", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Change_stored_by_one_instance_reaches_a_client_of_another()
    {
        using var b = new DeskFactory(_state);
        var client = await b.SignInAsync("canbo.tptravinh");
        await using var stream = await LiveStream.OpenAsync(client);

        // Instance A (this test's _desk) records the citizen's message; B learns it from the database.
        await _desk.SendTextAsync("Tin gửi tới phiên bản A", user: "8000000000000000501");

        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var next = stream.NextAsync();
        while (!next.IsCompleted)
        {
            // B looks every Desk:Live:PollInterval (2 s) of the shared fake clock.
            _state.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.WhenAny(next, Task.Delay(50, Ct));
        }

        var e = await next;
        Assert.Equal(("report", caseId), (e.Name, e.CaseId));
    }
}

/// <summary>One open <c>/live/events</c> stream, read event by event (comments and id-only blocks skipped).</summary>
internal sealed class LiveStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private LiveStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>Every event read so far.</summary>
    public List<LiveEvent> Seen { get; } = [];

    public static async Task<LiveStream> OpenAsync(HttpClient client, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/live/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var stream = new LiveStream(response, reader);
        // The opening block (retry, cursor) says the stream is up.
        Assert.StartsWith("retry: ", await reader.ReadLineAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        return stream;
    }

    /// <summary>The next named event, within 10 seconds.</summary>
    public async Task<LiveEvent> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        string? name = null, id = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.Length == 0)
            {
                if (name is not null)
                {
                    using var json = JsonDocument.Parse(data ?? "{}");
                    var e = new LiveEvent(name, id, json.RootElement.TryGetProperty("caseId", out var c) ? c.GetInt32() : null);
                    Seen.Add(e);
                    return e;
                }

                (name, id, data) = (null, null, null);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed record LiveEvent(string Name, string? Id, int? CaseId);
