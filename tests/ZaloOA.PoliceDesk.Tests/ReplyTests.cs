using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

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

    private async Task<HttpResponseMessage> ReplyAsync(HttpClient client, int caseId, string text)
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
    public async Task Reply_is_sent_to_the_citizen_through_the_channel()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        _state.Time.Advance(TimeSpan.FromMinutes(12));

        using var response = await ReplyAsync(client, c.CaseId, "Chúng tôi đã cử cán bộ xác minh.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sent = Assert.Single(_desk.Channel.Sent);
        Assert.Equal((DeskFactory.OaTpTraVinh, Citizen, "Chúng tôi đã cử cán bộ xác minh."), (sent.OaId, sent.CitizenUserId, sent.Text));
        var saved = await _desk.DbAsync(db => db.Cases.SingleAsync(x => x.Id == c.CaseId));
        Assert.Equal((CaseStatus.InProgress, TimeSpan.FromMinutes(12)), (saved.Status, saved.FirstResponseAt - saved.CreatedAt));
    }

    [Fact]
    public async Task Window_closed_reply_shows_the_explanation_instead_of_failing()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _desk.Channel.CloseWindow(DeskFactory.OaTpTraVinh, Citizen);
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyAsync(client, c.CaseId, "Xin chào");
        var page = await client.GetStringAsync(response.Headers.Location!, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(CaseDesk.WindowClosedExplanation, page, StringComparison.Ordinal);
        Assert.Empty(_desk.Channel.Sent);
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.CaseId == c.CaseId && m.SentById != null));
        Assert.Equal((DeliveryStatus.WindowClosed, "-230"), (reply.Delivery, reply.DeliveryError));
        Assert.Null(await _desk.DbAsync(db => db.Cases.Where(x => x.Id == c.CaseId).Select(x => x.FirstResponseAt).SingleAsync()));
    }

    [Fact]
    public async Task Case_page_shows_the_window_open_and_free_within_48_hours()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _state.Time.Advance(TimeSpan.FromHours(47));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync($"/Cases/{c.CaseId}", Ct);

        Assert.Contains("Cửa sổ tư vấn đang mở đến 17/03/2026 09:00", page, StringComparison.Ordinal);
        Assert.Contains("miễn phí trong 48 giờ, đến 12/03/2026 09:00", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_page_shows_the_window_closed_after_7_days()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _state.Time.Advance(TimeSpan.FromDays(7));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync($"/Cases/{c.CaseId}", Ct);

        Assert.Contains("Cửa sổ tư vấn đã đóng", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_action_is_in_the_audit_log()
    {
        var c = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var _ = await ReplyAsync(client, c.CaseId, "Đã tiếp nhận");

        var entry = await _desk.DbAsync(db => db.Audit.SingleAsync(a => a.CaseId == c.CaseId && a.Action == AuditActions.Replied));
        Assert.Equal(("Cán bộ Công an TP Trà Vinh", _state.Time.GetUtcNow()), (entry.ActorName, entry.At));
    }
}
