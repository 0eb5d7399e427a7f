using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Cases;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The consultation window on the case page: Zalo's record of the citizen's last
/// interaction, asked at most once a minute per citizen, and never older than the desk's own.</summary>
public sealed class CaseWindowTests : IDisposable
{
    private const string QuotaPath = "/v3.0/oa/quota/message";
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public CaseWindowTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int QuotaCalls() => _desk.Zalo.Server.LogEntries.Count(e => e.RequestMessage.Path.Contains("/oa/quota/message", StringComparison.Ordinal));

    private async Task<CaseWindow> WindowAsync(int caseId)
    {
        using var scope = _desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.DeskDbContext>();
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == caseId, Ct);
        return await scope.ServiceProvider.GetRequiredService<CaseDesk>().GetWindowAsync(c, Ct);
    }

    [Fact]
    public async Task Reopening_a_case_within_a_minute_does_not_ask_zalo_again_and_after_a_minute_it_does()
    {
        await _desk.SendTextAsync("Có trộm");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var before = QuotaCalls();

        Assert.True((await WindowAsync(caseId)).FromZalo);
        _state.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.True((await WindowAsync(caseId)).FromZalo);
        Assert.Equal(before + 1, QuotaCalls());

        _state.Time.Advance(TimeSpan.FromSeconds(2));
        await WindowAsync(caseId);
        Assert.Equal(before + 2, QuotaCalls());
    }

    [Fact]
    public async Task A_message_stored_after_zalos_kept_answer_moves_the_window()
    {
        await _desk.SendTextAsync("Có trộm");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var first = await WindowAsync(caseId);

        _state.Time.Advance(TimeSpan.FromSeconds(40));
        await _desk.SendTextAsync("Thêm thông tin");
        var second = await WindowAsync(caseId);

        var lastInbound = await _desk.DbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.LastInboundAt).SingleAsync(Ct));
        Assert.True(lastInbound > first.Status.LastInteraction);
        Assert.Equal(lastInbound, second.Status.LastInteraction);
    }

    [Fact]
    public async Task Zalo_failing_is_not_kept_and_the_next_view_asks_again()
    {
        await _desk.SendTextAsync("Có trộm");
        var caseId = await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        _desk.Zalo.EnqueueError(QuotaPath, -32, "Rate limit");

        Assert.False((await WindowAsync(caseId)).FromZalo);
        Assert.True((await WindowAsync(caseId)).FromZalo);
    }
}
