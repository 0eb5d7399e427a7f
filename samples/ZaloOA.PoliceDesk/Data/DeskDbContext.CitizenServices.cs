using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.PoliceDesk.News;
using ZaloOA.PoliceDesk.Procedures;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>The citizen-services part of the model: news, the procedure catalogue, sample dossiers.</summary>
public abstract partial class DeskDbContext
{
    public DbSet<NewsArticle> NewsArticles => Set<NewsArticle>();

    public DbSet<NewsBlock> NewsBlocks => Set<NewsBlock>();

    public DbSet<NewsImage> NewsImages => Set<NewsImage>();

    public DbSet<NewsBroadcast> NewsBroadcasts => Set<NewsBroadcast>();

    public DbSet<ProcedureCategory> ProcedureCategories => Set<ProcedureCategory>();

    public DbSet<Procedure> Procedures => Set<Procedure>();

    public DbSet<Dossier> Dossiers => Set<Dossier>();

    private static void ConfigureCitizenServices(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NewsArticle>(e =>
        {
            e.HasIndex(x => new { x.UnitId, x.Status, x.PublishedAt });
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Author).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(400);
            e.Property(x => x.CoverUrl).HasMaxLength(2000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ZaloArticleId).HasMaxLength(128);
            e.Property(x => x.ZaloToken).HasMaxLength(256);
            e.Property(x => x.ZaloLink).HasMaxLength(2000);
            e.Property(x => x.LastError).HasMaxLength(1000);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<NewsImage>().WithMany().HasForeignKey(x => x.CoverImageId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Blocks).WithOne().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Broadcasts).WithOne().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NewsBlock>(e =>
        {
            e.HasIndex(x => new { x.ArticleId, x.Order });
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Content).HasMaxLength(10000);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Caption).HasMaxLength(300);
            e.Property(x => x.Thumb).HasMaxLength(2000);
        });

        modelBuilder.Entity<NewsImage>(e =>
        {
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<NewsBroadcast>(e =>
        {
            e.Property(x => x.Target).HasMaxLength(500);
            e.Property(x => x.ZaloMessageId).HasMaxLength(128);
            e.Property(x => x.Error).HasMaxLength(1000);
            e.HasOne<StaffUser>().WithMany().HasForeignKey(x => x.SentById).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ProcedureCategory>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Description).HasMaxLength(500);
            e.HasMany(x => x.Procedures).WithOne(x => x.Category).HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Procedure>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(48);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Authority).HasMaxLength(200);
            e.Property(x => x.Steps).HasMaxLength(4000);
            e.Property(x => x.Documents).HasMaxLength(4000);
            e.Property(x => x.Fees).HasMaxLength(1000);
            e.Property(x => x.ProcessingTime).HasMaxLength(300);
            e.Property(x => x.PortalUrl).HasMaxLength(500);
            e.Ignore(x => x.StepList);
            e.Ignore(x => x.DocumentList);
        });

        modelBuilder.Entity<Dossier>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.ProcedureName).HasMaxLength(200);
            e.Property(x => x.Status).HasMaxLength(100);
            e.Property(x => x.Note).HasMaxLength(500);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
