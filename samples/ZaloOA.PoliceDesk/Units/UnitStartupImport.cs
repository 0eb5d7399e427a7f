using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Units.Import;

namespace ZaloOA.PoliceDesk.Units;

/// <summary>
/// The hierarchy at start-up: the file named in <c>Desk:Units:ImportFile</c> is imported at every
/// start (idempotent: update by code); without one, an empty database gets the configured sample.
/// Either way through <see cref="UnitHierarchy"/>, so the seed obeys the same rules as an upload.
/// </summary>
public sealed partial class UnitStartupImport(IOptions<UnitsOptions> options, IHostEnvironment environment, ILogger<UnitStartupImport> logger)
{
    /// <summary>Imports or seeds; a bad file stops the start with its validation report.</summary>
    public async Task RunAsync(DeskDbContext db, UnitHierarchy hierarchy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hierarchy);
        var settings = options.Value;
        string source;
        IReadOnlyList<UnitRow> rows;
        if (!string.IsNullOrWhiteSpace(settings.ImportFile))
        {
            var path = Path.GetFullPath(settings.ImportFile, environment.ContentRootPath);
            var kind = UnitFileFormat.KindOf(path)
                ?? throw new InvalidOperationException($"Desk:Units:ImportFile '{settings.ImportFile}' must end in .csv or .json.");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Desk:Units:ImportFile '{path}' does not exist.");
            }

            await using var file = File.OpenRead(path);
            rows = await ReadAsync(file, kind, path, cancellationToken);
            source = path;
        }
        else if (!await db.Units.AnyAsync(cancellationToken))
        {
            await using var sample = HierarchySamples.Open(settings.Sample);
            rows = await ReadAsync(sample, UnitFileKind.Csv, HierarchySamples.FileName(settings.Sample), cancellationToken);
            source = HierarchySamples.FileName(settings.Sample);
        }
        else
        {
            return;
        }

        var report = await hierarchy.ImportAsync(rows, actor: null, apply: true, cancellationToken);
        if (!report.IsValid)
        {
            throw new InvalidOperationException($"The unit hierarchy {source} has {report.Errors.Count} bad row(s); nothing was imported:{Environment.NewLine}{report}");
        }

        LogImported(logger, source, report.Created, report.Updated, report.Unchanged);
    }

    private static async Task<IReadOnlyList<UnitRow>> ReadAsync(Stream content, UnitFileKind kind, string source, CancellationToken ct)
    {
        try
        {
            return await UnitFileFormat.ReadAsync(content, kind, ct);
        }
        catch (UnitFileException ex)
        {
            throw new InvalidOperationException($"The unit hierarchy {source} cannot be read: {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit hierarchy {Source}: {Created} created, {Updated} updated, {Unchanged} unchanged.")]
    private static partial void LogImported(ILogger logger, string source, int created, int updated, int unchanged);
}
