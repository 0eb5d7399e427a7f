using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The one outbound path under failure: webhooks answer 200 whatever Zalo does, messages wait in
/// the outbox while the OA has no tokens or Zalo fails, go out in order once it is back, give up
/// after the maximum attempts with the reason on the case, and a lapsed claim is sent once.
/// </summary>
public sealed class OutboxTests : IDisposable
{
    private const string Citizen = DeskFactory.Citizen;
    private const string Oa = DeskFactory.OaTpTraVinh;
    private const string Cs = "/v3.0/oa/message/cs";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public OutboxTests() => _desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:Workers:MaxAttempts"] = "3" });

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Zalo answers the next <paramref name="failures"/> sends with 503.</summary>
    private void ZaloIsDown(int failures = 50)
    {
        for (var i = 0; i < failures; i++)
        {
            _desk.Zalo.EnqueueResponse(Cs, 503, """{"error":-32,"message":"Service unavailable"}""");
        }
    }

    /// <summary>The OA's consent is gone: its stored tokens are ones Zalo no longer knows.</summary>
    private async Task OaLosesItsTokensAsync() =>
        await _desk.Services.GetRequiredService<IZaloTokenManager>().SaveAuthorizationAsync(
            Oa, new ZaloTokenResponse { AccessToken = "revoked-access", RefreshToken = "revoked-refresh", ExpiresInSeconds = 90000 }, Ct);

    private async Task OaIsConnectedAgainAsync() =>
        await _desk.Services.GetRequiredService<IZaloTokenManager>().SaveAuthorizationAsync(Oa, _desk.Zalo.IssueTokens(Oa).ToTokenResponse(), Ct);

    private Task<List<OutboxMessage>> RowsAsync() => _desk.DbAsync(db => db.Outbox.OrderBy(o => o.Id).ToListAsync(Ct));

    [Fact]
    public async Task Without_the_OAs_tokens_every_webhook_answers_200_and_the_answers_wait_in_the_outbox()
    {
        await OaLosesItsTokensAsync();

        await _desk.FollowAsync();
        await _desk.SendTextAsync("Xin chào");
        await _desk.SendTextAsync("#thutuc");
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        await _desk.SendQueuedAsync();

        Assert.Empty(_desk.Zalo.SentMessages);
        var rows = await RowsAsync();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Pending, r.Status));
        Assert.Contains("chưa được kết nối hoặc đã hết hạn ủy quyền", rows[0].LastError, StringComparison.Ordinal);
        // The acknowledgement waits behind the earlier answers, shown as being sent on the case.
        var ack = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.IsAutomatic, Ct));
        Assert.Equal((DeliveryStatus.Pending, rows[3].CaseMessageId), (ack.Delivery, (int?)ack.Id));
    }

    [Fact]
    public async Task Answers_queued_without_tokens_are_sent_in_order_once_the_OA_is_connected_again()
    {
        await OaLosesItsTokensAsync();
        await _desk.FollowAsync();
        await _desk.SendTextAsync("#lienhe");
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        await _desk.SendQueuedAsync();

        await OaIsConnectedAgainAsync();
        _state.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await _desk.TextsSentToAsync();

        Assert.Equal(3, sent.Count);
        Assert.Contains("xin chào! Mời bạn chọn mục cần xem.", sent[0], StringComparison.Ordinal);
        Assert.Contains("Đường dây nóng:", sent[1], StringComparison.Ordinal);
        Assert.Contains("Mã phản ánh:", sent[2], StringComparison.Ordinal);
        // The first answer was tried while the OA had no tokens; the others waited behind it.
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Sent, r.Status));
        Assert.Equal([2, 1, 1], rows.Select(r => r.Attempts));
    }

    [Fact]
    public async Task While_Zalo_fails_every_webhook_answers_200_and_the_answers_wait_in_the_outbox()
    {
        ZaloIsDown();

        await _desk.FollowAsync();
        await _desk.SendTextAsync("Tin tức");
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        await _desk.SendQueuedAsync();

        Assert.Empty(_desk.Zalo.SentMessages);
        var rows = await RowsAsync();
        Assert.Equal(3, rows.Count);
        // Only the first row was tried: the others wait behind it, in order.
        Assert.Equal([1, 0, 0], rows.Select(r => r.Attempts));
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Pending, r.Status));
        Assert.Contains("hệ thống sẽ tự gửi lại", rows[0].LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officers_reply_during_an_outage_is_sent_once_when_Zalo_is_back()
    {
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        await _desk.SentToAsync(); // the acknowledgement
        ZaloIsDown(failures: 2);
        var officer = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyTests.ReplyAsync(officer, caseId, "Chúng tôi đã cử cán bộ tới.");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _desk.SendQueuedAsync();
        _state.Time.Advance(TimeSpan.FromSeconds(30));
        await _desk.SendQueuedAsync();
        var page = await officer.GetStringAsync($"/Cases/{caseId}", Ct);
        Assert.Contains("Zalo tạm thời không nhận tin", page, StringComparison.Ordinal);

        _state.Time.Advance(TimeSpan.FromMinutes(1));
        var sent = await _desk.SentToAsync();
        _state.Time.Advance(TimeSpan.FromHours(3));
        await _desk.SendQueuedAsync();

        Assert.Equal(2, sent.Count);
        Assert.Single(_desk.Zalo.SentMessages, m => m.Text == "Chúng tôi đã cử cán bộ tới.");
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null, Ct));
        Assert.Equal((DeliveryStatus.Sent, null), (reply.Delivery, reply.DeliveryError));
    }

    [Fact]
    public async Task With_Zalo_unreachable_a_greeting_and_a_report_answer_200_and_their_answers_wait_in_the_outbox()
    {
        using var state = new DeskState();
        // Zalo mode with Zalo's API on a closed port: every call fails to connect.
        await using var zalo = new ScaleOutDeskFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(state.Root, "media"),
        });
        const string citizen = "8800000000000000077";

        var greeting = await zalo.DeliverAsync(ScaleOutDeskFactory.TextEvent("g-1", citizen, "Xin chào"));
        var report = await zalo.DeliverAsync(ScaleOutDeskFactory.TextEvent("r-1", citizen, "Có người lạ khả nghi"));
        var handled = await zalo.Services.GetRequiredService<OutboxWorker>().ProcessDueAsync(Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, 1), (greeting, report, handled));
        var rows = await zalo.DbAsync(db => db.Outbox.OrderBy(o => o.Id).ToListAsync(Ct));
        Assert.Equal([(DeliveryStatus.Pending, 1, (int?)null), (DeliveryStatus.Pending, 0, (int?)1)], rows.Select(r => (r.Status, r.Attempts, r.CaseId)));
        Assert.NotNull(rows[0].LastError);
    }

    [Fact]
    public async Task After_its_maximum_attempts_a_reply_fails_with_the_reason_on_the_case_page_and_the_officer_can_retry()
    {
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        await _desk.SentToAsync();
        ZaloIsDown(failures: 3);
        var officer = await _desk.SignInAsync("canbo.tptravinh");
        (await ReplyTests.ReplyAsync(officer, caseId, "Chúng tôi đã cử cán bộ tới.")).Dispose();

        for (var i = 0; i < 3; i++)
        {
            await _desk.SendQueuedAsync();
            _state.Time.Advance(TimeSpan.FromHours(1));
        }

        var row = (await RowsAsync())[^1];
        Assert.Equal((DeliveryStatus.Failed, 3), (row.Status, row.Attempts));
        Assert.StartsWith("Đã thử 3 lần không thành công.", row.LastError, StringComparison.Ordinal);
        var page = await officer.GetStringAsync($"/Cases/{caseId}", Ct);
        Assert.Contains("Gửi thất bại", page, StringComparison.Ordinal);
        Assert.Contains("Đã thử 3 lần không thành công.", page, StringComparison.Ordinal);
        Assert.Contains("Gửi lại</button>", page, StringComparison.Ordinal);

        var messageId = await _desk.DbAsync(db => db.Messages.Where(m => m.SentById != null).Select(m => m.Id).SingleAsync(Ct));
        using var retried = await PostRetryAsync(officer, caseId, messageId);
        var sent = await _desk.TextsSentToAsync();

        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal("Chúng tôi đã cử cán bộ tới.", sent[^1]);
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null, Ct));
        Assert.Equal((DeliveryStatus.Sent, null), (reply.Delivery, reply.DeliveryError));
    }

    [Fact]
    public async Task Retry_names_a_message_of_the_case_in_the_form_and_another_cases_message_is_refused()
    {
        await _desk.SendTextAsync("Phản ánh thứ nhất");
        await _desk.SendTextAsync("Phản ánh ở Càng Long", DeskFactory.OaCangLong, "8000000000000000999");
        await _desk.SendQueuedAsync();
        var cases = await _desk.DbAsync(db => db.Cases.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(Ct));
        var otherAck = await _desk.DbAsync(db => db.Messages.Where(m => m.CaseId == cases[1] && m.IsAutomatic).Select(m => m.Id).SingleAsync(Ct));
        await _desk.DbAsync(db => db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, DeliveryStatus.Failed), Ct));
        var officer = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PostRetryAsync(officer, cases[0], otherAck);
        var page = await officer.GetStringAsync(response.Headers.Location!, Ct);

        Assert.Contains("Không tìm thấy tin nhắn cần gửi lại trong hồ sơ này.", page, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Failed, await _desk.DbAsync(db => db.Outbox.Where(o => o.CaseMessageId == otherAck).Select(o => o.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task Every_delivery_change_is_raised_after_it_is_committed()
    {
        var changes = new List<DeliveryChange>();
        _desk.Services.GetRequiredService<DeliveryFeed>().Changed += (_, change) =>
        {
            lock (changes)
            {
                changes.Add(change);
            }
        };
        ZaloIsDown(failures: 1);

        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        await _desk.SendQueuedAsync();
        _state.Time.Advance(TimeSpan.FromSeconds(30));
        await _desk.SendQueuedAsync();

        var ack = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.IsAutomatic, Ct));
        Assert.Equal([DeliveryStatus.Pending, DeliveryStatus.Pending, DeliveryStatus.Sent], changes.Select(c => c.Status));
        Assert.All(changes, c => Assert.Equal(ack.Id, c.CaseMessageId));
        Assert.Null(changes[0].Reason);
        Assert.NotNull(changes[1].Reason);
        Assert.Equal(ack.OutboundZaloMessageId, changes[2].ZaloMessageId);
    }

    [Fact]
    public async Task A_claim_that_lapsed_with_its_instance_is_sent_once_by_the_instances_left()
    {
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        // Instance A claims the acknowledgement, as its worker does, and dies before recording anything.
        var now = _state.Time.GetUtcNow();
        await _desk.DbAsync(db => db.Outbox.ExecuteUpdateAsync(
            s => s.SetProperty(o => o.NextAttemptAt, now + OutboxWorker.ClaimLease).SetProperty(o => o.ClaimToken, Guid.NewGuid()).SetProperty(o => o.Attempts, 1), Ct));
        await _desk.DisposeAsync();

        // Instances B and C share the database; neither may take the claim before its lease ends.
        await using var b = new DeskFactory(_state);
        await using var c = new DeskFactory(_state);
        b.EnsureFollower(Oa, Citizen);
        c.EnsureFollower(Oa, Citizen);
        Assert.Equal((0, 0), (await b.SendQueuedAsync(), await c.SendQueuedAsync()));
        _state.Time.Advance(OutboxWorker.ClaimLease);
        var handled = await Task.WhenAll(Task.Run(b.SendQueuedAsync, Ct), Task.Run(c.SendQueuedAsync, Ct));

        Assert.Equal(1, handled.Sum());
        var sent = Assert.Single(b.Zalo.SentMessages.Concat(c.Zalo.SentMessages));
        var row = await b.DbAsync(db => db.Outbox.SingleAsync(Ct));
        Assert.Equal((DeliveryStatus.Sent, 2, sent.MessageId, (Guid?)null), (row.Status, row.Attempts, row.ZaloMessageId, row.ClaimToken));
    }

    [Fact]
    public async Task Two_instances_sending_at_once_send_each_message_once()
    {
        await using var b = new DeskFactory(_state);
        await _desk.FollowAsync();
        await _desk.SendTextAsync("#thutuc");
        await _desk.SendTextAsync("#lienhe");
        await _desk.SendTextAsync("Có người lạ khả nghi trước nhà số 5");
        b.EnsureFollower(Oa, Citizen);

        var handled = await Task.WhenAll(Task.Run(_desk.SendQueuedAsync, Ct), Task.Run(b.SendQueuedAsync, Ct));

        Assert.Equal(4, handled.Sum());
        var sent = _desk.Zalo.SentMessages.Concat(b.Zalo.SentMessages).Select(m => m.MessageId).Order().ToList();
        var rows = await RowsAsync();
        Assert.All(rows, r => Assert.Equal((DeliveryStatus.Sent, 1), (r.Status, r.Attempts)));
        Assert.Equal(sent, rows.Select(r => r.ZaloMessageId!).Order().ToList());
    }

    private static async Task<HttpResponseMessage> PostRetryAsync(HttpClient client, int caseId, int messageId)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{caseId}");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["messageId"] = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync($"/Cases/{caseId}?handler=Retry", form, Ct);
    }
}
