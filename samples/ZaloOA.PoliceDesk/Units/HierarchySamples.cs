using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Units;

/// <summary>The sample hierarchies shipped in <c>Data/Hierarchy/</c> (see its README).</summary>
public enum HierarchySample
{
    /// <summary>Trà Vinh provincial police as organised in 2021: province, districts, communes
    /// (three levels; the demo data the tests use).</summary>
    TraVinh2021,

    /// <summary>The Vĩnh Long province formed on 1 July 2025, two levels (province, then 124
    /// commune-level units whose names are placeholders).</summary>
    VinhLong2025,
}

/// <summary>Opens a sample file (embedded from <c>Data/Hierarchy/</c>, one source for the seed, the
/// tests and the README) and names its demo accounts.</summary>
public static class HierarchySamples
{
    /// <summary>The sample's file name in <c>Data/Hierarchy/</c>.</summary>
    public static string FileName(HierarchySample sample) => sample switch
    {
        HierarchySample.VinhLong2025 => "vinh-long-2025.csv",
        _ => "tra-vinh-2021.csv",
    };

    /// <summary>The sample's content.</summary>
    public static Stream Open(HierarchySample sample) =>
        typeof(HierarchySamples).Assembly.GetManifestResourceStream("Hierarchy." + FileName(sample))
        ?? throw new InvalidOperationException($"The sample {FileName(sample)} is not embedded in the desk assembly.");

    /// <summary>The demo accounts of a Development database seeded with the sample.</summary>
    public static IReadOnlyList<SeedStaff> DemoStaff(HierarchySample sample) => sample switch
    {
        HierarchySample.VinhLong2025 =>
        [
            new(TraVinhSeed.AdminUserName, "Quản trị Công an tỉnh", "CAT-VINHLONG", true),
            new("canbo.xa001", "Cán bộ Công an xã mẫu 001", "CAX-MAU001", false),
            new("canbo.xa002", "Cán bộ Công an xã mẫu 002", "CAX-MAU002", false),
        ],
        _ => TraVinhSeed.DemoStaff,
    };
}
