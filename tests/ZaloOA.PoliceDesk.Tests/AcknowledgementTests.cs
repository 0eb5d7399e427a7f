using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The automatic acknowledgement of a new case, through the outbox to the emulated Zalo.</summary>
public sealed class AcknowledgementTests : IDisposable
{
    private const string Citizen = "8000000000000000001";
    private const string Cs = "/v3.0/oa/message/cs";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public AcknowledgementTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task Acknowledgement_is_sent_with_the_case_number_as_the_report_code()
    {
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "Có người lạ khả nghi", user: Citizen));

        Assert.Equal(1, await _desk.SendQueuedAsync());

        var sent = Assert.Single(_desk.Zalo.SentMessages);
        Assert.Equal((DeskFactory.OaTpTraVinh, Citizen, Cs), (sent.OaId, sent.UserId, sent.Path));
        WireMockExtensions.AssertJsonEqual(
            $$$"""{"recipient":{"user_id":"{{{Citizen}}}"},"message":{"text":"Công an TP Trà Vinh đã tiếp nhận phản ánh của bạn.\nMã phản ánh: {{{result.CaseNumber}}}\nCán bộ sẽ phản hồi trong thời gian sớm nhất. Xem tình trạng: nhắn #hoso {{{result.CaseNumber}}}\nTrường hợp khẩn cấp, vui lòng gọi 113 hoặc đường dây nóng 0294 3852 207."}}""",
            sent.RequestJson);
        var ack = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.CaseId == result.CaseId && m.IsAutomatic));
        Assert.Equal((DeliveryStatus.Sent, sent.MessageId, null), (ack.Delivery, ack.OutboundZaloMessageId, ack.DeliveryError));
        var row = await _desk.DbAsync(db => db.Outbox.SingleAsync());
        Assert.Equal((DeliveryStatus.Sent, 1, sent.MessageId), (row.Status, row.Attempts, row.ZaloMessageId));
    }

    [Fact]
    public async Task Acknowledgement_follows_the_citizens_first_message_in_the_conversation_order()
    {
        // Both rows are written in one save; the conversation orders by time, then id.
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "Có người lạ khả nghi", user: Citizen));

        var order = await _desk.DbAsync(db => db.Messages.Where(m => m.CaseId == result.CaseId)
            .OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => m.Direction).ToListAsync());
        Assert.Equal([MessageDirection.Inbound, MessageDirection.Outbound], order);
    }

    [Fact]
    public async Task Acknowledgement_does_not_count_as_first_response()
    {
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        await _desk.SendQueuedAsync();

        Assert.Null(await _desk.DbAsync(db => db.Cases.Where(c => c.Id == result.CaseId).Select(c => c.FirstResponseAt).SingleAsync()));
    }

    [Fact]
    public async Task Window_closed_is_recorded_with_the_reason_and_not_retried()
    {
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _desk.Zalo.EnqueueError(Cs, -230, "User has not interacted with the OA in the past 7 days");

        await _desk.SendQueuedAsync();
        _state.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await _desk.SendQueuedAsync());
        Assert.Empty(_desk.Zalo.SentMessages);
        var row = await _desk.DbAsync(db => db.Outbox.SingleAsync());
        Assert.Equal((DeliveryStatus.WindowClosed, 1), (row.Status, row.Attempts));
        Assert.Contains("-230", row.LastError, StringComparison.Ordinal);
        var ack = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.IsAutomatic));
        Assert.Equal((DeliveryStatus.WindowClosed, row.LastError), (ack.Delivery, ack.DeliveryError));
        Assert.True(await _desk.DbAsync(db => db.Audit.AnyAsync(a => a.CaseId == result.CaseId && a.Action == AuditActions.AcknowledgementWindowClosed)));
    }

    [Fact]
    public async Task Transient_failure_is_retried_after_backoff()
    {
        await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        _desk.Zalo.EnqueueResponse(Cs, 503, """{"error":-32,"message":"Service unavailable"}""");

        Assert.Equal(1, await _desk.SendQueuedAsync());
        var waiting = await _desk.DbAsync(db => db.Outbox.SingleAsync());
        Assert.Equal((DeliveryStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.NotNull(waiting.LastError);
        Assert.Equal(0, await _desk.SendQueuedAsync());

        _state.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await _desk.SendQueuedAsync());

        Assert.Single(_desk.Zalo.SentMessages);
        var row = await _desk.DbAsync(db => db.Outbox.SingleAsync());
        Assert.Equal((DeliveryStatus.Sent, 2, null), (row.Status, row.Attempts, row.LastError));
    }

    [Fact]
    public async Task Running_workers_send_the_acknowledgement_by_themselves()
    {
        using var running = new DeskFactory(_state, workers: true);
        var result = await running.RecordAsync(running.Text("msg-1", "a", user: Citizen));

        var sent = await running.Zalo.WaitForMessageAsync(m => m.UserId == Citizen, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Contains($"Mã phản ánh: {result.CaseNumber}", sent.Text, StringComparison.Ordinal);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        // A wait for background work, not a timing assertion: the limit only stops a hung test.
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
