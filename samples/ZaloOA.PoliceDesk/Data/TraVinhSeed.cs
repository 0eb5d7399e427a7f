namespace ZaloOA.PoliceDesk.Data;

/// <summary>
/// The demo accounts of the Trà Vinh sample. Its units are data: <c>Data/Hierarchy/tra-vinh-2021.csv</c>
/// (see <see cref="Units.HierarchySamples"/>), whose hotline numbers are illustrative (the
/// province's 0294 area code and the national 113), not an official directory.
/// </summary>
public static class TraVinhSeed
{
    /// <summary>Code of the provincial unit (the root).</summary>
    public const string ProvinceCode = "CAT-TRAVINH";

    /// <summary>Password of every demo account (Development only).</summary>
    public const string DemoPassword = "TraVinh@2026";

    /// <summary>The demo administrator's user name.</summary>
    public const string AdminUserName = "admin.tinh";

    /// <summary>Demo accounts: the provincial administrator and one officer per district and
    /// for Phường 1, TP Trà Vinh.</summary>
    public static readonly IReadOnlyList<SeedStaff> DemoStaff =
    [
        new(AdminUserName, "Quản trị Công an tỉnh", ProvinceCode, true),
        new("canbo.tptravinh", "Cán bộ Công an TP Trà Vinh", "CATP-TRAVINH", false),
        new("canbo.txduyenhai", "Cán bộ Công an thị xã Duyên Hải", "CATX-DUYENHAI", false),
        new("canbo.canglong", "Cán bộ Công an huyện Càng Long", "CAH-CANGLONG", false),
        new("canbo.cauke", "Cán bộ Công an huyện Cầu Kè", "CAH-CAUKE", false),
        new("canbo.tieucan", "Cán bộ Công an huyện Tiểu Cần", "CAH-TIEUCAN", false),
        new("canbo.chauthanh", "Cán bộ Công an huyện Châu Thành", "CAH-CHAUTHANH", false),
        new("canbo.caungang", "Cán bộ Công an huyện Cầu Ngang", "CAH-CAUNGANG", false),
        new("canbo.tracu", "Cán bộ Công an huyện Trà Cú", "CAH-TRACU", false),
        new("canbo.duyenhai", "Cán bộ Công an huyện Duyên Hải", "CAH-DUYENHAI", false),
        new("canbo.phuong1", "Cán bộ Công an Phường 1, TP Trà Vinh", "CAP1-TPTRAVINH", false),
    ];
}

public sealed record SeedStaff(string UserName, string DisplayName, string UnitCode, bool IsAdministrator);
