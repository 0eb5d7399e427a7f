using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Security;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 10 of the trust-boundaries issue: the database and media are owner-only on disk, phone
/// and id numbers are masked in lists, closed cases' personal data is erased after the retention
/// period (with a dry run), and an administrator exports or erases one citizen's data on request.
/// </summary>
public sealed class PrivacyTests : IDisposable
{
    private const string Officer = "canbo.tptravinh";
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IntakeResult> RecordWithPhotoAsync(DeskFactory desk, string msgId, string text, string user = "8000000000000000001")
    {
        var result = await desk.RecordAsync(desk.Text(msgId, text, user: user) with
        {
            Kind = MessageKind.Image,
            Media = [new InboundMedia($"https://photo-stal-1.zdn.vn/{msgId}.jpg")],
        });
        await desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct);
        return result;
    }

    internal static async Task<HttpResponseMessage> PostPrivacyAsync(HttpClient admin, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await DeskFactory.AntiforgeryTokenAsync(admin, "/Privacy");
        using var form = new FormUrlEncodedContent(fields);
        return await admin.PostAsync($"/Privacy?handler={handler}", form, Ct);
    }

    internal static async Task<string> FlashAsync(HttpClient client, HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(redirect.Headers.Location!.OriginalString, Ct));
        return System.Text.RegularExpressions.Regex.Match(html, "<div class=\"flash [a-z]+\" role=\"status\">([^<]*)</div>").Groups[1].Value;
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_media_files_and_their_folders_are_created_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes.");
        using var desk = new DeskFactory(_state);
        await RecordWithPhotoAsync(desk, "msg-1", "Ảnh");
        var stored = await desk.DbAsync(db => db.Media.Select(m => m.StoredPath!).SingleAsync());

        var media = Path.Combine(_state.Root, "media");
        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode folder = file | UnixFileMode.UserExecute;
        Assert.Equal(file, File.GetUnixFileMode(Path.Combine(_state.Root, "desk.db")));
        Assert.Equal(file, File.GetUnixFileMode(Path.Combine(_state.Root, "desk.db-wal")));
        Assert.Equal(folder, File.GetUnixFileMode(media));
        Assert.Equal(folder, File.GetUnixFileMode(Path.Combine(media, Path.GetDirectoryName(stored)!)));
        Assert.Equal(file, File.GetUnixFileMode(Path.Combine(media, stored)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_database_file_left_world_readable_by_an_older_version_is_tightened_at_start()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes.");
        using (var first = new DeskFactory(_state))
        {
            _ = first.Services;
        }

        var db = Path.Combine(_state.Root, "desk.db");
        File.SetUnixFileMode(db, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var again = new DeskFactory(_state);
        _ = again.Services;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db));
    }

    [Fact]
    public async Task Phone_and_id_numbers_are_masked_in_the_inbox_and_the_api_list_but_whole_on_the_case_page()
    {
        using var desk = new DeskFactory(_state);
        var c = await desk.RecordAsync(desk.Text("msg-1", "Tôi tên An, SĐT 0912 345 678, CCCD 079123456789, bị mất xe"));
        var officer = await desk.SignInAsync(Officer);

        var inbox = await officer.GetStringAsync("/", Ct);
        var api = await officer.GetStringAsync("/api/cases", Ct);
        var page = await officer.GetStringAsync($"/Cases/{c.CaseId}", Ct);

        const string masked = "Tôi tên An, SĐT **** *** 678, CCCD *********789, bị mất xe";
        Assert.Contains(masked, inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("0912 345 678", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("079123456789", inbox, StringComparison.Ordinal);
        Assert.Equal(masked, JsonDocument.Parse(api).RootElement.GetProperty("items")[0].GetProperty("summary").GetString());
        Assert.Contains("0912 345 678, CCCD 079123456789", page, StringComparison.Ordinal);
        Assert.True(await desk.DbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.CaseViewed && a.CaseId == c.CaseId)));
    }

    [Fact]
    public async Task The_phone_of_a_shared_contact_card_is_masked_in_the_inbox()
    {
        await using var desk = new ScaleOutDeskFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_state.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(_state.Root, "media"),
        });
        var body = System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"app_id":"{{{ZaloOA.Tests.Common.ZaloTestHost.AppId}}}","sender":{"id":"8500000000000000001"},"user_id_by_app":"8500000000000000001","recipient":{"id":"{{{ScaleOutDeskFactory.OaId}}}"},"event_name":"user_send_business_card","message":{"text":"Trần Thị Bình","msg_id":"card-1","attachments":[{"type":"link","payload":{"thumbnail":"https://s120-ava-talk.zadn.vn/c.jpg","url":"https://zalo.me/u","description":"{\"phone\":\"84912345678\",\"qrCodeUrl\":\"https://zalo.me/qr.png\"}"}}]},"timestamp":"{{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}"}""");
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(body));
        using var admin = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await DeskFactory.LogInAsync(admin, ScaleOutDeskFactory.AdminUser, ScaleOutDeskFactory.AdminPassword)).Dispose();

        var inbox = await admin.GetStringAsync("/", Ct);

        Assert.Contains("[Danh thiếp] Trần Thị Bình – ********678", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("84912345678", inbox, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gọi 0912345678 nhé", "Gọi *******678 nhé")]
    [InlineData("+84 912 345 678", "+** *** *** 678")]
    [InlineData("SĐT 0294.3862.113", "SĐT ****.****.113")]
    [InlineData("CMND 123456789", "CMND ******789")]
    [InlineData("Hồ sơ TV-2026-000123 ngày 15/3", "Hồ sơ TV-2026-000123 ngày 15/3")]
    [InlineData("Mất 5000000 đồng", "Mất 5000000 đồng")]
    public void Masking_keeps_the_last_three_digits_of_phone_and_id_numbers_only(string text, string expected) =>
        Assert.Equal(expected, PersonalData.Mask(text));

    [Fact]
    public async Task Retention_dry_run_counts_and_changes_nothing_then_the_real_run_erases_only_old_closed_cases()
    {
        using var desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:Retention:ClosedCaseMonths"] = "6", ["Desk:Retention:BatchSize"] = "1" });
        var old = await RecordWithPhotoAsync(desk, "msg-1", "Ảnh vụ cũ, SĐT 0912345678");
        var oldTwo = await desk.RecordAsync(desk.Text("msg-2", "Vụ cũ khác", user: "8000000000000000002"));
        var recent = await desk.RecordAsync(desk.Text("msg-3", "Vụ mới đóng", user: "8000000000000000003"));
        var open = await desk.RecordAsync(desk.Text("msg-4", "Vụ đang mở", user: "8000000000000000004"));
        var now = _state.Time.GetUtcNow();
        await desk.DbAsync(async db =>
        {
            foreach (var (id, closed) in new[] { (old.CaseId, now.AddMonths(-7)), (oldTwo.CaseId, now.AddMonths(-8)), (recent.CaseId, now.AddMonths(-1)) })
            {
                var c = await db.Cases.SingleAsync(x => x.Id == id);
                (c.Status, c.ClosedAt) = (CaseStatus.Resolved, closed);
            }

            db.Notes.Add(new CaseNote { CaseId = old.CaseId, AuthorId = await db.Staff.Select(s => s.Id).FirstAsync(), Text = "Người báo: Nguyễn Văn An", CreatedAt = now });
            return await db.SaveChangesAsync();
        });
        var storedFile = Path.Combine(_state.Root, "media", await desk.DbAsync(db => db.Media.Select(m => m.StoredPath!).SingleAsync()));
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);

        var dryRun = await FlashAsync(admin, await PostPrivacyAsync(admin, "Retention", new() { ["dryRun"] = "true" }));
        var untouched = await desk.DbAsync(db => db.Messages.CountAsync(m => m.Text != null));
        var real = await FlashAsync(admin, await PostPrivacyAsync(admin, "Retention", new() { ["dryRun"] = "false" }));

        Assert.StartsWith("Chạy thử: 2 hồ sơ, 4 tin nhắn, 1 tệp, 1 ghi chú", dryRun, StringComparison.Ordinal);
        Assert.Equal(8, untouched); // each case: the citizen's message and the acknowledgement
        Assert.StartsWith("Đã xóa dữ liệu cá nhân: 2 hồ sơ, 4 tin nhắn, 1 tệp, 1 ghi chú", real, StringComparison.Ordinal);
        Assert.False(File.Exists(storedFile));
        var cases = await desk.DbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => new { c.Id, c.CitizenUserId, c.Summary, c.AnonymizedAt }).ToListAsync());
        Assert.Equal([true, true, false, false], cases.Select(c => c.AnonymizedAt is not null));
        Assert.Equal("erased-" + old.CaseId.ToString(CultureInfo.InvariantCulture), cases[0].CitizenUserId);
        Assert.Null(cases[0].Summary);
        var texts = await desk.DbAsync(db => db.Messages.Where(m => m.Text != null).Select(m => m.CaseId).Distinct().OrderBy(x => x).ToListAsync());
        Assert.Equal([recent.CaseId, open.CaseId], texts);
        Assert.Equal((MediaStatus.Purged, null, null), await desk.DbAsync(db => db.Media.Select(m => new ValueTuple<MediaStatus, string?, string?>(m.Status, m.SourceUrl, m.StoredPath)).SingleAsync()));
        Assert.Equal(0, await desk.DbAsync(db => db.Notes.CountAsync()));
        var runs = await desk.DbAsync(db => db.Audit.Where(a => a.Action == AuditActions.RetentionRun).OrderBy(a => a.Id).Select(a => a.Detail!).ToListAsync());
        Assert.Equal(3, runs.Count); // the dry run, then one entry per batch of one case
        Assert.StartsWith("Chạy thử", runs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_is_off_by_default()
    {
        using var desk = new DeskFactory(_state);
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);

        var flash = await FlashAsync(admin, await PostPrivacyAsync(admin, "Retention", new() { ["dryRun"] = "false" }));

        Assert.Equal("Chưa bật thời hạn lưu trữ (Desk:Retention:ClosedCaseMonths).", flash);
    }

    [Fact]
    public async Task An_administrator_exports_all_of_one_citizens_cases_and_the_export_is_audited()
    {
        using var desk = new DeskFactory(_state);
        var first = await desk.RecordAsync(desk.Text("msg-1", "Lần đầu phản ánh"));
        await desk.DbAsync(db => db.Cases.Where(c => c.Id == first.CaseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedAt, _state.Time.GetUtcNow()).SetProperty(c => c.Status, CaseStatus.Resolved)));
        var second = await desk.RecordAsync(desk.Text("msg-2", "Lần thứ hai"));
        await desk.RecordAsync(desk.Text("msg-3", "Người khác", user: "8000000000000000009"));
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await PostPrivacyAsync(admin, "Export", new() { ["caseNumber"] = second.CaseNumber.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("8000000000000000001", export.RootElement.GetProperty("citizenUserId").GetString());
        var numbers = export.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("number").GetString()).ToList();
        Assert.Equal([first.CaseNumber, second.CaseNumber], numbers);
        Assert.Equal("Lần thứ hai", export.RootElement.GetProperty("cases")[1].GetProperty("messages")[0].GetProperty("text").GetString());
        var audited = await desk.DbAsync(db => db.Audit.Where(a => a.Action == AuditActions.CitizenExported).OrderBy(a => a.CaseId).Select(a => a.CaseId).ToListAsync());
        Assert.Equal([first.CaseId, second.CaseId], audited);
    }

    [Fact]
    public async Task An_administrator_erases_one_citizens_data_on_request_and_it_is_audited()
    {
        using var desk = new DeskFactory(_state);
        var c = await RecordWithPhotoAsync(desk, "msg-1", "Ảnh, SĐT 0912345678");
        var other = await desk.RecordAsync(desk.Text("msg-2", "Người khác", user: "8000000000000000009"));
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);

        var refused = await FlashAsync(admin, await PostPrivacyAsync(admin, "Erase", new() { ["caseNumber"] = c.CaseNumber }));
        var erased = await FlashAsync(admin, await PostPrivacyAsync(admin, "Erase", new() { ["caseNumber"] = c.CaseNumber, ["confirm"] = "true" }));

        Assert.StartsWith("Hãy đánh dấu xác nhận", refused, StringComparison.Ordinal);
        Assert.Equal("Đã xóa dữ liệu cá nhân của người dân: 1 hồ sơ, 2 tin nhắn, 1 tệp, 0 ghi chú.", erased);
        var @case = await desk.DbAsync(db => db.Cases.SingleAsync(x => x.Id == c.CaseId));
        Assert.Equal((CaseStatus.Resolved, true, null), (@case.Status, @case.AnonymizedAt is not null, @case.Summary));
        Assert.False(await desk.DbAsync(db => db.Messages.AnyAsync(m => m.CaseId == c.CaseId && m.Text != null)));
        Assert.True(await desk.DbAsync(db => db.Messages.AnyAsync(m => m.CaseId == other.CaseId && m.Text != null)));
        var entry = await desk.DbAsync(db => db.Audit.SingleAsync(a => a.Action == AuditActions.CitizenErased));
        Assert.Equal(c.CaseId, entry.CaseId);
        var page = await admin.GetStringAsync($"/Cases/{c.CaseId}", Ct);
        Assert.Contains("Dữ liệu cá nhân của hồ sơ đã được xóa", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_also_removes_the_citizens_unmatched_zalo_events_and_keeps_others()
    {
        using var desk = new DeskFactory(_state);
        var c = await desk.RecordAsync(desk.Text("msg-1", "Tin báo"));
        var owner = await desk.DbAsync(db => db.Cases.Where(x => x.Id == c.CaseId).Select(x => new { x.OaId, x.CitizenUserId }).SingleAsync(Ct));
        var now = _state.Time.GetUtcNow();
        await desk.DbAsync(db =>
        {
            db.UnmatchedZaloEvents.Add(new Echoes.UnmatchedZaloEvent { EventName = "oa_send_text", OaId = owner.OaId, CitizenUserId = owner.CitizenUserId, ZaloMsgId = "z-1", Detail = "Trả lời từ OA Manager", At = now, ReceivedAt = now });
            db.UnmatchedZaloEvents.Add(new Echoes.UnmatchedZaloEvent { EventName = "oa_send_text", OaId = owner.OaId, CitizenUserId = "8000000000000000009", ZaloMsgId = "z-2", Detail = "Người khác", At = now, ReceivedAt = now });
            return db.SaveChangesAsync(Ct);
        });
        var admin = await desk.SignInAsync(TraVinhSeed.AdminUserName);

        await PostPrivacyAsync(admin, "Erase", new() { ["caseNumber"] = c.CaseNumber, ["confirm"] = "true" });

        Assert.Equal(["z-2"], await desk.DbAsync(db => db.UnmatchedZaloEvents.Select(e => e.ZaloMsgId).ToListAsync(Ct)));
    }

    [Fact]
    public async Task An_officer_can_neither_export_nor_erase_and_an_administrator_only_within_scope()
    {
        using var desk = new DeskFactory(_state);
        var c = await desk.RecordAsync(desk.Text("msg-1", "a", oaId: DeskFactory.OaTpTraVinh));
        var officer = await desk.SignInAsync(Officer);

        using var page = await officer.GetAsync("/Privacy", Ct);
        var token = await DeskFactory.AntiforgeryTokenAsync(officer, "/");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["caseNumber"] = c.CaseNumber, ["__RequestVerificationToken"] = token });
        using var export = await officer.PostAsync("/Privacy?handler=Export", form, Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, export.StatusCode));
        Assert.False(await desk.DbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.CitizenExported)));
    }
}
