using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Echoes;
using ZaloOA.PoliceDesk.Live;

namespace ZaloOA.PoliceDesk.Data;

// Live updates (Live/) and Zalo's echoes, receipts and reactions (Echoes/).
public abstract partial class DeskDbContext
{
    public DbSet<DeskChange> DeskChanges => Set<DeskChange>();

    public DbSet<UnmatchedZaloEvent> UnmatchedZaloEvents => Set<UnmatchedZaloEvent>();

    private static void ConfigureLive(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeskChange>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(16);
            // Retention deletes by age.
            e.HasIndex(x => x.At);
            e.HasOne(x => x.Case).WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<CaseMessage>(e =>
        {
            // An echo (and every redelivery of it) is one message, and the desk's own send is
            // recognised by its id: one row per Zalo message id.
            e.HasIndex(x => x.OutboundZaloMessageId).IsUnique();
            e.Property(x => x.CitizenReaction).HasMaxLength(32);
            e.Property(x => x.OaReaction).HasMaxLength(32);
        });

        modelBuilder.Entity<UnmatchedZaloEvent>(e =>
        {
            // A redelivered event is kept once.
            e.HasIndex(x => new { x.ZaloMsgId, x.EventName }).IsUnique();
            e.HasIndex(x => x.ReceivedAt);
            e.Property(x => x.EventName).HasMaxLength(64);
            e.Property(x => x.OaId).HasMaxLength(64);
            e.Property(x => x.CitizenUserId).HasMaxLength(64);
            e.Property(x => x.ZaloMsgId).HasMaxLength(128);
            e.Property(x => x.Detail).HasMaxLength(500);
        });
    }
}
