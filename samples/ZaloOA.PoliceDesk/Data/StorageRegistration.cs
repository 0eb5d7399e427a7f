using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ZaloOA.PoliceDesk.Configuration;

namespace ZaloOA.PoliceDesk.Data;

/// <summary>Registers <see cref="DeskDbContext"/> for the configured provider.</summary>
public static class StorageRegistration
{
    public static IServiceCollection AddDeskStorage(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = !string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? storage.ConnectionString
            : configuration.GetConnectionString("PoliceDesk");

        if (storage.IsPostgreSql)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Storage:Provider is PostgreSQL but no connection string is set: set Storage:ConnectionString or ConnectionStrings:PoliceDesk.");
            }

            services.AddDbContext<PostgreSqlDeskDbContext>(o => o.UseNpgsql(connectionString));
            services.AddScoped<DeskDbContext>(sp => sp.GetRequiredService<PostgreSqlDeskDbContext>());
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var dataDir = Path.Combine(contentRoot, "App_Data");
                Directory.CreateDirectory(dataDir);
                connectionString = $"Data Source={Path.Combine(dataDir, "policedesk.db")}";
            }

            services.AddDbContext<SqliteDeskDbContext>(o => o.UseSqlite(connectionString));
            services.AddScoped<DeskDbContext>(sp => sp.GetRequiredService<SqliteDeskDbContext>());
        }

        return services;
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
