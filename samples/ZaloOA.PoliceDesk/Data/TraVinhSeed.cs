namespace ZaloOA.PoliceDesk.Data;

/// <summary>
/// The Trà Vinh provincial police as seeded into an empty database. Hotline numbers are
/// illustrative (the province's 0294 area code and the national 113), not an official directory:
/// edit the units after the first start.
/// </summary>
public static class TraVinhSeed
{
    /// <summary>Code of the provincial unit (the root).</summary>
    public const string ProvinceCode = "CAT-TRAVINH";

    /// <summary>Password of every demo account (Development only).</summary>
    public const string DemoPassword = "TraVinh@2026";

    /// <summary>The demo administrator's user name.</summary>
    public const string AdminUserName = "admin.tinh";

    public static readonly IReadOnlyList<SeedLevel> Levels =
    [
        new("tinh", "Cấp tỉnh", 0),
        new("huyen", "Cấp huyện, thị xã, thành phố", 1),
        new("xa", "Cấp xã, phường, thị trấn", 2),
    ];

    /// <summary>Units in parent-before-child order.</summary>
    public static readonly IReadOnlyList<SeedUnit> Units =
    [
        new(ProvinceCode, "Công an tỉnh Trà Vinh", "tinh", null, "0294 3862 113; 113", "Số 1 Lê Thánh Tôn, Phường 2, TP Trà Vinh"),

        new("CATP-TRAVINH", "Công an TP Trà Vinh", "huyen", ProvinceCode, "0294 3852 207; 113", null),
        new("CATX-DUYENHAI", "Công an thị xã Duyên Hải", "huyen", ProvinceCode, "0294 3832 113; 113", null),
        new("CAH-CANGLONG", "Công an huyện Càng Long", "huyen", ProvinceCode, "0294 3882 113; 113", null),
        new("CAH-CAUKE", "Công an huyện Cầu Kè", "huyen", ProvinceCode, "0294 3834 113; 113", null),
        new("CAH-TIEUCAN", "Công an huyện Tiểu Cần", "huyen", ProvinceCode, "0294 3822 113; 113", null),
        new("CAH-CHAUTHANH", "Công an huyện Châu Thành", "huyen", ProvinceCode, "0294 3875 113; 113", null),
        new("CAH-CAUNGANG", "Công an huyện Cầu Ngang", "huyen", ProvinceCode, "0294 3825 113; 113", null),
        new("CAH-TRACU", "Công an huyện Trà Cú", "huyen", ProvinceCode, "0294 3874 113; 113", null),
        new("CAH-DUYENHAI", "Công an huyện Duyên Hải", "huyen", ProvinceCode, "0294 3836 113; 113", null),

        new("CAP1-TPTRAVINH", "Công an Phường 1, TP Trà Vinh", "xa", "CATP-TRAVINH", "0294 3862 601; 113", null),
        new("CAP7-TPTRAVINH", "Công an Phường 7, TP Trà Vinh", "xa", "CATP-TRAVINH", "0294 3855 607; 113", null),
        new("CAX-LONGDUC", "Công an xã Long Đức, TP Trà Vinh", "xa", "CATP-TRAVINH", "0294 3840 113; 113", null),
        new("CAP1-DUYENHAI", "Công an Phường 1, thị xã Duyên Hải", "xa", "CATX-DUYENHAI", "0294 3832 601; 113", null),
        new("CAX-TRUONGLONGHOA", "Công an xã Trường Long Hòa, thị xã Duyên Hải", "xa", "CATX-DUYENHAI", "0294 3832 702; 113", null),
        new("CATT-CANGLONG", "Công an thị trấn Càng Long", "xa", "CAH-CANGLONG", "0294 3882 601; 113", null),
        new("CAX-ANTRUONG", "Công an xã An Trường, huyện Càng Long", "xa", "CAH-CANGLONG", "0294 3882 702; 113", null),
        new("CATT-CAUKE", "Công an thị trấn Cầu Kè", "xa", "CAH-CAUKE", "0294 3834 601; 113", null),
        new("CATT-TIEUCAN", "Công an thị trấn Tiểu Cần", "xa", "CAH-TIEUCAN", "0294 3822 601; 113", null),
        new("CATT-CHAUTHANH", "Công an thị trấn Châu Thành", "xa", "CAH-CHAUTHANH", "0294 3875 601; 113", null),
        new("CATT-CAUNGANG", "Công an thị trấn Cầu Ngang", "xa", "CAH-CAUNGANG", "0294 3825 601; 113", null),
        new("CATT-TRACU", "Công an thị trấn Trà Cú", "xa", "CAH-TRACU", "0294 3874 601; 113", null),
        new("CATT-LONGTHANH", "Công an thị trấn Long Thành, huyện Duyên Hải", "xa", "CAH-DUYENHAI", "0294 3836 601; 113", null),
    ];

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

public sealed record SeedLevel(string Code, string Name, int Depth);

public sealed record SeedUnit(string Code, string Name, string LevelCode, string? ParentCode, string Hotlines, string? Address);

public sealed record SeedStaff(string UserName, string DisplayName, string UnitCode, bool IsAdministrator);
