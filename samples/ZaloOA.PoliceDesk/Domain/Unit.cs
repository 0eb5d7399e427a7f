namespace ZaloOA.PoliceDesk.Domain;

/// <summary>A level of the unit hierarchy. Levels are data so that a reorganisation
/// (for example, merging districts) needs no code change.</summary>
public sealed class UnitLevel
{
    /// <summary>Longest level code.</summary>
    public const int MaxCodeLength = 32;

    /// <summary>The level code of provinces (<c>tinh</c>, as in the sample hierarchies): their
    /// administrators run retention for their province (<see cref="Access.CaseAccess.IsProvinceAdministratorAsync"/>).</summary>
    public const string ProvinceCode = "tinh";

    /// <summary>Longest level name.</summary>
    public const int MaxNameLength = 100;

    public int Id { get; set; }

    /// <summary>Stable code, e.g. <c>tinh</c>, <c>huyen</c>, <c>xa</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Display name, e.g. "Cấp tỉnh".</summary>
    public string Name { get; set; } = "";

    /// <summary>0 for the top level, increasing downwards.</summary>
    public int Depth { get; set; }
}

/// <summary>A police unit (province, district/town/city, commune/ward).</summary>
public sealed class Unit
{
    /// <summary>Longest unit code.</summary>
    public const int MaxCodeLength = 64;

    /// <summary>Longest unit name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest materialised path (bounds the depth of the hierarchy).</summary>
    public const int MaxPathLength = 1000;

    /// <summary>Longest hotline list.</summary>
    public const int MaxHotlinesLength = 200;

    /// <summary>Longest address.</summary>
    public const int MaxAddressLength = 300;

    public int Id { get; set; }

    /// <summary>Stable short code, unique (e.g. <c>CATP-TRAVINH</c>). Used in configuration.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public int LevelId { get; set; }

    public UnitLevel Level { get; set; } = null!;

    public int? ParentId { get; set; }

    public Unit? Parent { get; set; }

    /// <summary>Materialised path of codes from the root, e.g. <c>/CAT-TRAVINH/CATP-TRAVINH/</c>.
    /// A unit's subtree is every unit whose path starts with its path.</summary>
    public string Path { get; set; } = "";

    /// <summary>Hotline numbers, separated by <c>;</c>.</summary>
    public string Hotlines { get; set; } = "";

    public string? Address { get; set; }

    /// <summary>The Zalo Official Account this unit answers on, once linked.</summary>
    public string? ZaloOaId { get; set; }

    public DateTimeOffset? ZaloLinkedAt { get; set; }

    /// <summary>The hotline numbers as a list.</summary>
    public IReadOnlyList<string> HotlineList =>
        Hotlines.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
