using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Intake on PostgreSQL when one citizen's two DIFFERENT messages arrive at the same moment (a text
/// and a photo sent together): different <c>msg_id</c>s, so no de-duplication store (Redis or
/// memory) stands between them and intake; only the unique partial index on the open case per
/// citizen and OA (<c>IX_Cases_OpenPerCitizen</c>) and intake's retry keep it to one case.
/// </summary>
public sealed class PostgreSqlIntakeRaceTests : IAsyncDisposable
{
    private readonly DeskState _state = new();
    private readonly TestPostgresDatabase _database = new();
    private DeskFactory? _desk;

    public async ValueTask DisposeAsync()
    {
        _desk?.Dispose();
        await _database.DisposeAsync();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_different_messages_from_one_citizen_arriving_at_once_open_one_case_and_both_answer_200()
    {
        _desk = new DeskFactory(_state, settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = _database.ConnectionString,
        });
        var citizens = Enumerable.Range(0, 12).Select(i => $"88100000000000{i:D5}").ToList();
        foreach (var citizen in citizens)
        {
            _desk.EnsureFollower(DeskFactory.OaTpTraVinh, citizen);
        }

        // Every citizen's pair at once, all pairs together: each pair races for its citizen's first case.
        var statuses = await Task.WhenAll(citizens.SelectMany(c => new[] { "Nhà tôi bị trộm xe máy", "Ảnh biển số xe" }.Select(text =>
            Task.Run(() => _desk.DeliverAsync(_desk.Zalo.Events.UserSendText(DeskFactory.OaTpTraVinh, c, text))))));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var cases = await _desk.DbAsync(db => db.Cases.AsNoTracking()
            .Where(c => citizens.Contains(c.CitizenUserId))
            .Select(c => new { c.Id, c.CitizenUserId, Inbound = c.Messages.Count(m => m.Direction == MessageDirection.Inbound) })
            .ToListAsync(Ct));
        Assert.Equal(citizens.Order(), cases.Select(c => c.CitizenUserId).Order());
        Assert.All(cases, c => Assert.Equal(2, c.Inbound));
        var opened = await _desk.DbAsync(db => db.Audit.CountAsync(a => a.Action == AuditActions.CaseOpened, Ct));
        Assert.Equal(citizens.Count, opened);
    }
}
