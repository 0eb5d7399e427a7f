using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Channel;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Outbox;

namespace ZaloOA.PoliceDesk.Tests;

public sealed class AcknowledgementTests : IDisposable
{
    private const string Citizen = "8000000000000000001";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public AcknowledgementTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private Task<int> RunSenderAsync() =>
        _desk.Services.GetRequiredService<OutboxWorker>().ProcessDueAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Acknowledgement_is_sent_through_the_channel_with_the_case_number()
    {
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "Có người lạ khả nghi", user: Citizen));

        Assert.Equal(1, await RunSenderAsync());

        var sent = Assert.Single(_desk.Channel.Sent);
        Assert.Equal((DeskFactory.OaTpTraVinh, Citizen, "text"), (sent.OaId, sent.CitizenUserId, sent.Kind));
        Assert.Contains($"Mã hồ sơ: {result.CaseNumber}.", sent.Text, StringComparison.Ordinal);
        Assert.StartsWith("Công an TP Trà Vinh đã tiếp nhận phản ánh của bạn.", sent.Text, StringComparison.Ordinal);
        var ack = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.CaseId == result.CaseId && m.IsAutomatic));
        Assert.Equal((DeliveryStatus.Sent, "fake-1"), (ack.Delivery, ack.OutboundZaloMessageId));
        Assert.Equal(DeliveryStatus.Sent, await _desk.DbAsync(db => db.Outbox.Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task Acknowledgement_does_not_count_as_first_response()
    {
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));
        await RunSenderAsync();

        Assert.Null(await _desk.DbAsync(db => db.Cases.Where(c => c.Id == result.CaseId).Select(c => c.FirstResponseAt).SingleAsync()));
    }

    [Fact]
    public async Task Window_closed_is_recorded_and_not_retried()
    {
        _desk.Channel.CloseWindow(DeskFactory.OaTpTraVinh, Citizen);
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));

        await RunSenderAsync();
        _state.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(0, await RunSenderAsync());
        Assert.Empty(_desk.Channel.Sent);
        var outbox = await _desk.DbAsync(db => db.Outbox.SingleAsync());
        Assert.Equal((DeliveryStatus.WindowClosed, 1, "-230"), (outbox.Status, outbox.Attempts, outbox.LastError));
        Assert.True(await _desk.DbAsync(db => db.Audit.AnyAsync(a => a.CaseId == result.CaseId && a.Action == AuditActions.AcknowledgementWindowClosed)));
    }

    [Fact]
    public async Task Transient_failure_is_retried_after_backoff()
    {
        _desk.Channel.FailNextSends(1);
        await _desk.RecordAsync(_desk.Text("msg-1", "a", user: Citizen));

        await RunSenderAsync();
        Assert.Equal((DeliveryStatus.Pending, 1), await _desk.DbAsync(db => db.Outbox.Select(o => new ValueTuple<DeliveryStatus, int>(o.Status, o.Attempts)).SingleAsync()));
        Assert.Equal(0, await RunSenderAsync());

        _state.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await RunSenderAsync());

        Assert.Single(_desk.Channel.Sent);
        Assert.Equal(DeliveryStatus.Sent, await _desk.DbAsync(db => db.Outbox.Select(o => o.Status).SingleAsync()));
    }

    [Fact]
    public async Task Running_workers_send_the_acknowledgement_by_themselves()
    {
        using var running = new DeskFactory(_state, workers: true);
        _ = running.Services; // start the host
        await running.RecordAsync(running.Text("msg-1", "a", user: Citizen));

        await Eventually(() => running.Channel.Sent.Count == 1);
        Assert.Contains("Mã hồ sơ: TV-2026-000001", running.Channel.Sent[0].Text, StringComparison.Ordinal);
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
