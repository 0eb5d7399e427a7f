using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Units;
using ZaloOA.PoliceDesk.Units.Import;
using ZaloOA.PoliceDesk.Security;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>
/// Runs before the web server and the workers start: applies migrations, imports the unit
/// hierarchy (<see cref="UnitStartupImport"/>), links OAs named in configuration, and creates the first accounts when there
/// are no staff (demo accounts in Development, or the configured bootstrap administrator). On
/// PostgreSQL all of it runs under <see cref="DeskStartupLock"/>, so instances starting together
/// take turns.
/// </summary>
internal sealed partial class DeskDatabaseInitializer(
    IServiceScopeFactory scopes,
    IOptions<DeskOptions> deskOptions,
    IOptions<DeskZaloOptions> zaloOptions,
    IOptions<UnitsOptions> unitsOptions,
    IPasswordHasher<StaffUser> hasher,
    TimeProvider time,
    ILogger<DeskDatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();

        if (db.Database.IsSqlite())
        {
            // Created owner-only before SQLite creates it with the process's umask (usually 644).
            PrivateFiles.PrepareSqliteFile(db.Database.GetConnectionString());
        }

        // Several instances on one PostgreSQL database: one at a time (see DeskStartupLock).
        await using var startupLock = await DeskStartupLock.AcquireAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets the desk read while intake writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // The hierarchy: Desk:Units:ImportFile, or the configured sample into an empty database.
        await scope.ServiceProvider.GetRequiredService<UnitStartupImport>()
            .RunAsync(db, scope.ServiceProvider.GetRequiredService<UnitHierarchy>(), cancellationToken);
        // Cases saved before deadlines existed get their clock (a no-op once done).
        await scope.ServiceProvider.GetRequiredService<Deadlines.CaseClock>().BackfillAsync(db, cancellationToken: cancellationToken);
        await LinkConfiguredAccountsAsync(db, scope.ServiceProvider.GetRequiredService<DeskAudit>(), cancellationToken);
        await SeedStaffAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LinkConfiguredAccountsAsync(DeskDbContext db, DeskAudit audit, CancellationToken ct)
    {
        foreach (var account in zaloOptions.Value.Accounts.Where(a => !string.IsNullOrWhiteSpace(a.OaId)))
        {
            var unit = string.IsNullOrWhiteSpace(account.UnitCode)
                ? await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstOrDefaultAsync(ct)
                : await db.Units.FirstOrDefaultAsync(u => u.Code == account.UnitCode, ct);
            if (unit is null)
            {
                throw new InvalidOperationException(
                    $"Zalo:Accounts names unit code '{account.UnitCode}', which does not exist. Use a code from the Đơn vị page.");
            }

            if (unit.ZaloOaId == account.OaId)
            {
                continue;
            }

            var previous = await db.Units.FirstOrDefaultAsync(u => u.ZaloOaId == account.OaId, ct);
            if (previous is not null)
            {
                previous.ZaloOaId = null;
                await db.SaveChangesAsync(ct);
            }

            unit.ZaloOaId = account.OaId;
            unit.ZaloLinkedAt = time.GetUtcNow();
            audit.Add(null, "Cấu hình", AuditActions.OaLinked, unit.Id, detail: $"OA {account.OaId}");
            await db.SaveChangesAsync(ct);
            LogOaLinked(logger, account.OaId, unit.Code);
        }
    }

    private async Task SeedStaffAsync(DeskDbContext db, CancellationToken ct)
    {
        if (await db.Staff.AnyAsync(ct))
        {
            return;
        }

        var now = time.GetUtcNow();
        var options = deskOptions.Value;
        if (options.SeedDemoUsers)
        {
            var units = await db.Units.ToDictionaryAsync(u => u.Code, ct);
            var demoStaff = HierarchySamples.DemoStaff(unitsOptions.Value.Sample);
            foreach (var s in demoStaff)
            {
                if (!units.TryGetValue(s.UnitCode, out var unit))
                {
                    continue;
                }

                var user = new StaffUser
                {
                    UserName = s.UserName,
                    DisplayName = s.DisplayName,
                    Role = s.IsAdministrator ? StaffRole.Administrator : StaffRole.UnitOfficer,
                    UnitId = unit.Id,
                    CreatedAt = now,
                };
                user.PasswordHash = hasher.HashPassword(user, TraVinhSeed.DemoPassword);
                db.Staff.Add(user);
            }

            await db.SaveChangesAsync(ct);
            LogDemoStaffSeeded(logger, demoStaff.Count);
        }
        else if (!string.IsNullOrWhiteSpace(options.BootstrapAdmin.UserName) && !string.IsNullOrEmpty(options.BootstrapAdmin.Password))
        {
            var root = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.Id).FirstAsync(ct);
            var user = new StaffUser
            {
                UserName = options.BootstrapAdmin.UserName.Trim().ToLowerInvariant(),
                DisplayName = "Quản trị",
                Role = StaffRole.Administrator,
                UnitId = root.Id,
                CreatedAt = now,
            };
            user.PasswordHash = hasher.HashPassword(user, options.BootstrapAdmin.Password);
            db.Staff.Add(user);
            await db.SaveChangesAsync(ct);
            LogBootstrapAdmin(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked OA {OaId} to unit {UnitCode} from configuration.")]
    private static partial void LogOaLinked(ILogger logger, string oaId, string unitCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created {Count} demo staff accounts with the documented development password. Never do this in production.")]
    private static partial void LogDemoStaffSeeded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap administrator from Desk:BootstrapAdmin.")]
    private static partial void LogBootstrapAdmin(ILogger logger);
}
