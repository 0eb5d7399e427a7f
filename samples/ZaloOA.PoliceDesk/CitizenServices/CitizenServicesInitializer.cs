using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Procedures;

namespace ZaloOA.PoliceDesk.CitizenServices;

/// <summary>
/// Seeds the procedure catalogue into an empty database, and the sample dossiers when the
/// database has none (the look-up's demo data). Runs after the desk's own initializer (migrations, units).
/// </summary>
internal sealed partial class CitizenServicesInitializer(IServiceScopeFactory scopes, TimeProvider time, ILogger<CitizenServicesInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();

        // Instances starting together on one PostgreSQL database would both see an empty catalogue
        // and both insert it (a unique-key failure at start-up): seed under the same lock as the
        // desk's own initializer.
        await using var startupLock = await DeskStartupLock.AcquireAsync(db, cancellationToken);
        var now = time.GetUtcNow();
        if (!await db.ProcedureCategories.AnyAsync(cancellationToken))
        {
            var categories = new Dictionary<string, ProcedureCategory>(StringComparer.Ordinal);
            var order = 0;
            foreach (var c in ProcedureSeed.Categories)
            {
                categories[c.Code] = new ProcedureCategory { Code = c.Code, Name = c.Name, Description = c.Description, SortOrder = order++ };
                db.ProcedureCategories.Add(categories[c.Code]);
            }

            order = 0;
            foreach (var p in ProcedureSeed.Procedures)
            {
                db.Procedures.Add(new Procedure
                {
                    Category = categories[p.CategoryCode],
                    Code = p.Code,
                    Name = p.Name,
                    Authority = p.Authority,
                    Steps = p.Steps.Trim(),
                    Documents = p.Documents.Trim(),
                    Fees = p.Fees,
                    ProcessingTime = p.ProcessingTime,
                    PortalUrl = p.PortalUrl,
                    SortOrder = order++,
                    UpdatedAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            LogCatalogueSeeded(logger, ProcedureSeed.Procedures.Count);
        }

        if (!await db.Dossiers.AnyAsync(cancellationToken))
        {
            var units = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, cancellationToken);
            foreach (var d in ProcedureSeed.Dossiers)
            {
                var received = now.AddDays(-d.DaysAgo);
                db.Dossiers.Add(new Dossier
                {
                    Code = d.Code,
                    ProcedureName = d.ProcedureName,
                    UnitId = units.TryGetValue(d.UnitCode, out var unitId) ? unitId : null,
                    Status = d.Status,
                    ReceivedAt = received,
                    DueAt = received.AddDays(d.DueInDays),
                    Note = d.Note,
                    UpdatedAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the procedure catalogue ({Count} procedures).")]
    private static partial void LogCatalogueSeeded(ILogger logger, int count);
}
