using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Cases;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Data;

// The case workflow (Cases/CaseWorkflow): the reason and merge target of a closing status, and
// the transfers that keep the units a case passed through reading it.
public abstract partial class DeskDbContext
{
    public DbSet<CaseTransfer> Transfers => Set<CaseTransfer>();

    private static void ConfigureWorkflow(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CitizenCase>(e =>
        {
            e.Property(x => x.StatusReason).HasMaxLength(CitizenCase.MaxStatusReasonLength);
            e.HasOne<CitizenCase>().WithMany().HasForeignKey(x => x.MergedIntoCaseId).OnDelete(DeleteBehavior.Restrict);
            // "My cases": an officer's open cases.
            e.HasIndex(x => new { x.AssignedToId, x.ClosedAt }).HasDatabaseName("IX_Cases_Assignee");
        });

        modelBuilder.Entity<CaseTransfer>(e =>
        {
            e.HasIndex(x => new { x.CaseId, x.At });
            // Oversight: the cases that passed through a unit.
            e.HasIndex(x => x.FromUnitId);
            e.Property(x => x.Reason).HasMaxLength(CaseTransfer.MaxReasonLength);
            e.HasOne<CitizenCase>().WithMany(x => x.Transfers).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.FromUnit).WithMany().HasForeignKey(x => x.FromUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ToUnit).WithMany().HasForeignKey(x => x.ToUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ByStaff).WithMany().HasForeignKey(x => x.ByStaffId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
