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

    /// <summary>Puts a national root above Trà Vinh and a second province (with one commune) beside it;
    /// returns the ids of the root, the second province and its commune.</summary>
    private async Task<(int Root, int Other, int OtherCommune)> NationalAsync() => await _desk.DbAsync(async db =>
    {
        var national = new UnitLevel { Code = "tw", Name = "Trung ương", Depth = 0 };
        var province = await db.UnitLevels.SingleAsync(l => l.Code == UnitLevel.ProvinceCode, Ct);
        var commune = await db.UnitLevels.OrderByDescending(l => l.Depth).FirstAsync(Ct);
        var root = new Unit { Code = "TW-MAU", Name = "Bộ Công an (mẫu)", Level = national, Path = "/" };
        db.Units.Add(root);
        await db.SaveChangesAsync(Ct);
        await db.Units.Where(u => u.Id != root.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Path, u => "/" + root.Id + u.Path), Ct);
        await db.Units.Where(u => u.Code == TraVinhSeed.ProvinceCode).ExecuteUpdateAsync(s => s.SetProperty(u => u.ParentId, root.Id), Ct);
        root.Path = $"/{root.Id}/";
        var other = new Unit { Code = "CAT-M02", Name = "Công an tỉnh mẫu 02 (tên giả định)", LevelId = province.Id, ParentId = root.Id, Path = "" };
        db.Units.Add(other);
        await db.SaveChangesAsync(Ct);
        other.Path = $"{root.Path}{other.Id}/";
        var otherCommune = new Unit { Code = "CAX-M02-001", Name = "Công an xã mẫu 02-001 (tên giả định)", LevelId = commune.Id, ParentId = other.Id, Path = "" };
        db.Units.Add(otherCommune);
        await db.SaveChangesAsync(Ct);
        otherCommune.Path = $"{other.Path}{otherCommune.Id}/";
        await db.SaveChangesAsync(Ct);
        return (root.Id, other.Id, otherCommune.Id);
    });

    private async Task<DeskUser> AdministratorOfAsync(int unitId) => await _desk.DbAsync(async db =>
    {
        var unit = await db.Units.SingleAsync(u => u.Id == unitId, Ct);
        return new DeskUser(90000 + unitId, "admin." + unit.Code, "Quản trị " + unit.Name, StaffRole.Administrator, unit.Id, unit.Path);
    });

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
        var (root, other, otherCommune) = await NationalAsync();
        await using var scope = _desk.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<CaseAccess>();
        var traVinh = await AdministratorOfAsync(await _desk.UnitIdAsync(TraVinhSeed.ProvinceCode));
        var tpTraVinh = await AdministratorOfAsync(await _desk.UnitIdAsync("CATP-TRAVINH"));
        var national = await AdministratorOfAsync(root);

        Assert.True(await access.IsProvinceAdministratorAsync(traVinh, Ct));
        Assert.True(await access.IsProvinceAdministratorAsync(await AdministratorOfAsync(other), Ct));
        Assert.True(await access.IsProvinceAdministratorAsync(national, Ct));
        Assert.False(await access.IsProvinceAdministratorAsync(tpTraVinh, Ct));
        Assert.False(await access.IsProvinceAdministratorAsync(await AdministratorOfAsync(otherCommune), Ct));
        Assert.False(await access.IsProvinceAdministratorAsync(traVinh with { Role = StaffRole.UnitOfficer }, Ct));
        Assert.Equal((true, false), (CaseAccess.IsTopAdministrator(national), CaseAccess.IsTopAdministrator(traVinh)));
    }

    [Fact]
    public async Task A_provincial_administrators_retention_run_erases_their_province_only_never_anothers()
    {
        var (_, other, otherCommune) = await NationalAsync();
        var traVinhCase = await OldClosedCaseAsync("8000000000000000701", await _desk.UnitIdAsync("CATP-TRAVINH"));
        var otherCase = await OldClosedCaseAsync("8000000000000000702", otherCommune);
        var otherAdmin = await AdministratorOfAsync(other);

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
        var (_, _, otherCommune) = await NationalAsync();
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
        await NationalAsync();
        await _desk.DbAsync(db => db.Staff.Where(s => s.UserName == "canbo.tptravinh").ExecuteUpdateAsync(s => s.SetProperty(x => x.Role, StaffRole.Administrator), Ct));
        var district = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await PrivacyTests.PostPrivacyAsync(district, "Retention", new() { ["dryRun"] = "false" });

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
