using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.Media;
using ZaloOA.PoliceDesk.Outbox;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>
/// The desk's database. One model for every provider; each provider has its own subclass so it
/// keeps its own migrations (<see cref="SqliteDeskDbContext"/>, <see cref="PostgreSqlDeskDbContext"/>).
/// </summary>
public abstract partial class DeskDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<UnitLevel> UnitLevels => Set<UnitLevel>();

    public DbSet<Unit> Units => Set<Unit>();

    public DbSet<StaffUser> Staff => Set<StaffUser>();

    public DbSet<CitizenCase> Cases => Set<CitizenCase>();

    public DbSet<CaseMessage> Messages => Set<CaseMessage>();

    public DbSet<MediaFile> Media => Set<MediaFile>();

    public DbSet<CaseNote> Notes => Set<CaseNote>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<UnitLevel>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(UnitLevel.MaxCodeLength);
            e.Property(x => x.Name).HasMaxLength(UnitLevel.MaxNameLength);
        });

        modelBuilder.Entity<Unit>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.Path);
            // One OA belongs to at most one unit (NULLs are distinct in SQLite and PostgreSQL).
            e.HasIndex(x => x.ZaloOaId).IsUnique();
            e.Property(x => x.Code).HasMaxLength(Unit.MaxCodeLength);
            e.Property(x => x.Name).HasMaxLength(Unit.MaxNameLength);
            e.Property(x => x.Path).HasMaxLength(Unit.MaxPathLength);
            e.Property(x => x.Hotlines).HasMaxLength(Unit.MaxHotlinesLength);
            e.Property(x => x.Address).HasMaxLength(Unit.MaxAddressLength);
            e.Property(x => x.ZaloOaId).HasMaxLength(64);
            e.HasOne(x => x.Level).WithMany().HasForeignKey(x => x.LevelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.HotlineList);
        });

        modelBuilder.Entity<StaffUser>(e =>
        {
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.UserName).HasMaxLength(64);
            e.Property(x => x.DisplayName).HasMaxLength(200);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.SecurityStamp).HasMaxLength(64);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CitizenCase>(e =>
        {
            e.HasIndex(x => x.Number).IsUnique();
            // At most one open case per citizen and OA: concurrent first messages cannot open two.
            e.HasIndex(x => new { x.OaId, x.CitizenUserId })
                .IsUnique()
                .HasFilter("\"ClosedAt\" IS NULL")
                .HasDatabaseName("IX_Cases_OpenPerCitizen");
            e.HasIndex(x => new { x.UnitId, x.Status });
            // The inbox searches by citizen id across OAs (IX_Cases_OpenPerCitizen leads with the OA).
            e.HasIndex(x => x.CitizenUserId);
            e.HasIndex(x => x.LastActivityAt);
            // "Deadline first" (CaseSearch): the whole inbox, and one unit's (an officer's scope).
            e.HasIndex(x => new { x.NextDueAt, x.Id }).IsDescending(false, true);
            e.HasIndex(x => new { x.UnitId, x.NextDueAt, x.Id }).IsDescending(false, false, true);
            // Start-up's deadline backfill (CaseClock.BackfillAsync) looks for unstamped cases: this
            // index holds only those, so once every case is stamped the look-up reads an empty index.
            e.HasIndex(x => x.Id).HasFilter("\"FirstMessageAt\" IS NULL").HasDatabaseName("IX_Cases_Unstamped");
            // Retention: closed cases not yet anonymised, oldest first.
            e.HasIndex(x => new { x.AnonymizedAt, x.ClosedAt });
            e.Property(x => x.Number).HasMaxLength(32);
            e.Property(x => x.OaId).HasMaxLength(64);
            e.Property(x => x.CitizenUserId).HasMaxLength(64);
            e.Property(x => x.Summary).HasMaxLength(300);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.OriginUnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.AssignedTo).WithMany().HasForeignKey(x => x.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CaseMessage>(e =>
        {
            // Idempotency of intake: Zalo delivers at least once; msg_id identifies a message.
            e.HasIndex(x => x.ZaloMsgId).IsUnique();
            e.HasIndex(x => new { x.CaseId, x.At });
            e.Property(x => x.ZaloMsgId).HasMaxLength(128);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.SearchText).HasMaxLength(4000);
            e.Property(x => x.LinkUrl).HasMaxLength(2000);
            e.Property(x => x.DeliveryError).HasMaxLength(500);
            e.Property(x => x.OutboundZaloMessageId).HasMaxLength(128);
            e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.Case).WithMany(c => c.Messages).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.SentBy).WithMany().HasForeignKey(x => x.SentById).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<MediaFile>(e =>
        {
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.Property(x => x.SourceUrl).HasMaxLength(2000);
            e.Property(x => x.FileName).HasMaxLength(260);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.StoredPath).HasMaxLength(500);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.Message).WithMany(m => m.Media).HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CitizenCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<CaseNote>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(4000);
            e.HasOne<CitizenCase>().WithMany(c => c.Notes).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            // The in-order check looks for an earlier pending row of the same conversation.
            e.HasIndex(x => new { x.OaId, x.CitizenUserId, x.Status });
            e.Property(x => x.OaId).HasMaxLength(64);
            e.Property(x => x.CitizenUserId).HasMaxLength(64);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.Property(x => x.ZaloMessageId).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            // Only the holder of the current claim may write the row (see OutboxWorker).
            e.Property(x => x.ClaimToken).IsConcurrencyToken();
            e.HasOne<CitizenCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CaseMessage>().WithMany().HasForeignKey(x => x.CaseMessageId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.At);
            // Sign-in throttling counts recent failures per name and per address.
            e.HasIndex(x => new { x.Action, x.At });
            e.Property(x => x.ActorName).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Detail).HasMaxLength(1000);
            e.Property(x => x.RemoteAddress).HasMaxLength(64);
        });

        modelBuilder.Entity<CaseNumberCounter>(e =>
        {
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(32);
        });

        // News, procedures and dossiers (CitizenServices): DeskDbContext.CitizenServices.cs.
        ConfigureCitizenServices(modelBuilder);

        // The Zalo group chats units broadcast warnings to: DeskDbContext.Groups.cs.
        ConfigureGroups(modelBuilder);

        // Deadlines, statistics, operations: DeskDbContext.DeskData.cs.
        ConfigureDeskData(modelBuilder);
        ConfigureWorkflow(modelBuilder);

        // Live updates and Zalo's echoes, receipts and reactions: DeskDbContext.Live.cs.
        ConfigureLive(modelBuilder);
        // Citizens' profiles and quick replies: DeskDbContext.Citizens.cs.
        ConfigureCitizens(modelBuilder);
    }
}

/// <summary>SQLite flavour (the default): <c>App_Data/policedesk.db</c>.</summary>
public sealed class SqliteDeskDbContext(DbContextOptions<SqliteDeskDbContext> options) : DeskDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite has no date type EF can order or compare; a binary (ticks) column can be both,
        // and every timestamp here is UTC from TimeProvider so ordering is preserved.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL flavour (<c>Storage:Provider=PostgreSQL</c>).</summary>
public sealed class PostgreSqlDeskDbContext(DbContextOptions<PostgreSqlDeskDbContext> options) : DeskDbContext(options)
{
    /// <summary>The generated word vector of <see cref="CitizenCase.SearchText"/> (a shadow column:
    /// PostgreSQL only).</summary>
    public const string SearchVector = "SearchVector";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The inbox's text search is word-level full-text search on each case's one search column:
        // its words as a stored tsvector ('simple': no stemming or stop words, the text is already
        // folded to lower case without diacritics) with a GIN index. The vector also holds every pair
        // of neighbouring words as one lexeme ("xe may" -> "xemay"): Vietnamese words are mostly two
        // syllables, each syllable common on its own, so a phrase query narrows on the pairs first. SQLite matches the same column
        // with LIKE and scans, which its deployment sizes allow.
        modelBuilder.Entity<CitizenCase>(e =>
        {
            e.Property<NpgsqlTypes.NpgsqlTsVector>(SearchVector)
                .HasComputedColumnSql("to_tsvector('simple'::regconfig, coalesce(\"SearchText\", '')) || to_tsvector('simple'::regconfig, regexp_replace(coalesce(\"SearchText\", ''), '(\\S+) (\\S+)', '\\1\\2', 'g')) || to_tsvector('simple'::regconfig, regexp_replace(regexp_replace(coalesce(\"SearchText\", ''), '^\\S+ ?', ''), '(\\S+) (\\S+)', '\\1\\2', 'g'))", stored: true);
            e.HasIndex(SearchVector).HasMethod("gin").HasDatabaseName("IX_Cases_SearchVector");
        });
        // Case numbers are matched as substrings (a part of a number): trigrams (pg_trgm is a
        // trusted extension: the database owner may create it).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<CitizenCase>().HasIndex(x => x.Number, "IX_Cases_Number_Trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
