using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Privacy;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Provincial administrators' powers on a national deployment (issue 18): the root is
/// the country, Trà Vinh one province under it and a second province beside it.</summary>
public sealed class NationalAdministrationTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public NationalAdministrationTests() => _desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["Desk:Retention:ClosedCaseMonths"] = "6" });

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A case closed eight months ago, handled by <paramref name="unitId"/>.</summary>
    private async Task<int> OldClosedCaseAsync(string user, int unitId)
    {
        var c = await _desk.RecordAsync(_desk.Text("m-" + user, "Vụ cũ đã đóng", user: user));
        var closed = _state.Time.GetUtcNow().AddMonths(-8);
        await _desk.DbAsync(db => db.Cases.Where(x => x.Id == c.CaseId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.UnitId, unitId).SetProperty(x => x.Status, CaseStatus.Resolved).SetProperty(x => x.ClosedAt, closed), Ct));
        return c.CaseId;
    }

    [Fact]
    public async Task Under_a_national_root_the_province_level_decides_provincial_powers_not_the_depth()
    {
        var (root, other, otherCommune) = await _desk.AddNationalRootAsync();
        await using var scope = _desk.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<CaseAccess>();
        var traVinh = await _desk.AdministratorOfAsync(await _desk.UnitIdAsync(TraVinhSeed.ProvinceCode));
        var tpTraVinh = await _desk.AdministratorOfAsync(await _desk.UnitIdAsync("CATP-TRAVINH"));
        var national = await _desk.AdministratorOfAsync(root);

        Assert.True(await access.IsProvinceAdministratorAsync(traVinh, Ct));
        Assert.True(await access.IsProvinceAdministratorAsync(await _desk.AdministratorOfAsync(other), Ct));
        Assert.True(await access.IsProvinceAdministratorAsync(national, Ct));
        Assert.False(await access.IsProvinceAdministratorAsync(tpTraVinh, Ct));
        Assert.False(await access.IsProvinceAdministratorAsync(await _desk.AdministratorOfAsync(otherCommune), Ct));
        Assert.False(await access.IsProvinceAdministratorAsync(traVinh with { Role = StaffRole.UnitOfficer }, Ct));
        Assert.Equal((true, false), (CaseAccess.IsTopAdministrator(national), CaseAccess.IsTopAdministrator(traVinh)));
    }

    [Fact]
    public async Task A_provincial_administrators_retention_run_erases_their_province_only_never_anothers()
    {
        var (_, other, otherCommune) = await _desk.AddNationalRootAsync();
        var traVinhCase = await OldClosedCaseAsync("8000000000000000701", await _desk.UnitIdAsync("CATP-TRAVINH"));
        var otherCase = await OldClosedCaseAsync("8000000000000000702", otherCommune);
        var otherAdmin = await _desk.AdministratorOfAsync(other);

        await using var scope = _desk.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DeskRetention>().RunAsync(false, otherAdmin, Ct);

        Assert.Equal(1, report!.Counts.Cases);
        var erased = await _desk.DbAsync(db => db.Cases.Where(c => c.AnonymizedAt != null).Select(c => c.Id).ToListAsync(Ct));
        Assert.Equal([otherCase], erased);
        Assert.DoesNotContain(traVinhCase, erased);
        Assert.All(await _desk.DbAsync(db => db.Audit.Where(a => a.Action == AuditActions.RetentionRun).Select(a => a.UnitId).ToListAsync(Ct)), u => Assert.Equal(other, u));
    }

    [Fact]
    public async Task The_provincial_administrator_signed_in_runs_retention_on_the_page_for_their_province_and_sees_the_run_in_the_audit_log()
    {
        var (_, _, otherCommune) = await _desk.AddNationalRootAsync();
        var traVinhCase = await OldClosedCaseAsync("8000000000000000711", await _desk.UnitIdAsync("CATP-TRAVINH"));
        var otherCase = await OldClosedCaseAsync("8000000000000000712", otherCommune);
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        var page = await admin.GetStringAsync("/Privacy", Ct);
        var flash = await PrivacyTests.FlashAsync(admin, await PrivacyTests.PostPrivacyAsync(admin, "Retention", new() { ["dryRun"] = "false" }));
        var audit = System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync("/Audit", Ct));

        Assert.Contains("handler=Retention", page, StringComparison.Ordinal);
        Assert.StartsWith("Đã xóa dữ liệu cá nhân: 1 hồ sơ", flash, StringComparison.Ordinal);
        Assert.Equal([traVinhCase], await _desk.DbAsync(db => db.Cases.Where(c => c.AnonymizedAt != null).Select(c => c.Id).ToListAsync(Ct)));
        Assert.NotEqual(traVinhCase, otherCase);
        Assert.Contains("Đã xóa (đóng trước", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_district_administrator_under_the_national_root_may_not_run_retention()
    {
        await _desk.AddNationalRootAsync();
        await _desk.DbAsync(db => db.Staff.Where(s => s.UserName == "canbo.tptravinh").ExecuteUpdateAsync(s => s.SetProperty(x => x.Role, StaffRole.Administrator), Ct));
        var district = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PrivacyTests.PostPrivacyAsync(district, "Retention", new() { ["dryRun"] = "false" });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
