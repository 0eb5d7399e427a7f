using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Operations;
using ZaloOA.PoliceDesk.Statistics;

namespace ZaloOA.PoliceDesk.Data;

// Deadlines, statistics and the operations view: their tables and the case columns and indexes
// they query (Deadlines/, Statistics/, Operations/).
public abstract partial class DeskDbContext
{
    public DbSet<DeadlineTarget> DeadlineTargets => Set<DeadlineTarget>();

    public DbSet<ZaloLinkActivity> ZaloLinkActivity => Set<ZaloLinkActivity>();

    public DbSet<CaseDayFigures> CaseDayFigures => Set<CaseDayFigures>();

    public DbSet<CaseDayDuration> CaseDayDurations => Set<CaseDayDuration>();

    public DbSet<StatisticsDayChange> StatisticsDayChanges => Set<StatisticsDayChange>();

    public DbSet<StatisticsState> StatisticsStates => Set<StatisticsState>();

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

        // The statistics' daily table (Statistics/StatisticsAggregator). No foreign key to Units: a
        // row only ever names a unit a case had, and the page joins through the user's scope.
        modelBuilder.Entity<CaseDayFigures>(e =>
        {
            e.HasKey(x => new { x.Day, x.UnitId, x.Category });
            // A province's or a commune's figures over a period: one tight range per unit (with Day
            // leading, each unit's lookup walked the whole period's index of every unit).
            e.HasIndex(x => new { x.UnitId, x.Day });
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
        });
        modelBuilder.Entity<CaseDayDuration>(e =>
        {
            e.HasKey(x => new { x.Day, x.UnitId, x.Category, x.Measure, x.Bucket });
            e.HasIndex(x => new { x.UnitId, x.Day });
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Measure).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<StatisticsDayChange>(e => e.HasIndex(x => x.Day));
        modelBuilder.Entity<StatisticsState>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasData(new StatisticsState { Id = StatisticsState.SingleId });
        });

        modelBuilder.Entity<ZaloLinkActivity>(e =>
        {
            e.HasKey(x => x.OaId);
            e.Property(x => x.OaId).HasMaxLength(64);
        });
    }
}
