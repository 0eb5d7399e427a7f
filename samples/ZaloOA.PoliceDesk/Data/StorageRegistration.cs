using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Security;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>Registers <see cref="DeskDbContext"/> for the configured provider.</summary>
public static class StorageRegistration
{
    /// <summary>
    /// Registers both providers' contexts and resolves <see cref="DeskDbContext"/> to the one
    /// <c>Storage:Provider</c> names. Configuration is read when a context is created, so hosts
    /// and tests can override it after registration.
    /// </summary>
    public static IServiceCollection AddDeskStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddDbContext<SqliteDeskDbContext>((sp, o) => o.UseSqlite(ConnectionString(sp, postgres: false)).AddInterceptors(AuditAppendOnlyInterceptor.Instance, Cases.CaseSearchText.Instance));
        services.AddDbContext<PostgreSqlDeskDbContext>((sp, o) => o.UseNpgsql(ConnectionString(sp, postgres: true)).AddInterceptors(AuditAppendOnlyInterceptor.Instance, Cases.CaseSearchText.Instance));
        services.AddScoped<DeskDbContext>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.IsPostgreSql
            ? sp.GetRequiredService<PostgreSqlDeskDbContext>()
            : sp.GetRequiredService<SqliteDeskDbContext>());
        return services;
    }

    private static string ConnectionString(IServiceProvider sp, bool postgres)
    {
        var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
        var connectionString = !string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? storage.ConnectionString
            : sp.GetRequiredService<IConfiguration>().GetConnectionString("PoliceDesk");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (postgres)
        {
            throw new InvalidOperationException(
                "Storage:Provider is PostgreSQL but no connection string is set: set Storage:ConnectionString or ConnectionStrings:PoliceDesk.");
        }

        // App_Data also holds the Zalo token file: owner-only, like the database in it.
        var dataDir = Path.Combine(sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath, "App_Data");
        PrivateFiles.CreateFolder(dataDir);
        return $"Data Source={Path.Combine(dataDir, "policedesk.db")}";
    }
}

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteDeskDbContext</c> build the context.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDeskDbContext>
{
    public SqliteDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDeskDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context PostgreSqlDeskDbContext</c> build the context
/// (no server is contacted).</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDeskDbContext>
{
    public PostgreSqlDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlDeskDbContext>().UseNpgsql("Host=localhost;Database=policedesk").Options);
}
