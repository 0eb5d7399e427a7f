using System.Text.Json.Serialization;

namespace ZaloOA.PoliceDesk.Units.Import;

/// <summary>
/// One unit as a hierarchy file holds it, the same in CSV (columns <c>code, name, level,
/// level_name, parent, hotlines, address</c>) and JSON (<c>{"units": [ {...} ]}</c>). Levels are
/// data too: a level code the database does not know yet is created from the row's
/// <see cref="LevelName"/>.
/// </summary>
public sealed record UnitRow
{
    /// <summary>The unit's stable code; an import updates the unit with this code or creates it.</summary>
    public string Code { get; init; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The level's code (e.g. <c>tinh</c>, <c>xa</c>).</summary>
    public string Level { get; init; } = "";

    /// <summary>The level's display name; needed when the level is new, updates it otherwise.</summary>
    public string? LevelName { get; init; }

    /// <summary>The parent unit's code; empty for a root (a province).</summary>
    public string? Parent { get; init; }

    /// <summary>Hotline numbers separated by <c>;</c>.</summary>
    public string? Hotlines { get; init; }

    /// <summary>Postal address.</summary>
    public string? Address { get; init; }

    /// <summary>Where the row is in its file (CSV line, or JSON array index + 1); not part of the format.</summary>
    [JsonIgnore]
    public int Line { get; init; }
}

/// <summary>The JSON hierarchy file.</summary>
public sealed record UnitFile
{
    /// <summary>The units, parents anywhere in the list (an import orders them itself).</summary>
    public List<UnitRow> Units { get; init; } = [];
}

/// <summary>Source-generated JSON for hierarchy files (camelCase, indented when written).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(UnitFile))]
internal sealed partial class UnitFileJsonContext : JsonSerializerContext;
