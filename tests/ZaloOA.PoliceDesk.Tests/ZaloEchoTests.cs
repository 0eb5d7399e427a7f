using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Echoes;
using ZaloOA.PoliceDesk.Outbox;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Issue 19 through signed webhooks: echoes of messages sent from Zalo's own tools, the echo of the
/// desk's own reply, delivery and read receipts, reactions, and events the desk cannot place.
/// </summary>
public sealed class ZaloEchoTests : IDisposable
{
    private const string Oa = DeskFactory.OaTpTraVinh;
    private const string Citizen = DeskFactory.Citizen;
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public ZaloEchoTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answer_from_the_OA_Manager_appears_once_on_the_case_and_sets_the_first_reply_time()
    {
        await _desk.SendTextAsync("Có người lạ đột nhập nhà tôi");
        RouteEmulatorWebhooks(_desk);
        _state.Time.Advance(TimeSpan.FromMinutes(9));

        var echo = await _desk.Zalo.SendFromOaManagerAsync(Oa, Citizen, "Công an phường đang đến.\nAnh giữ máy nhé.", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        var c = await _desk.DbAsync(db => db.Cases.SingleAsync(Ct));
        var m = await _desk.DbAsync(db => db.Messages.SingleAsync(x => x.Direction == MessageDirection.Outbound && !x.IsAutomatic, Ct));
        Assert.Equal(
            (c.Id, true, "Công an phường đang đến.\nAnh giữ máy nhé.", echo.Event.MessageId, DeliveryStatus.Sent, (int?)null),
            (m.CaseId, m.FromZaloTools, m.Text, m.OutboundZaloMessageId, m.Delivery, m.SentById));
        Assert.Equal((CaseStatus.InProgress, c.FirstMessageAt + TimeSpan.FromMinutes(9), 540), (c.Status, c.FirstResponseAt, c.FirstReplySeconds));
        Assert.Equal(1, await _desk.DbAsync(db => db.Audit.CountAsync(a => a.Action == ZaloEchoes.RepliedFromZaloTools && a.CaseId == c.Id && a.ActorName == ZaloEchoes.ZaloToolsActor, Ct)));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var page = await client.GetStringAsync($"/Cases/{c.Id}?handler=Messages", Ct);
        Assert.Contains("gửi từ công cụ của Zalo", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_delivered_again_to_another_instance_is_recorded_once()
    {
        await _desk.SendTextAsync("Xe máy bị lấy trộm");
        RouteEmulatorWebhooks(_desk);
        var echo = await _desk.Zalo.SendFromOaManagerAsync(Oa, Citizen, "Đã tiếp nhận.", cancellationToken: Ct);
        using var other = new DeskFactory(_state);

        // Zalo redelivers to whichever instance: the other one has its own de-duplication memory.
        var again = await other.DeliverAsync(echo.Event);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (echo.StatusCode, again));
        Assert.Equal(1, await _desk.DbAsync(db => db.Messages.CountAsync(x => x.FromZaloTools, Ct)));
        Assert.Equal(1, await _desk.DbAsync(db => db.Audit.CountAsync(a => a.Action == ZaloEchoes.RepliedFromZaloTools, Ct)));
    }

    [Fact]
    public async Task Desk_reply_and_its_echo_are_one_message()
    {
        await _desk.SendTextAsync("Mất ví ở chợ");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var answered = RouteEmulatorWebhooks(_desk);
        var client = await _desk.SignInAsync("canbo.tptravinh");
        (await ReplyTests.ReplyAsync(client, caseId, "Mời anh đến trụ sở để làm biên bản.")).Dispose();

        await _desk.SendQueuedAsync();
        // The emulator echoes the acknowledgement and the reply after Zalo's answers, in the background.
        await WaitAsync(() => answered.Count(e => e == "oa_send_text") == 2);

        var outbound = await _desk.DbAsync(db => db.Messages.Where(m => m.Direction == MessageDirection.Outbound).OrderBy(m => m.Id).ToListAsync(Ct));
        Assert.Equal([(true, false), (false, false)], outbound.Select(m => (m.IsAutomatic, m.FromZaloTools)));
        Assert.Equal(_desk.Zalo.SentMessages.Select(s => s.MessageId), outbound.Select(m => m.OutboundZaloMessageId));
        Assert.Equal(0, await _desk.DbAsync(db => db.UnmatchedZaloEvents.CountAsync(Ct)));
    }

    [Fact]
    public async Task Echo_that_outruns_the_outbox_worker_is_recognised_as_the_send_in_flight()
    {
        await _desk.SendTextAsync("Mất ví ở chợ");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        (await ReplyTests.ReplyAsync(client, caseId, "Mời anh đến trụ sở.")).Dispose();
        var replyId = await _desk.DbAsync(db => db.Messages.Where(m => m.SentById != null).Select(m => m.Id).SingleAsync(Ct));
        // As the worker leaves the reply while Zalo answers: claimed, no message id yet (the
        // acknowledgement before it went out).
        await _desk.DbAsync(db => db.Outbox.Where(o => o.CaseMessageId == replyId).ExecuteUpdateAsync(s => s.SetProperty(o => o.ClaimToken, Guid.NewGuid()), Ct));
        await _desk.DbAsync(db => db.Outbox.Where(o => o.CaseMessageId != replyId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, DeliveryStatus.Sent), Ct));

        var echo = _desk.Zalo.Events.OaSendText(Oa, Citizen, "Mời anh đến trụ sở.");
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(echo));

        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null, Ct));
        Assert.Equal(echo.MessageId, reply.OutboundZaloMessageId);
        Assert.Equal(0, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.FromZaloTools, Ct)));
    }

    [Fact]
    public async Task Seen_receipt_with_several_ids_marks_every_listed_message_seen()
    {
        var (caseId, ids) = await CaseWithTwoSentMessagesAsync();

        var status = await _desk.DeliverAsync(_desk.Zalo.Events.UserSeenMessage(Oa, Citizen, ids));

        Assert.Equal(HttpStatusCode.OK, status);
        var marks = await _desk.DbAsync(db => db.Messages.Where(m => m.Direction == MessageDirection.Outbound).OrderBy(m => m.Id)
            .Select(m => new { m.ReceivedByCitizenAt, m.SeenByCitizenAt }).ToListAsync(Ct));
        Assert.All(marks, m => Assert.Equal((_state.Time.GetUtcNow(), _state.Time.GetUtcNow()), (m.ReceivedByCitizenAt, m.SeenByCitizenAt)));
        var page = await (await _desk.SignInAsync("canbo.tptravinh")).GetStringAsync($"/Cases/{caseId}?handler=Messages", Ct);
        Assert.Equal(2, CountOf(page, "data-delivery=\"Seen\">Đã xem<"));
    }

    [Fact]
    public async Task Received_receipt_marks_the_message_received_not_seen()
    {
        var (caseId, ids) = await CaseWithTwoSentMessagesAsync();

        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Zalo.Events.UserReceivedMessage(Oa, Citizen, ids[1])));

        var page = await (await _desk.SignInAsync("canbo.tptravinh")).GetStringAsync($"/Cases/{caseId}?handler=Messages", Ct);
        Assert.Equal((1, 1, 0), (CountOf(page, "data-delivery=\"Sent\">Đã gửi<"), CountOf(page, "data-delivery=\"Received\">Đã nhận<"), CountOf(page, "data-delivery=\"Seen\"")));
    }

    [Fact]
    public async Task Receipt_signed_for_another_citizen_does_not_mark_this_citizens_messages()
    {
        var (_, ids) = await CaseWithTwoSentMessagesAsync();

        // A valid event of another conversation naming this conversation's message ids.
        var status = await _desk.DeliverAsync(_desk.Zalo.Events.UserSeenMessage(Oa, "8000000000000000999", ids));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.SeenByCitizenAt != null, Ct)));
        Assert.Equal(2, await _desk.DbAsync(db => db.UnmatchedZaloEvents.CountAsync(u => u.EventName == "user_seen_message", Ct)));
    }

    [Fact]
    public async Task Citizens_reaction_is_shown_on_the_message_it_reacts_to()
    {
        var (caseId, ids) = await CaseWithTwoSentMessagesAsync();

        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Zalo.Events.UserReactedMessage(Oa, Citizen, ids[1], "/-heart")));

        var reacted = await _desk.DbAsync(db => db.Messages.Where(m => m.CitizenReaction != null).Select(m => new { m.OutboundZaloMessageId, m.CitizenReaction }).SingleAsync(Ct));
        Assert.Equal((ids[1], "/-heart"), (reacted.OutboundZaloMessageId, reacted.CitizenReaction));
        var page = await (await _desk.SignInAsync("canbo.tptravinh")).GetStringAsync($"/Cases/{caseId}?handler=Messages", Ct);
        Assert.Contains("data-reaction=\"/-heart\">Người dân bày tỏ cảm xúc: <span aria-label=\"tim\">❤️</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_for_a_citizen_the_desk_never_saw_is_answered_2xx_and_kept_for_administrators()
    {
        _desk.EnsureFollower(Oa, "8000000000000000555");
        var echo = _desk.Zalo.Events.OaSendText(Oa, "8000000000000000555", "Chào anh, đây là Công an TP Trà Vinh.", adminId: "6282389142451548427");

        var status = await _desk.DeliverAsync(echo);
        using var other = new DeskFactory(_state);
        var again = await other.DeliverAsync(echo);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, again));
        Assert.Equal(0, await _desk.DbAsync(db => db.Cases.CountAsync(Ct)));
        var kept = await _desk.DbAsync(db => db.UnmatchedZaloEvents.SingleAsync(Ct));
        Assert.Equal(("oa_send_text", Oa, "8000000000000000555", echo.MessageId, "Chào anh, đây là Công an TP Trà Vinh."), (kept.EventName, kept.OaId, kept.CitizenUserId, kept.ZaloMsgId, kept.Detail));
        var admin = await _desk.SignInAsync("admin.tinh");
        var operations = await admin.GetStringAsync("/Operations", Ct);
        Assert.Contains(echo.MessageId!, operations, StringComparison.Ordinal);
        using var officer = await _desk.SignInAsync("canbo.tptravinh");
        using var refused = await officer.GetAsync("/Operations", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Receipt_kept_before_its_message_is_applied_when_the_echo_arrives()
    {
        await _desk.SendTextAsync("Đánh nhau ở quán");
        var echo = _desk.Zalo.Events.OaSendText(Oa, Citizen, "Đang cử người.", adminId: "6282389142451548427");
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Zalo.Events.UserSeenMessage(Oa, Citizen, [echo.MessageId!])));
        Assert.Equal(1, await _desk.DbAsync(db => db.UnmatchedZaloEvents.CountAsync(Ct)));

        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(echo));

        var m = await _desk.DbAsync(db => db.Messages.SingleAsync(x => x.FromZaloTools, Ct));
        Assert.NotNull(m.SeenByCitizenAt);
        Assert.Equal(0, await _desk.DbAsync(db => db.UnmatchedZaloEvents.CountAsync(Ct)));
    }

    [Fact]
    public async Task Receipt_that_outruns_the_outbox_worker_is_applied_when_the_worker_records_the_send()
    {
        // The citizen's phone reads the reply before the worker has stored Zalo's answer: the receipt
        // is kept, then applied when the worker records the id (this conversation's receipt only).
        const string Id = "7f1c0a2b9d3e4f5a";
        await _desk.SendTextAsync("Có vụ va chạm giao thông");
        await _desk.SendQueuedAsync(); // the acknowledgement
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        (await ReplyTests.ReplyAsync(client, caseId, "Đã cử cảnh sát giao thông.")).Dispose();
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Zalo.Events.UserSeenMessage(Oa, Citizen, [Id])));
        // Another conversation's receipt naming the same id stays where it is.
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Zalo.Events.UserReceivedMessage(Oa, "8000000000000000999", Id)));
        Assert.Equal(2, await _desk.DbAsync(db => db.UnmatchedZaloEvents.CountAsync(Ct)));

        _desk.Zalo.EnqueueResponse("/v3.0/oa/message/cs", 200, $$"""{"data":{"message_id":"{{Id}}","user_id":"{{Citizen}}"},"error":0,"message":"Success"}""");
        Assert.Equal(1, await _desk.SendQueuedAsync());

        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.CaseId == caseId && m.SentById != null, Ct));
        Assert.Equal((Id, _state.Time.GetUtcNow(), _state.Time.GetUtcNow()), (reply.OutboundZaloMessageId, reply.ReceivedByCitizenAt, reply.SeenByCitizenAt));
        var left = Assert.Single(await _desk.DbAsync(db => db.UnmatchedZaloEvents.ToListAsync(Ct)));
        Assert.Equal(("8000000000000000999", "user_received_message"), (left.CitizenUserId, left.EventName));
    }

    // A case whose acknowledgement and one officer reply Zalo accepted; their Zalo message ids.
    private async Task<(int CaseId, string[] Ids)> CaseWithTwoSentMessagesAsync()
    {
        await _desk.SendTextAsync("Có vụ va chạm giao thông");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var client = await _desk.SignInAsync("canbo.tptravinh");
        (await ReplyTests.ReplyAsync(client, caseId, "Đã cử cảnh sát giao thông.")).Dispose();
        await _desk.SendQueuedAsync();
        return (caseId, [.. _desk.Zalo.SentMessages.Select(m => m.MessageId)]);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Has the emulator post its own webhooks (echoes, OA Manager messages) into the test
    /// server; returns the event names the desk answered, as they are answered.</summary>
    internal static ConcurrentQueue<string> RouteEmulatorWebhooks(DeskFactory desk)
    {
        desk.EnsureFollower(Oa, Citizen);
        var answered = new ConcurrentQueue<string>();
        desk.Zalo.WebhookClient = new HttpClient(new AnsweredWebhooks(answered) { InnerHandler = desk.Server.CreateHandler() }) { BaseAddress = new Uri("http://localhost/") };
        desk.Zalo.WebhookUrl = new Uri("http://localhost/zalo/webhook");
        return answered;
    }

    internal static async Task WaitAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private sealed class AnsweredWebhooks(ConcurrentQueue<string> answered) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            using var json = JsonDocument.Parse(body);
            answered.Enqueue(json.RootElement.GetProperty("event_name").GetString()!);
            return response;
        }
    }
}
