using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Units.Import;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// A national hierarchy the size of Vietnam's police since 1 July 2025 (issue 18), imported through
/// the desk's own unit import on top of the Trà Vinh seed: a national root, Trà Vinh (23 units) as one
/// province under it and 33 synthetic provinces of 100 communes beside it, 3,357 units in all. The
/// seeded administrator (<see cref="TraVinhSeed.AdminUserName"/>) moves to the root: the national
/// administrator; the other seeded accounts stay where they were.
/// </summary>
internal static class NationalHierarchy
{
    public const string RootCode = "TW-MAU";

    /// <summary>Provinces added beside Trà Vinh.</summary>
    public const int OtherProvinces = 33;

    /// <summary>Communes of each added province.</summary>
    public const int CommunesEach = 100;

    /// <summary>Every unit after the import.</summary>
    public const int Units = 1 + 23 + OtherProvinces + OtherProvinces * CommunesEach;

    public static string ProvinceCode(int province) => $"CAT-M{province:00}";

    public static string ProvinceName(int province) => $"Công an tỉnh mẫu {province:00} (tên giả định)";

    public static string CommuneCode(int province, int commune) => $"CAX-M{province:00}-{commune:000}";

    public static string CommuneName(int province, int commune) => $"Công an xã mẫu {province:00}-{commune:000} (tên giả định)";

    /// <summary>Imports the hierarchy and moves the seeded administrator to its root; returns the root's id.</summary>
    public static async Task<int> ImportAsync(IServiceProvider services)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var hierarchy = scope.ServiceProvider.GetRequiredService<UnitHierarchy>();
        var rows = (await hierarchy.ExportAsync(db.Units, ct))
            .Select(r => r.Code == TraVinhSeed.ProvinceCode ? r with { Parent = RootCode } : r)
            .Prepend(new UnitRow { Code = RootCode, Name = "Bộ Công an (mẫu)", Level = "tw", LevelName = "Trung ương" })
            .ToList();
        for (var p = 1; p <= OtherProvinces; p++)
        {
            rows.Add(new UnitRow { Code = ProvinceCode(p), Name = ProvinceName(p), Level = "tinh", Parent = RootCode });
            for (var c = 1; c <= CommunesEach; c++)
            {
                rows.Add(new UnitRow { Code = CommuneCode(p, c), Name = CommuneName(p, c), Level = "xa", Parent = ProvinceCode(p) });
            }
        }

        var report = await hierarchy.ImportAsync(rows, null, apply: true, ct);
        Assert.True(report.Errors.Count == 0, string.Join("; ", report.Errors.Select(e => e.Message)));
        var root = await db.Units.Where(u => u.Code == RootCode).Select(u => u.Id).SingleAsync(ct);
        await db.Staff.Where(s => s.UserName == TraVinhSeed.AdminUserName).ExecuteUpdateAsync(s => s.SetProperty(x => x.UnitId, root), ct);
        Assert.Equal(Units, await db.Units.CountAsync(ct));
        return root;
    }
}
