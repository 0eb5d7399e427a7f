using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Procedures;

/// <summary>
/// Looks up a dossier (hồ sơ) by the code on the citizen's receipt. The sample answers from the
/// desk's own <see cref="Dossier"/> table; a unit connects its real case-management or
/// public-service system by registering another implementation before <c>AddCitizenServices</c>.
/// </summary>
public interface IDossierLookup
{
    /// <summary>The dossier's status, or null when no dossier has that code.</summary>
    Task<DossierStatus?> FindAsync(string code, CancellationToken cancellationToken = default);
}

/// <summary>What a citizen may learn about a dossier from its code: no personal data.</summary>
public sealed record DossierStatus(
    string Code,
    string ProcedureName,
    string Status,
    string? UnitName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? DueAt,
    string? Note);

/// <summary>The sample look-up over the <see cref="Dossier"/> table (seeded with a few fictitious codes).</summary>
public sealed class DatabaseDossierLookup(DeskDbContext db) : IDossierLookup
{
    /// <inheritdoc />
    public async Task<DossierStatus?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var normalized = DossierCode.Normalize(code);
        return await db.Dossiers.AsNoTracking()
            .Where(d => d.Code == normalized)
            .Select(d => new DossierStatus(d.Code, d.ProcedureName, d.Status, d.Unit != null ? d.Unit.Name : null, d.ReceivedAt, d.DueAt, d.Note))
            .FirstOrDefaultAsync(cancellationToken);
    }
}

/// <summary>The shape of dossier codes: letters, digits, '.', '-' and '_', at most 64 characters.</summary>
public static class DossierCode
{
    public const int MaxLength = 64;

    /// <summary>Upper-case and trimmed, as stored.</summary>
    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>True when <paramref name="code"/> could be a dossier code.</summary>
    public static bool IsWellFormed(string code) =>
        code.Length is > 0 and <= MaxLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
