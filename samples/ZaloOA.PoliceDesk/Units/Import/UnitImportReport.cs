namespace ZaloOA.PoliceDesk.Units.Import;

/// <summary>Why a row of a hierarchy file was refused.</summary>
public enum UnitImportProblem
{
    /// <summary>The file itself cannot be read (bad JSON, no header, an unclosed quote).</summary>
    BadFile,

    /// <summary>A required cell (code, name) is empty.</summary>
    MissingField,

    /// <summary>The code has characters other than letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.</summary>
    BadCode,

    /// <summary>The code appears on an earlier row of the same file.</summary>
    DuplicateCode,

    /// <summary>A cell is longer than the database keeps, or the hierarchy is too deep.</summary>
    TooLong,

    /// <summary>The level is empty, or unknown and the row gives no <c>level_name</c> to create it.</summary>
    MissingLevel,

    /// <summary>Two rows name the same level differently.</summary>
    LevelConflict,

    /// <summary>The parent code is neither in the file nor in the database.</summary>
    UnknownParent,

    /// <summary>Following the parents leads back to the unit itself.</summary>
    Cycle,

    /// <summary>A hotline is not a phone number (3 to 15 digits, spaces, dots, dashes, + and brackets).</summary>
    BadHotline,

    /// <summary>The row changes or creates a unit outside the importing administrator's unit.</summary>
    OutOfScope,
}

/// <summary>One refused row.</summary>
/// <param name="Line">The CSV line or the JSON array position (1-based); 0 for the whole file.</param>
/// <param name="Code">The row's unit code, if it had one.</param>
/// <param name="Problem">Why.</param>
/// <param name="Message">What to fix, in Vietnamese, for the page.</param>
public sealed record UnitImportError(int Line, string? Code, UnitImportProblem Problem, string Message);

/// <summary>
/// The outcome of an import. With any error nothing was written (<see cref="Applied"/> is false);
/// otherwise the counts say what changed. A re-import of the same file changes nothing.
/// </summary>
public sealed record UnitImportReport(IReadOnlyList<UnitImportError> Errors, int Rows, int Created, int Updated, int Unchanged, int Moved, bool Applied)
{
    /// <summary>True when no row was refused.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>A failed report.</summary>
    public static UnitImportReport Failed(IReadOnlyList<UnitImportError> errors, int rows) => new(errors, rows, 0, 0, 0, 0, false);

    /// <summary>The counts as one Vietnamese sentence.</summary>
    public string Summary =>
        $"{Rows} dòng: {Created} đơn vị mới, {Updated} cập nhật, {Unchanged} không đổi"
        + (Moved > 0 ? $", {Moved} đơn vị cấp dưới đổi đường dẫn" : "") + ".";

    /// <summary>Every error on its own line (for logs and the start-up failure message).</summary>
    public override string ToString() =>
        IsValid ? Summary : string.Join(Environment.NewLine, Errors.Select(e => $"line {e.Line} [{e.Problem}] {e.Code}: {e.Message}"));
}
