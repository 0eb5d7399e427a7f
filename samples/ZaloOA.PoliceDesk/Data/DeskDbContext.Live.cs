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
            // Receipts and echoes find the desk's messages by Zalo's id.
            e.HasIndex(x => x.OutboundZaloMessageId, "IX_Messages_OutboundZaloMessageId");
            // An echo (and every redelivery of it, on any instance) is one message. Only echoes:
            // the outbox worker must always be able to record what Zalo answered for a send.
            e.HasIndex(x => x.OutboundZaloMessageId, "IX_Messages_EchoZaloMessageId").IsUnique().HasFilter("\"FromZaloTools\"");
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
