using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Procedures;

/// <summary>A group of administrative procedures (e.g. "Cư trú"), offered as a button in the chat.</summary>
public sealed class ProcedureCategory
{
    public int Id { get; set; }

    /// <summary>Short stable code used in the chat's query payloads (<c>#thutuc cutru</c>): lower-case letters and digits.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public int SortOrder { get; set; }

    public List<Procedure> Procedures { get; set; } = [];
}

/// <summary>One administrative procedure with what a citizen needs to know to do it.</summary>
public sealed class Procedure
{
    public int Id { get; set; }

    public int CategoryId { get; set; }

    public ProcedureCategory Category { get; set; } = null!;

    /// <summary>Short stable code used in the chat's query payloads: lower-case letters, digits and '-'.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Who handles it (e.g. "Công an cấp xã").</summary>
    public string? Authority { get; set; }

    /// <summary>The steps, one per line.</summary>
    public string Steps { get; set; } = "";

    /// <summary>The documents, one per line.</summary>
    public string Documents { get; set; } = "";

    public string? Fees { get; set; }

    public string? ProcessingTime { get; set; }

    /// <summary>The online public-service portal page to apply on.</summary>
    public string? PortalUrl { get; set; }

    public int SortOrder { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The steps as lines.</summary>
    public IReadOnlyList<string> StepList => Lines(Steps);

    /// <summary>The documents as lines.</summary>
    public IReadOnlyList<string> DocumentList => Lines(Documents);

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A dossier (hồ sơ) in the sample look-up store, standing in for the real case-management system.</summary>
public sealed class Dossier
{
    public int Id { get; set; }

    /// <summary>The receipt code the citizen holds (unique, compared case-insensitively).</summary>
    public string Code { get; set; } = "";

    public string ProcedureName { get; set; } = "";

    public int? UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>The status in words, e.g. "Đang xử lý".</summary>
    public string Status { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the result is due (appointment date).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>What the citizen should do next, if anything.</summary>
    public string? Note { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
