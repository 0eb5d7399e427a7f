using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Operations;

namespace ZaloOA.PoliceDesk.Data;

// Deadlines, statistics and the operations view: their tables and the case columns and indexes
// they query (Deadlines/, Statistics/, Operations/).
public abstract partial class DeskDbContext
{
    public DbSet<DeadlineTarget> DeadlineTargets => Set<DeadlineTarget>();

    public DbSet<ZaloLinkActivity> ZaloLinkActivity => Set<ZaloLinkActivity>();

    private static void ConfigureDeskData(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeadlineTarget>(e =>
        {
            e.HasIndex(x => new { x.ProvinceUnitId, x.Category }).IsUnique();
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.UpdatedBy).HasMaxLength(200);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.ProvinceUnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CitizenCase>(e =>
        {
            // The inbox's late and due-soon filters and its "deadline first" order look only at open
            // cases, so these indexes stay small however many closed cases there are.
            e.HasIndex(x => x.FirstReplyDueAt).HasFilter("\"ClosedAt\" IS NULL AND \"FirstResponseAt\" IS NULL").HasDatabaseName("IX_Cases_OpenFirstReplyDue");
            e.HasIndex(x => x.HandlingDueAt).HasFilter("\"ClosedAt\" IS NULL").HasDatabaseName("IX_Cases_OpenHandlingDue");
            // Statistics: a period of cases, grouped by unit and field.
            e.HasIndex(x => new { x.CreatedAt, x.UnitId, x.Category }).HasDatabaseName("IX_Cases_Period");
        });

        modelBuilder.Entity<ZaloLinkActivity>(e =>
        {
            e.HasKey(x => x.OaId);
            e.Property(x => x.OaId).HasMaxLength(64);
        });
    }
}
