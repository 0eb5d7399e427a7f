using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Officers' replies from the case page: queued in the outbox, then sent; the window on the case page.</summary>
public sealed class ReplyTests : IDisposable
{
    private const string Citizen = "8000000000000000001";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public ReplyTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<HttpResponseMessage> ReplyAsync(HttpClient client, int caseId, string text)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{caseId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(text), "text" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync($"/Cases/{caseId}?handler=Reply", form, Ct);
    }

    [Fact]
    public async Task Reply_waits_in_the_outbox_and_counts_as_first_response_once_sent()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        _state.Time.Advance(TimeSpan.FromMinutes(12));

        using var response = await ReplyAsync(client, c.CaseId, "Chúng tôi đã cử cán bộ xác minh.\nXin cảm ơn.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetStringAsync(response.Headers.Location!, Ct);
        Assert.Contains("Đã lưu trả lời; hệ thống đang gửi tới người dân qua Zalo.", page, StringComparison.Ordinal);
        Assert.Empty(_desk.Zalo.SentMessages);
        var queued = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null));
        Assert.Equal(DeliveryStatus.Pending, queued.Delivery);
        Assert.Null(await _desk.DbAsync(db => db.Cases.Where(x => x.Id == c.CaseId).Select(x => x.FirstResponseAt).SingleAsync()));

        _state.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await _desk.TextsSentToAsync(Citizen);

        Assert.Equal("Chúng tôi đã cử cán bộ xác minh.\nXin cảm ơn.", sent[^1]);
        var saved = await _desk.DbAsync(db => db.Cases.SingleAsync(x => x.Id == c.CaseId));
        Assert.Equal((CaseStatus.InProgress, TimeSpan.FromMinutes(13)), (saved.Status, saved.FirstResponseAt - saved.CreatedAt));
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null));
        Assert.Equal((DeliveryStatus.Sent, _desk.Zalo.SentMessages[^1].MessageId), (reply.Delivery, reply.OutboundZaloMessageId));
    }

    [Fact]
    public async Task Case_page_shows_the_window_open_and_free_within_48_hours()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _state.Time.Advance(TimeSpan.FromHours(47));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync($"/Cases/{c.CaseId}", Ct);

        Assert.Contains("Cửa sổ tư vấn đang mở: tin tư vấn miễn phí đến 12/03/2026 09:00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_page_shows_the_window_closed_after_7_days()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _state.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync($"/Cases/{c.CaseId}", Ct);

        Assert.Contains("Cửa sổ tư vấn đã đóng", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queuing_and_sending_are_both_in_the_audit_log()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var _ = await ReplyAsync(client, c.CaseId, "Đã tiếp nhận");
        var queuedAt = _state.Time.GetUtcNow();
        await _desk.SendQueuedAsync();

        var queued = await _desk.DbAsync(db => db.Audit.SingleAsync(a => a.CaseId == c.CaseId && a.Action == AuditActions.ReplyQueued));
        var sent = await _desk.DbAsync(db => db.Audit.SingleAsync(a => a.CaseId == c.CaseId && a.Action == AuditActions.Replied));
        Assert.Equal(("Cán bộ Công an TP Trà Vinh", queuedAt), (queued.ActorName, queued.At));
        Assert.Equal(("Hệ thống", (int?)null), (sent.ActorName, sent.ActorId));
    }
}
