using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Citizens;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Data;

// Citizens' profiles and quick replies (Citizens/).
public abstract partial class DeskDbContext
{
    public DbSet<Citizen> Citizens => Set<Citizen>();

    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();

    private static void ConfigureCitizens(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Citizen>(e =>
        {
            // One row per citizen of an OA: a concurrent first sight loses here and retries.
            e.HasIndex(x => new { x.OaId, x.UserId }).IsUnique();
            // The profile worker's due rows.
            e.HasIndex(x => x.ProfileDueAt);
            e.Property(x => x.OaId).HasMaxLength(64);
            e.Property(x => x.UserId).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(Citizen.MaxNameLength);
            e.Property(x => x.AvatarContentType).HasMaxLength(32);
            e.Property(x => x.SharedName).HasMaxLength(Citizen.MaxNameLength);
            e.Property(x => x.SharedPhone).HasMaxLength(Citizen.MaxPhoneLength);
            e.Property(x => x.SharedAddress).HasMaxLength(Citizen.MaxAddressLength);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.BlockedById).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ReplyTemplate>(e =>
        {
            e.HasIndex(x => x.UnitId);
            e.Property(x => x.Title).HasMaxLength(ReplyTemplate.MaxTitleLength);
            e.Property(x => x.Text).HasMaxLength(ReplyTemplate.MaxTextLength);
            e.Property(x => x.UpdatedBy).HasMaxLength(200);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
