using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;
using ZaloOA.PoliceDesk.Media;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 7 of the trust-boundaries issue: reads of citizens' data (the case page, its media, the
/// JSON API) are audited with who, what and when, and the audit log cannot be changed from the app.
/// </summary>
public sealed class AuditTests : IDisposable
{
    private const string Officer = "canbo.tptravinh";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public AuditTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AuditEntry> LastAsync(string action) =>
        await _desk.DbAsync(db => db.Audit.Where(a => a.Action == action).OrderByDescending(a => a.Id).FirstAsync());

    [Fact]
    public async Task Opening_a_case_page_is_audited_with_who_what_and_when()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "Nhà tôi bị mất trộm"));
        var client = await _desk.SignInAsync(Officer);
        _state.Time.Advance(TimeSpan.FromMinutes(3));

        using var response = await client.GetAsync($"/Cases/{c.CaseId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await LastAsync(AuditActions.CaseViewed);
        var officerId = await _desk.DbAsync(db => db.Staff.Where(s => s.UserName == Officer).Select(s => s.Id).SingleAsync());
        Assert.Equal((officerId, "Cán bộ Công an TP Trà Vinh", c.CaseId, c.CaseNumber, _state.Time.GetUtcNow()),
            (entry.ActorId, entry.ActorName, entry.CaseId, entry.Detail, entry.At));
    }

    [Fact]
    public async Task A_case_outside_the_officers_scope_is_neither_shown_nor_audited_as_read()
    {
        var other = await _desk.RecordAsync(_desk.Text("msg-1", "a", oaId: DeskFactory.OaCangLong));
        var client = await _desk.SignInAsync(Officer);

        using var response = await client.GetAsync($"/Cases/{other.CaseId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await _desk.DbAsync(db => db.Audit.AnyAsync(a => a.Action == AuditActions.CaseViewed)));
    }

    [Fact]
    public async Task Opening_a_media_file_is_audited()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "Ảnh") with { Kind = MessageKind.Image, Media = [new InboundMedia("https://photo-stal-1.zdn.vn/a.jpg")] });
        await _desk.Services.GetRequiredService<MediaDownloadWorker>().ProcessDueAsync(Ct);
        var mediaId = await _desk.DbAsync(db => db.Media.Select(m => m.Id).SingleAsync());
        var client = await _desk.SignInAsync(Officer);

        using var response = await client.GetAsync($"/media/{mediaId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await LastAsync(AuditActions.MediaViewed);
        Assert.Equal((c.CaseId, $"{c.CaseNumber}: tệp {mediaId}"), (entry.CaseId, entry.Detail));
    }

    [Fact]
    public async Task Paging_the_api_and_reading_a_case_through_it_are_audited()
    {
        var first = await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        var second = await _desk.RecordAsync(_desk.Text("msg-2", "b", user: "8000000000000000002"));
        var client = await _desk.SignInAsync(Officer);

        (await client.GetAsync("/api/cases?status=New&q=0912345678&pageSize=1", Ct)).Dispose();
        (await client.GetAsync($"/api/cases/{first.CaseId}", Ct)).Dispose();

        var listed = await LastAsync(AuditActions.ApiCasesListed);
        var read = await LastAsync(AuditActions.ApiCaseRead);
        Assert.Equal("trang 1, 0/0 hồ sơ, New, có từ khóa", listed.Detail);
        Assert.Equal((first.CaseId, first.CaseNumber), (read.CaseId, read.Detail));
        (await client.GetAsync("/api/cases?pageSize=1", Ct)).Dispose();
        Assert.Equal($"trang 1, 1/2 hồ sơ: {second.CaseNumber}", (await LastAsync(AuditActions.ApiCasesListed)).Detail);
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes_from_the_app()
    {
        await _desk.RecordAsync(_desk.Text("msg-1", "a"));
        var id = await _desk.DbAsync(db => db.Audit.Select(a => a.Id).FirstAsync());

        var update = await Record.ExceptionAsync(() => _desk.DbAsync(async db =>
        {
            var entry = await db.Audit.SingleAsync(a => a.Id == id);
            entry.Detail = "sửa nhật ký";
            return await db.SaveChangesAsync();
        }));
        var remove = await Record.ExceptionAsync(() => _desk.DbAsync(async db =>
        {
            db.Audit.Remove(await db.Audit.SingleAsync(a => a.Id == id));
            return await db.SaveChangesAsync();
        }));
        var bulkUpdate = await Record.ExceptionAsync(() => _desk.DbAsync(db => db.Audit.ExecuteUpdateAsync(s => s.SetProperty(a => a.ActorName, "x"))));
        var bulkDelete = await Record.ExceptionAsync(() => _desk.DbAsync(db => db.Audit.ExecuteDeleteAsync()));

        Assert.All([update, remove, bulkUpdate, bulkDelete], e => Assert.Contains("append-only", e?.ToString() ?? "(nothing thrown)", StringComparison.Ordinal));
        var after = await _desk.DbAsync(db => db.Audit.SingleAsync(a => a.Id == id));
        Assert.NotEqual("sửa nhật ký", after.Detail);
        Assert.NotEqual("x", after.ActorName);
    }
}
