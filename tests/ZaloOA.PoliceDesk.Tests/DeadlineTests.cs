using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Deadlines on a fake clock: stamped from the citizen's first message, the first reply
/// measured to the first officer reply sent, the one late/due-soon rule in the inbox, province
/// targets, Vietnam time.</summary>
public sealed class DeadlineTests : IDisposable
{
    private const string Citizen = "8000000000000000001";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public DeadlineTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => _state.Time.GetUtcNow();

    private Task<CitizenCase> CaseAsync(int id) => _desk.DbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        fields["__RequestVerificationToken"] = await DeskFactory.AntiforgeryTokenAsync(client, tokenFrom ?? path);
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync(path, form, Ct);
    }

    private async Task ReplyAsync(HttpClient client, int caseId, string text)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{caseId}");
        using var form = new MultipartFormDataContent { { new StringContent(text), "text" }, { new StringContent(token), "__RequestVerificationToken" } };
        using var response = await client.PostAsync($"/Cases/{caseId}?handler=Reply", form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The reply counts once it is sent: the outbox worker sends it and stamps the case.
        await _desk.SendQueuedAsync();
    }

    private async Task<IReadOnlyList<string>> InboxNumbersAsync(DeadlineState? state, CaseOrder order = CaseOrder.LastActivity)
    {
        await using var scope = _desk.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<DeskDbContext>().Staff.Include(s => s.Unit).SingleAsync(s => s.UserName == TraVinhSeed.AdminUserName, Ct);
        var page = await scope.ServiceProvider.GetRequiredService<CaseSearch>().SearchAsync(
            new Access.DeskUser(admin.Id, admin.UserName, admin.DisplayName, admin.Role, admin.UnitId, admin.Unit.Path),
            new CaseFilter(Deadline: state, Order: order), Ct);
        return [.. page!.Items.Select(i => i.Number)];
    }

    [Fact]
    public async Task A_new_case_is_due_from_the_citizens_first_message()
    {
        var first = Now;
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        _state.Time.Advance(TimeSpan.FromMinutes(30));
        await _desk.RecordAsync(_desk.Text("m2", "Có ai không?", user: Citizen));

        var saved = await CaseAsync(c.CaseId);

        Assert.Equal(first, saved.FirstMessageAt);
        Assert.Equal(first + TimeSpan.FromHours(4), saved.FirstReplyDueAt);
        Assert.Equal(first + TimeSpan.FromDays(7), saved.HandlingDueAt);
        Assert.Null(saved.FirstReplySeconds);
    }

    [Fact]
    public async Task The_first_reply_time_runs_from_the_first_message_to_the_first_officer_reply_sent()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        _state.Time.Advance(TimeSpan.FromMinutes(40));
        await _desk.RecordAsync(_desk.Text("m2", "Nhà tôi bị mất trộm", user: Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        _state.Time.Advance(TimeSpan.FromMinutes(50));

        await ReplyAsync(client, c.CaseId, "Chúng tôi đã tiếp nhận.");
        _state.Time.Advance(TimeSpan.FromMinutes(10));
        await ReplyAsync(client, c.CaseId, "Cán bộ sẽ liên hệ.");

        var saved = await CaseAsync(c.CaseId);
        Assert.Equal(90 * 60, saved.FirstReplySeconds);
        Assert.Equal(saved.FirstMessageAt + TimeSpan.FromMinutes(90), saved.FirstResponseAt);
    }

    [Fact]
    public async Task An_unanswered_case_is_due_soon_within_the_warning_and_late_after_its_deadline()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));

        _state.Time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await InboxNumbersAsync(DeadlineState.DueSoon));
        Assert.Empty(await InboxNumbersAsync(DeadlineState.Late));

        _state.Time.Advance(TimeSpan.FromMinutes(61)); // 3 h 01: inside the 1-hour warning
        Assert.Equal([c.CaseNumber], await InboxNumbersAsync(DeadlineState.DueSoon));
        Assert.Empty(await InboxNumbersAsync(DeadlineState.Late));

        _state.Time.Advance(TimeSpan.FromMinutes(60)); // 4 h 01: past the 4-hour first-reply target
        Assert.Empty(await InboxNumbersAsync(DeadlineState.DueSoon));
        Assert.Equal([c.CaseNumber], await InboxNumbersAsync(DeadlineState.Late));
    }

    [Fact]
    public async Task A_reply_ends_the_first_reply_deadline_and_handling_becomes_the_next()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        _state.Time.Advance(TimeSpan.FromHours(5));
        Assert.Equal([c.CaseNumber], await InboxNumbersAsync(DeadlineState.Late));

        await ReplyAsync(client, c.CaseId, "Đã tiếp nhận.");

        Assert.Empty(await InboxNumbersAsync(DeadlineState.Late));
        _state.Time.Advance(TimeSpan.FromDays(6) + TimeSpan.FromHours(1)); // 6 d 6 h: handling due within a day
        Assert.Equal([c.CaseNumber], await InboxNumbersAsync(DeadlineState.DueSoon));
        _state.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal([c.CaseNumber], await InboxNumbersAsync(DeadlineState.Late));
    }

    [Fact]
    public async Task A_closed_case_is_never_late_and_records_its_handling_time()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        _state.Time.Advance(TimeSpan.FromDays(8));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        // The workflow closes a case from "in progress" (Cases/CaseWorkflow).
        using (var picked = await PostAsync(client, $"/Cases/{c.CaseId}?handler=Status", new() { ["status"] = nameof(CaseStatus.InProgress) }, $"/Cases/{c.CaseId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        }

        using var response = await PostAsync(client, $"/Cases/{c.CaseId}?handler=Status", new() { ["status"] = nameof(CaseStatus.Resolved) }, $"/Cases/{c.CaseId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await InboxNumbersAsync(DeadlineState.Late));
        Assert.Equal(8 * 24 * 3600, (await CaseAsync(c.CaseId)).HandlingSeconds);
    }

    [Fact]
    public async Task The_stored_next_deadline_follows_the_first_reply_and_the_closing()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        var opened = await CaseAsync(c.CaseId);
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await ReplyAsync(client, c.CaseId, "Đã tiếp nhận");
        var answered = await CaseAsync(c.CaseId);
        using (await PostAsync(client, $"/Cases/{c.CaseId}?handler=Status", new() { ["status"] = nameof(CaseStatus.InProgress) }, $"/Cases/{c.CaseId}"))
        {
        }

        using var closing = await PostAsync(client, $"/Cases/{c.CaseId}?handler=Status", new() { ["status"] = nameof(CaseStatus.Resolved) }, $"/Cases/{c.CaseId}");
        var closed = await CaseAsync(c.CaseId);

        Assert.Equal((Now + TimeSpan.FromHours(4), Now + TimeSpan.FromHours(4)), (opened.FirstReplyDueAt, opened.NextDueAt));
        Assert.Equal((answered.HandlingDueAt, answered.HandlingDueAt), (answered.NextDueAt, closed.HandlingDueAt));
        Assert.Equal((CaseStatus.Resolved, null), (closed.Status, closed.NextDueAt));
    }

    [Fact]
    public async Task The_start_up_backfill_reads_only_the_index_of_unstamped_cases()
    {
        await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));

        var plan = await _desk.DbAsync(async db =>
        {
            var sql = string.Join('\n', CaseClock.Unstamped(db, 500).ToQueryString().Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync(Ct);
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            var p = command.CreateParameter();
            p.ParameterName = System.Text.RegularExpressions.Regex.Match(sql, "@[A-Za-z_0-9]+").Value;
            p.Value = 500;
            command.Parameters.Add(p);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                rows.Add(reader.GetString(3));
            }

            return string.Join(" | ", rows);
        });

        Assert.Equal("SCAN c USING INDEX IX_Cases_Unstamped", plan);
    }

    [Fact]
    public async Task The_late_first_order_puts_the_most_overdue_case_first()
    {
        var older = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        _state.Time.Advance(TimeSpan.FromHours(1));
        var newer = await _desk.RecordAsync(_desk.Text("m2", "Xin chào", user: "8000000000000000002"));
        _state.Time.Advance(TimeSpan.FromMinutes(5));
        // Activity on the older case puts it first by activity, not by deadline.
        await _desk.RecordAsync(_desk.Text("m3", "Còn đó không?", user: Citizen));

        Assert.Equal([older.CaseNumber, newer.CaseNumber], await InboxNumbersAsync(null, CaseOrder.NextDeadline));
        Assert.Equal([older.CaseNumber, newer.CaseNumber], await InboxNumbersAsync(null));
        _state.Time.Advance(TimeSpan.FromMinutes(1));
        await _desk.RecordAsync(_desk.Text("m4", "Xin chào lần nữa", user: "8000000000000000002"));
        Assert.Equal([newer.CaseNumber, older.CaseNumber], await InboxNumbersAsync(null));
        Assert.Equal([older.CaseNumber, newer.CaseNumber], await InboxNumbersAsync(null, CaseOrder.NextDeadline));
    }

    [Fact]
    public async Task The_inbox_page_highlights_a_late_case_and_filters_late_ones()
    {
        var late = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        _state.Time.Advance(TimeSpan.FromHours(5));
        var fresh = await _desk.RecordAsync(_desk.Text("m2", "Xin chào", user: "8000000000000000002"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var all = await client.GetStringAsync("/", Ct);
        var onlyLate = await client.GetStringAsync("/?deadline=Late", Ct);

        Assert.Matches($"<tr class=\"late\" data-deadline=\"Late\">\\s*<td data-label=\"Mã hồ sơ\"><a href=\"/Cases/{late.CaseId}\">", all);
        Assert.Matches($"<tr data-deadline=\"None\">\\s*<td data-label=\"Mã hồ sơ\"><a href=\"/Cases/{fresh.CaseId}\">", all);
        Assert.Contains("Trả lời trước 10/03/2026 13:00", all, StringComparison.Ordinal); // 02:00 UTC + 4 h, in Vietnam time
        Assert.Contains(late.CaseNumber, onlyLate, StringComparison.Ordinal);
        Assert.DoesNotContain(fresh.CaseNumber, onlyLate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_province_target_applies_to_new_cases_and_a_field_change_re_stamps_from_the_first_message()
    {
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);
        using (var saved = await PostAsync(admin, "/Deadlines", new() { ["category"] = nameof(CaseCategory.CrimeAndViolations), ["firstReplyHours"] = "0,5", ["handlingDays"] = "3" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var theft = await _desk.RecordAsync(_desk.Text("m1", "Nhà tôi bị trộm cắp xe máy", user: Citizen));
        var other = await _desk.RecordAsync(_desk.Text("m2", "Xin chào", user: "8000000000000000002"));
        var first = (await CaseAsync(other.CaseId)).FirstMessageAt!.Value;
        _state.Time.Advance(TimeSpan.FromHours(2));
        using (var changed = await PostAsync(admin, $"/Cases/{other.CaseId}?handler=Category", new() { ["category"] = nameof(CaseCategory.CrimeAndViolations) }, $"/Cases/{other.CaseId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var t = await CaseAsync(theft.CaseId);
        Assert.Equal((CaseCategory.CrimeAndViolations, t.FirstMessageAt + TimeSpan.FromMinutes(30), t.FirstMessageAt + TimeSpan.FromDays(3)), (t.Category, t.FirstReplyDueAt, t.HandlingDueAt));
        var o = await CaseAsync(other.CaseId);
        Assert.Equal((first + TimeSpan.FromMinutes(30), first + TimeSpan.FromDays(3)), (o.FirstReplyDueAt!.Value, o.HandlingDueAt!.Value));
        var entry = await _desk.DbAsync(db => db.Audit.Where(a => a.Action == DeadlineAuditActions.TargetChanged).SingleAsync(Ct));
        Assert.Equal("Tội phạm, vi phạm pháp luật: mặc định → 30/4320 phút", entry.Detail);
    }

    [Fact]
    public async Task Only_a_provincial_administrator_may_set_targets()
    {
        var officer = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostAsync(officer, "/Deadlines", new() { ["category"] = nameof(CaseCategory.Other), ["firstReplyHours"] = "1", ["handlingDays"] = "1" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await _desk.DbAsync(db => db.DeadlineTargets.AnyAsync(Ct)));
    }

    [Fact]
    public async Task A_first_reply_target_longer_than_handling_is_refused()
    {
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await PostAsync(admin, "/Deadlines", new() { ["category"] = nameof(CaseCategory.Other), ["firstReplyHours"] = "48", ["handlingDays"] = "1" });
        var page = await admin.GetStringAsync("/Deadlines", Ct);

        Assert.Contains("Thời hạn phản hồi đầu tiên không được dài hơn thời hạn xử lý.", page, StringComparison.Ordinal);
        Assert.False(await _desk.DbAsync(db => db.DeadlineTargets.AnyAsync(Ct)));
    }

    [Fact]
    public async Task Configured_defaults_apply_per_field()
    {
        using var desk = new DeskFactory(_state).WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Desk:Deadlines:Categories:TrafficSafety:FirstReply"] = "00:45:00",
        })));
        await using var scope = desk.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<Intake.CaseIntakeService>().RecordInboundAsync(_desk.Text("m1", "Tai nạn giao thông ở ngã tư", user: Citizen), Ct);

        var saved = await scope.ServiceProvider.GetRequiredService<DeskDbContext>().Cases.SingleAsync(c => c.Id == result.CaseId, Ct);

        Assert.Equal((TimeSpan.FromMinutes(45), TimeSpan.FromDays(7)), (saved.FirstReplyDueAt - saved.FirstMessageAt, saved.HandlingDueAt - saved.FirstMessageAt));
    }

    [Fact]
    public async Task Cases_from_before_deadlines_get_their_clock_at_start_up()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào", user: Citizen));
        await _desk.DbAsync(db => db.Cases.ExecuteUpdateAsync(s => s.SetProperty(x => x.FirstMessageAt, (DateTimeOffset?)null).SetProperty(x => x.FirstReplyDueAt, (DateTimeOffset?)null), Ct));
        _desk.Dispose();

        using var restarted = new DeskFactory(_state);
        var saved = await restarted.DbAsync(db => db.Cases.SingleAsync(x => x.Id == c.CaseId, Ct));

        Assert.Equal(saved.CreatedAt + TimeSpan.FromHours(4), saved.FirstReplyDueAt);
    }

    [Fact]
    public void Times_are_shown_in_Vietnam_time()
    {
        Assert.Equal("01/01/2027 06:30", new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero).VnTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 0, 0, TimeSpan.Zero), VietnamTime.StartOfDay(new DateOnly(2026, 3, 10)));
        Assert.Equal(new DateOnly(2026, 3, 11), VietnamTime.DateOf(new DateTimeOffset(2026, 3, 10, 17, 0, 0, TimeSpan.Zero)));
    }
}
