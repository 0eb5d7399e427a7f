using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The case lifecycle through the real case page handlers (signed in through the login form,
/// anti-forgery tokens from the page), each action checked in the database and in its audit entry:
/// assignment (and the form's staff id as an attacked claim), the workflow table's transitions,
/// closing reasons, merging a duplicate, reopening, the field, and a confirmed transfer.
/// </summary>
public sealed class CaseWorkflowTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public CaseWorkflowTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts a case page handler with the page's anti-forgery token; no redirect is followed.</summary>
    internal static async Task<HttpResponseMessage> PostAsync(HttpClient client, int caseId, string handler, Dictionary<string, string> fields, int? tokenFromCase = null)
    {
        fields["__RequestVerificationToken"] = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{tokenFromCase ?? caseId}");
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"/Cases/{caseId}?handler={handler}", form, Ct);
    }

    private Task<CitizenCase> CaseAsync(int id) => _desk.DbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id, Ct));

    private Task<List<AuditEntry>> AuditAsync(int caseId, string action) =>
        _desk.DbAsync(db => db.Audit.AsNoTracking().Where(a => a.CaseId == caseId && a.Action == action).OrderBy(a => a.Id).ToListAsync(Ct));

    private Task<int> StaffIdAsync(string userName) => _desk.DbAsync(db => db.Staff.Where(s => s.UserName == userName).Select(s => s.Id).SingleAsync(Ct));

    private async Task SetStatusAsync(HttpClient client, int caseId, CaseStatus status, string? reason = null)
    {
        var fields = new Dictionary<string, string> { ["status"] = status.ToString() };
        if (reason is not null)
        {
            fields["reason"] = reason;
        }

        using var response = await PostAsync(client, caseId, "Status", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The flash message the page shows after the redirect.</summary>
    private static async Task<string> FlashAsync(HttpClient client, int caseId)
    {
        var html = await client.GetStringAsync($"/Cases/{caseId}", Ct);
        var start = html.IndexOf("class=\"flash ", StringComparison.Ordinal);
        return start < 0 ? "" : WebUtility.HtmlDecode(html[(html.IndexOf('>', start) + 1)..html.IndexOf("</div>", start, StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task Assigning_an_officer_of_the_handling_unit_picks_up_the_case_with_an_audit_entry()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var me = await StaffIdAsync("canbo.tptravinh");

        using var response = await PostAsync(client, c.CaseId, "Assign", new() { ["staffId"] = Id(me) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CaseAsync(c.CaseId);
        Assert.Equal((me, CaseStatus.InProgress), (after.AssignedToId, after.Status));
        var entry = Assert.Single(await AuditAsync(c.CaseId, AuditActions.Assigned));
        Assert.Equal((me, "Cán bộ Công an TP Trà Vinh"), (entry.ActorId, entry.Detail));
    }

    [Fact]
    public async Task Assigning_staff_of_another_unit_is_refused_and_changes_nothing()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostAsync(client, c.CaseId, "Assign", new() { ["staffId"] = Id(await StaffIdAsync("canbo.canglong")) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await CaseAsync(c.CaseId);
        Assert.Equal((null, CaseStatus.New), (after.AssignedToId, after.Status));
        Assert.Empty(await AuditAsync(c.CaseId, AuditActions.Assigned));
    }

    [Fact]
    public async Task Assigning_a_staff_id_that_does_not_exist_is_refused_with_a_message()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostAsync(client, c.CaseId, "Assign", new() { ["staffId"] = "987654" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Không tìm thấy cán bộ.", await FlashAsync(client, c.CaseId));
        Assert.Null((await CaseAsync(c.CaseId)).AssignedToId);
        Assert.Empty(await AuditAsync(c.CaseId, AuditActions.Assigned));
    }

    [Fact]
    public async Task Resolving_sets_the_closing_time_and_writes_the_status_change()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await SetStatusAsync(client, c.CaseId, CaseStatus.InProgress);
        _state.Time.Advance(TimeSpan.FromHours(5));

        await SetStatusAsync(client, c.CaseId, CaseStatus.Resolved);

        var after = await CaseAsync(c.CaseId);
        Assert.Equal((CaseStatus.Resolved, _state.Time.GetUtcNow()), (after.Status, after.ClosedAt));
        Assert.Equal(["Mới → Đang xử lý", "Đang xử lý → Đã giải quyết"], (await AuditAsync(c.CaseId, AuditActions.StatusChanged)).Select(a => a.Detail));
    }

    [Fact]
    public async Task A_status_the_table_does_not_allow_from_the_current_one_is_refused()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        await SetStatusAsync(client, c.CaseId, CaseStatus.Resolved);

        Assert.Equal("Không thể chuyển từ \"Mới\" sang \"Đã giải quyết\". Có thể chọn: Đang xử lý, Đã trả lời, Không thuộc thẩm quyền, Từ chối / tin rác, Trùng, đã gộp.",
            await FlashAsync(client, c.CaseId));
        var after = await CaseAsync(c.CaseId);
        Assert.Equal((CaseStatus.New, null), (after.Status, after.ClosedAt));
        Assert.Empty(await AuditAsync(c.CaseId, AuditActions.StatusChanged));
    }

    [Fact]
    public async Task Transferred_cannot_be_set_by_hand()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        await SetStatusAsync(client, c.CaseId, CaseStatus.Transferred);

        Assert.Equal("Trạng thái \"Đã chuyển\" chỉ được đặt khi chuyển hồ sơ sang đơn vị khác.", await FlashAsync(client, c.CaseId));
        Assert.Equal(CaseStatus.New, (await CaseAsync(c.CaseId)).Status);
    }

    [Fact]
    public async Task Rejecting_as_spam_needs_a_reason()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "quảng cáo"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        await SetStatusAsync(client, c.CaseId, CaseStatus.Rejected, reason: "  ");

        Assert.Equal("Hãy ghi lý do khi chuyển hồ sơ sang \"Từ chối / tin rác\".", await FlashAsync(client, c.CaseId));
        Assert.Equal(CaseStatus.New, (await CaseAsync(c.CaseId)).Status);
    }

    [Fact]
    public async Task Not_our_jurisdiction_with_a_reason_closes_the_case_and_keeps_the_reasons_line_breaks()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Tranh chấp đất đai"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        await SetStatusAsync(client, c.CaseId, CaseStatus.NotOurJurisdiction, reason: "Tranh chấp dân sự.\r\nHướng dẫn người dân gửi UBND phường.");

        var after = await CaseAsync(c.CaseId);
        Assert.Equal((CaseStatus.NotOurJurisdiction, _state.Time.GetUtcNow(), "Tranh chấp dân sự.\nHướng dẫn người dân gửi UBND phường."),
            (after.Status, after.ClosedAt, after.StatusReason));
        // The reason is personal data the erasure clears: the append-only audit says only that there was one.
        Assert.Equal("Mới → Không thuộc thẩm quyền, có lý do", Assert.Single(await AuditAsync(c.CaseId, AuditActions.StatusChanged)).Detail);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Cases/{c.CaseId}", Ct));
        Assert.Contains("<span class=\"keep-lines\">Tranh chấp dân sự.\nHướng dẫn người dân gửi UBND phường.</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_is_refused_while_the_citizen_has_another_open_case()
    {
        var first = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await SetStatusAsync(client, first.CaseId, CaseStatus.InProgress);
        await SetStatusAsync(client, first.CaseId, CaseStatus.Resolved);
        var closedAt = (await CaseAsync(first.CaseId)).ClosedAt;
        var second = await _desk.RecordAsync(_desk.Text("m2", "Lại có trộm"));
        Assert.NotEqual(first.CaseId, second.CaseId);

        await SetStatusAsync(client, first.CaseId, CaseStatus.InProgress);

        Assert.Equal("Người dân này đã có một hồ sơ khác đang mở; không thể mở lại hồ sơ này.", await FlashAsync(client, first.CaseId));
        var after = await CaseAsync(first.CaseId);
        Assert.Equal((CaseStatus.Resolved, closedAt), (after.Status, after.ClosedAt));
        Assert.Equal(2, (await AuditAsync(first.CaseId, AuditActions.StatusChanged)).Count);
    }

    [Fact]
    public async Task Reopening_a_closed_case_clears_its_closing_time_and_reason()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Tranh chấp"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await SetStatusAsync(client, c.CaseId, CaseStatus.NotOurJurisdiction, reason: "Dân sự");

        await SetStatusAsync(client, c.CaseId, CaseStatus.InProgress);

        var after = await CaseAsync(c.CaseId);
        Assert.Equal((CaseStatus.InProgress, null, null), (after.Status, after.ClosedAt, after.StatusReason));
    }

    [Fact]
    public async Task A_duplicate_is_merged_into_another_case_of_the_same_citizen()
    {
        var original = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await SetStatusAsync(client, original.CaseId, CaseStatus.InProgress);
        await SetStatusAsync(client, original.CaseId, CaseStatus.Resolved);
        var duplicate = await _desk.RecordAsync(_desk.Text("m2", "Có trộm (gửi lại)"));

        using var response = await PostAsync(client, duplicate.CaseId, "Status",
            new() { ["status"] = nameof(CaseStatus.Duplicate), ["duplicateOf"] = original.CaseNumber.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CaseAsync(duplicate.CaseId);
        Assert.Equal((CaseStatus.Duplicate, original.CaseId, _state.Time.GetUtcNow()), (after.Status, after.MergedIntoCaseId, after.ClosedAt));
        Assert.Equal($"Mới → Trùng, đã gộp (gộp vào {original.CaseNumber})", Assert.Single(await AuditAsync(duplicate.CaseId, AuditActions.StatusChanged)).Detail);
        Assert.Contains($"<a href=\"/Cases/{original.CaseId}\">{original.CaseNumber}</a>", await client.GetStringAsync($"/Cases/{duplicate.CaseId}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_of_another_citizens_case_is_refused()
    {
        var other = await _desk.RecordAsync(_desk.Text("m1", "Có trộm", user: "8000000000000000002"));
        var c = await _desk.RecordAsync(_desk.Text("m2", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostAsync(client, c.CaseId, "Status", new() { ["status"] = nameof(CaseStatus.Duplicate), ["duplicateOf"] = other.CaseNumber });

        Assert.Equal("Chỉ gộp vào một hồ sơ khác của cùng người dân trên cùng Zalo OA.", await FlashAsync(client, c.CaseId));
        Assert.Equal((CaseStatus.New, null), ((await CaseAsync(c.CaseId)).Status, (await CaseAsync(c.CaseId)).MergedIntoCaseId));
    }

    [Fact]
    public async Task A_duplicate_of_a_case_the_officer_cannot_read_is_refused_like_a_number_that_does_not_exist()
    {
        // The same citizen's earlier case, now handled by Càng Long without passing through TP Trà Vinh.
        var hidden = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var canglong = await _desk.UnitIdAsync("CAH-CANGLONG");
        await _desk.DbAsync(async db =>
        {
            var x = await db.Cases.SingleAsync(c => c.Id == hidden.CaseId, Ct);
            (x.UnitId, x.Status, x.ClosedAt) = (canglong, CaseStatus.Resolved, _state.Time.GetUtcNow());
            return await db.SaveChangesAsync(Ct);
        });
        var c = await _desk.RecordAsync(_desk.Text("m2", "Có trộm nữa"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var unreadable = await PostAsync(client, c.CaseId, "Status", new() { ["status"] = nameof(CaseStatus.Duplicate), ["duplicateOf"] = hidden.CaseNumber });
        var unreadableMessage = await FlashAsync(client, c.CaseId);
        using var missing = await PostAsync(client, c.CaseId, "Status", new() { ["status"] = nameof(CaseStatus.Duplicate), ["duplicateOf"] = "TV-1999-000001" });
        var missingMessage = await FlashAsync(client, c.CaseId);

        Assert.Equal("Hãy nhập mã hồ sơ gốc (hồ sơ bị trùng) mà bạn được xem.", unreadableMessage);
        Assert.Equal(unreadableMessage, missingMessage);
        Assert.Equal(CaseStatus.New, (await CaseAsync(c.CaseId)).Status);
    }

    [Fact]
    public async Task Changing_the_field_is_kept_from_keyword_matching_and_audited()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Xin chào"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostAsync(client, c.CaseId, "Category", new() { ["category"] = nameof(CaseCategory.TrafficSafety) });
        await _desk.RecordAsync(_desk.Text("m2", "Có trộm cắp"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await CaseAsync(c.CaseId);
        Assert.Equal((CaseCategory.TrafficSafety, true), (after.Category, after.CategorySetByStaff));
        Assert.Equal("Khác → Trật tự an toàn giao thông", Assert.Single(await AuditAsync(c.CaseId, AuditActions.CategoryChanged)).Detail);
    }

    [Fact]
    public async Task A_citizen_writing_to_an_answered_case_puts_it_back_in_progress()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await SetStatusAsync(client, c.CaseId, CaseStatus.Answered);

        await _desk.RecordAsync(_desk.Text("m2", "Cảm ơn, nhưng vẫn chưa tìm thấy xe"));

        Assert.Equal(CaseStatus.InProgress, (await CaseAsync(c.CaseId)).Status);
    }

    [Fact]
    public async Task A_transfer_asks_for_confirmation_before_anything_changes()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var p1 = await _desk.UnitIdAsync("CAP1-TPTRAVINH");
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostAsync(client, c.CaseId, "Transfer", new() { ["unitId"] = Id(p1), ["reason"] = "Địa bàn phường 1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Xác nhận chuyển hồ sơ", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"confirmed\" value=\"true\" />", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"hidden\" name=\"unitId\" value=\"{p1}\" />", html, StringComparison.Ordinal);
        Assert.Equal((await _desk.UnitIdAsync("CATP-TRAVINH"), CaseStatus.New), ((await CaseAsync(c.CaseId)).UnitId, (await CaseAsync(c.CaseId)).Status));
        Assert.Empty(await AuditAsync(c.CaseId, AuditActions.Transferred));
    }

    [Fact]
    public async Task A_confirmed_transfer_hands_the_case_over_and_lands_on_the_inbox_with_a_notice()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var p1 = await _desk.UnitIdAsync("CAP1-TPTRAVINH");
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var me = await StaffIdAsync("canbo.tptravinh");
        using (var assigned = await PostAsync(client, c.CaseId, "Assign", new() { ["staffId"] = Id(me) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        using var response = await PostAsync(client, c.CaseId, "Transfer", new() { ["unitId"] = Id(p1), ["reason"] = "Địa bàn phường 1", ["confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var after = await CaseAsync(c.CaseId);
        Assert.Equal((p1, CaseStatus.Transferred, null), (after.UnitId, after.Status, after.AssignedToId));
        var transfer = await _desk.DbAsync(db => db.Transfers.AsNoTracking().SingleAsync(t => t.CaseId == c.CaseId, Ct));
        Assert.Equal((await _desk.UnitIdAsync("CATP-TRAVINH"), p1, me, "Địa bàn phường 1"), (transfer.FromUnitId, transfer.ToUnitId, transfer.ByStaffId, transfer.Reason));
        var entry = Assert.Single(await AuditAsync(c.CaseId, AuditActions.Transferred));
        Assert.Equal((me, p1, "Công an TP Trà Vinh → Công an Phường 1, TP Trà Vinh"), (entry.ActorId, entry.UnitId, entry.Detail));
        var inbox = WebUtility.HtmlDecode(await client.GetStringAsync("/", Ct));
        Assert.Contains($"Đã chuyển hồ sơ {c.CaseNumber} sang Công an Phường 1, TP Trà Vinh. Đơn vị bạn vẫn theo dõi được hồ sơ (chỉ xem).", inbox, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/Cases/{c.CaseId}\">Xem hồ sơ</a>", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_case_cannot_be_transferred()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Tranh chấp"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        await SetStatusAsync(client, c.CaseId, CaseStatus.NotOurJurisdiction, reason: "Dân sự");

        using var response = await PostAsync(client, c.CaseId, "Transfer", new() { ["unitId"] = Id(await _desk.UnitIdAsync("CAP1-TPTRAVINH")), ["confirmed"] = "true" });

        Assert.Equal("Hồ sơ đã đóng; hãy mở lại trước khi chuyển.", await FlashAsync(client, c.CaseId));
        Assert.Empty(await _desk.DbAsync(db => db.Transfers.Where(t => t.CaseId == c.CaseId).ToListAsync(Ct)));
    }

    [Fact]
    public async Task My_cases_lists_only_the_cases_assigned_to_me()
    {
        var mine = await _desk.RecordAsync(_desk.Text("m1", "Có trộm", user: "8000000000000000011"));
        var other = await _desk.RecordAsync(_desk.Text("m2", "Có cướp", user: "8000000000000000012"));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        using (var assigned = await PostAsync(client, mine.CaseId, "Assign", new() { ["staffId"] = Id(await StaffIdAsync("canbo.tptravinh")) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        }

        var html = await client.GetStringAsync("/?scope=Mine", Ct);

        Assert.Contains(mine.CaseNumber, html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.CaseNumber, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_lists_the_next_statuses_from_the_workflow_table()
    {
        var c = await _desk.RecordAsync(_desk.Text("m1", "Có trộm"));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var details = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{c.CaseId}", Ct);

        Assert.False(details.GetProperty("readOnly").GetBoolean());
        Assert.Equal(["InProgress", "Answered", "NotOurJurisdiction", "Rejected", "Duplicate"],
            details.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
    }
}
