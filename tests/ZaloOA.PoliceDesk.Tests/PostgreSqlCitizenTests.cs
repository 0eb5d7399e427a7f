using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Privacy;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// The CitizenProfiles migration and its queries on PostgreSQL (skipped without a server, failed
/// under <c>CI=true</c>): the profile worker's claim, the inbox's case-to-citizen join, the
/// template scope's "unit path starts with an ancestor's path", and erasure.
/// </summary>
public sealed class PostgreSqlCitizenTests : IAsyncLifetime
{
    private readonly DeskState _state = new();
    private TestPostgresDatabase? _database;
    private DeskFactory? _desk;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _desk?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _state.Dispose();
    }

    private DeskFactory Start()
    {
        _database = new TestPostgresDatabase();
        _desk = new DeskFactory(_state, settings: new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSQL",
            ["Storage:ConnectionString"] = _database.ConnectionString,
        });
        return _desk;
    }

    private static Task<DeskUser> AdminAsync(DeskFactory desk) => desk.DbAsync(async db =>
    {
        var s = await db.Staff.Include(x => x.Unit).SingleAsync(x => x.UserName == TraVinhSeed.AdminUserName, Ct);
        return new DeskUser(s.Id, s.UserName, s.DisplayName, s.Role, s.UnitId, s.Unit.Path);
    });

    [Fact]
    public async Task On_PostgreSQL_the_acknowledgement_follows_the_first_message_and_the_case_number_counts_up()
    {
        // Intake writes the citizen's message and the acknowledgement in one save and takes the
        // number with UPDATE … RETURNING: order and numbering must hold on this provider too.
        var desk = Start();
        var first = await desk.RecordAsync(desk.Text("pg-1", "Có trộm", user: "8000000000000000301"));
        var second = await desk.RecordAsync(desk.Text("pg-2", "Có cháy", user: "8000000000000000302"));

        var order = await desk.DbAsync(db => db.Messages.Where(m => m.CaseId == first.CaseId)
            .OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => m.Direction).ToListAsync(Ct));
        Assert.Equal([Domain.MessageDirection.Inbound, Domain.MessageDirection.Outbound], order);
        Assert.Equal((first.CaseNumber[..^6] + "000001", first.CaseNumber[..^6] + "000002"), (first.CaseNumber, second.CaseNumber));
    }

    [Fact]
    public async Task On_PostgreSQL_the_profile_is_read_shown_in_the_inbox_and_erased_with_the_citizen()
    {
        var desk = Start();
        await desk.SendTextAsync("Có trộm");
        Assert.Equal(1, await desk.Services.GetRequiredService<CitizenProfileWorker>().ProcessDueAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, await desk.DeliverAsync(desk.Zalo.Events.UserSubmitInfo(DeskFactory.OaTpTraVinh, DeskFactory.Citizen)));
        var @case = await desk.DbAsync(db => db.Cases.AsNoTracking().SingleAsync(Ct));
        var (caseId, number) = (@case.Id, @case.Number);
        var admin = await AdminAsync(desk);

        await using var scope = desk.Services.CreateAsyncScope();
        var cards = await scope.ServiceProvider.GetRequiredService<CitizenProfiles>().CardsForCasesAsync([caseId], Ct);
        Assert.Equal(("Nguyễn Văn An", "84912345678", true), (cards[caseId].DisplayName, cards[caseId].SharedPhone, cards[caseId].AvatarDataUri is not null));

        Assert.True((await scope.ServiceProvider.GetRequiredService<CitizenDataRequests>().EraseAsync(admin, number, Ct)).Succeeded);
        Assert.False(await desk.DbAsync(db => db.Citizens.AnyAsync(Ct)));
    }

    [Fact]
    public async Task On_PostgreSQL_a_case_is_offered_its_units_and_its_ancestors_templates_only()
    {
        var desk = Start();
        await desk.SendTextAsync("Có trộm", DeskFactory.OaPhuong1);
        var caseId = await desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync(Ct));
        var admin = await AdminAsync(desk);
        await using var scope = desk.Services.CreateAsyncScope();
        var templates = scope.ServiceProvider.GetRequiredService<ReplyTemplates>();
        foreach (var code in new[] { TraVinhSeed.ProvinceCode, "CATP-TRAVINH", "CAP1-TPTRAVINH", "CAH-CANGLONG" })
        {
            Assert.True((await templates.SaveAsync(admin, null, await desk.UnitIdAsync(code), code, "Mẫu " + code, Ct)).Succeeded);
        }

        var offered = await templates.ForCaseAsync(admin, caseId, Ct);

        Assert.Equal(["CAP1-TPTRAVINH", "CAT-TRAVINH", "CATP-TRAVINH"], offered.Select(t => t.Title).Order(StringComparer.Ordinal));
    }
}
