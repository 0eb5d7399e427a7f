using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Groups;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>The group chats part of the model: the Zalo groups each unit uses.</summary>
public abstract partial class DeskDbContext
{
    public DbSet<UnitGroupLink> GroupLinks => Set<UnitGroupLink>();

    private static void ConfigureGroups(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UnitGroupLink>(e =>
        {
            // A group belongs to one OA, and an OA to one unit: one link per group.
            e.HasIndex(x => x.GroupId).IsUnique();
            e.HasIndex(x => x.UnitId);
            e.Property(x => x.OaId).HasMaxLength(64);
            e.Property(x => x.GroupId).HasMaxLength(128);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.LinkedById).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
