using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Intake;

namespace ZaloOA.PoliceDesk.Tests;

public sealed class IntakeTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public IntakeTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task Redelivered_message_creates_one_case_and_one_message()
    {
        var first = await _desk.RecordAsync(_desk.Text("msg-1", "Có nhóm thanh niên tụ tập gây rối"));
        var again = await _desk.RecordAsync(_desk.Text("msg-1", "Có nhóm thanh niên tụ tập gây rối"));

        Assert.Equal(IntakeOutcome.NewCase, first.Outcome);
        Assert.Equal(new IntakeResult(IntakeOutcome.Duplicate, first.CaseId, first.CaseNumber, first.MessageId), again);
        Assert.Equal(1, await _desk.DbAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.Direction == MessageDirection.Inbound)));
        Assert.Equal(1, await _desk.DbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Twenty_concurrent_deliveries_of_one_msg_id_create_one_case()
    {
        _ = _desk.Services; // start the host once, before the race
        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => _desk.RecordAsync(_desk.Text("msg-race", "Tai nạn giao thông ở cầu Long Bình")))));

        Assert.Single(results, r => r.Outcome == IntakeOutcome.NewCase);
        Assert.Equal(19, results.Count(r => r.Outcome == IntakeOutcome.Duplicate));
        Assert.Single(results.Select(r => r.CaseNumber).Distinct());
        Assert.Equal(1, await _desk.DbAsync(db => db.Cases.CountAsync()));
        Assert.Equal(1, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.ZaloMsgId == "msg-race")));
        Assert.Equal(1, await _desk.DbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Next_message_of_the_citizen_joins_the_open_case()
    {
        var first = await _desk.RecordAsync(_desk.Text("msg-1", "Nhà tôi bị trộm xe máy"));
        _state.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await _desk.RecordAsync(_desk.Text("msg-2", "Biển số 84B1-123.45"));

        Assert.Equal(IntakeOutcome.AddedToOpenCase, second.Outcome);
        Assert.Equal(first.CaseId, second.CaseId);
        Assert.Equal(2, await _desk.DbAsync(db => db.Messages.CountAsync(m => m.CaseId == first.CaseId && m.Direction == MessageDirection.Inbound)));
        // Only the new case is acknowledged.
        Assert.Equal(1, await _desk.DbAsync(db => db.Outbox.CountAsync()));
    }

    [Fact]
    public async Task Another_citizen_gets_another_case()
    {
        var a = await _desk.RecordAsync(_desk.Text("msg-1", "Xin hỏi thủ tục tạm trú", user: "8000000000000000001"));
        var b = await _desk.RecordAsync(_desk.Text("msg-2", "Xin hỏi thủ tục tạm trú", user: "8000000000000000002"));

        Assert.Equal(IntakeOutcome.NewCase, b.Outcome);
        Assert.NotEqual(a.CaseId, b.CaseId);
    }

    [Fact]
    public async Task Message_after_the_case_was_resolved_opens_a_new_case()
    {
        var first = await _desk.RecordAsync(_desk.Text("msg-1", "Xin hỏi thủ tục cấp căn cước"));
        await _desk.DbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == first.CaseId);
            c.Status = CaseStatus.Resolved;
            c.ClosedAt = _state.Time.GetUtcNow();
            return await db.SaveChangesAsync();
        });

        var next = await _desk.RecordAsync(_desk.Text("msg-2", "Có người đánh nhau trước chợ"));

        Assert.Equal(IntakeOutcome.NewCase, next.Outcome);
        Assert.NotEqual(first.CaseId, next.CaseId);
    }

    [Fact]
    public async Task Case_numbers_are_prefix_year_and_six_digit_sequence()
    {
        var a = await _desk.RecordAsync(_desk.Text("msg-1", "a", user: "u1"));
        var b = await _desk.RecordAsync(_desk.Text("msg-2", "b", user: "u2"));

        Assert.Equal("TV-2026-000001", a.CaseNumber);
        Assert.Equal("TV-2026-000002", b.CaseNumber);
    }

    [Fact]
    public async Task Case_number_year_is_vietnam_time()
    {
        // 31/12/2026 18:00 UTC is already 1/1/2027 in Vietnam.
        var message = _desk.Text("msg-1", "Chúc mừng năm mới") with { ReceivedAt = new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero) };

        var result = await _desk.RecordAsync(message);

        Assert.Equal("TV-2027-000001", result.CaseNumber);
    }

    [Fact]
    public async Task Case_goes_to_the_unit_whose_OA_received_it()
    {
        var tp = await _desk.RecordAsync(_desk.Text("msg-1", "a", oaId: DeskFactory.OaTpTraVinh));
        var cl = await _desk.RecordAsync(_desk.Text("msg-2", "b", oaId: DeskFactory.OaCangLong));
        var tinh = await _desk.RecordAsync(_desk.Text("msg-3", "c", oaId: DeskFactory.OaProvince));

        Assert.Equal(await _desk.UnitIdAsync("CATP-TRAVINH"), await UnitOf(tp.CaseId));
        Assert.Equal(await _desk.UnitIdAsync("CAH-CANGLONG"), await UnitOf(cl.CaseId));
        Assert.Equal(await _desk.UnitIdAsync("CAT-TRAVINH"), await UnitOf(tinh.CaseId));
    }

    [Fact]
    public async Task Keyword_sets_the_category_at_intake()
    {
        var result = await _desk.RecordAsync(_desk.Text("msg-1", "Có vụ tai nan giao thong tren quoc lo 53"));

        Assert.Equal(CaseCategory.TrafficSafety, await _desk.DbAsync(db => db.Cases.Where(c => c.Id == result.CaseId).Select(c => c.Category).SingleAsync()));
    }

    [Fact]
    public async Task Media_is_queued_for_download_with_the_message()
    {
        var message = _desk.Text("msg-1", "Ảnh hiện trường") with
        {
            Kind = MessageKind.Image,
            Media = [new InboundMedia("https://photo.zalo.example/a.jpg")],
        };

        var result = await _desk.RecordAsync(message);

        var media = await _desk.DbAsync(db => db.Media.SingleAsync());
        Assert.Equal((result.CaseId, result.MessageId, MediaStatus.Pending, "https://photo.zalo.example/a.jpg"),
            (media.CaseId, media.MessageId, media.Status, media.SourceUrl));
    }

    private Task<int> UnitOf(int caseId) => _desk.DbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.UnitId).SingleAsync());
}
