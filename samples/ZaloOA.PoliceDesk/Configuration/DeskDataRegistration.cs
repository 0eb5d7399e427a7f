using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Deadlines;
using ZaloOA.PoliceDesk.Operations;
using ZaloOA.PoliceDesk.Statistics;
using ZaloOA.PoliceDesk.Units;
using ZaloOA.PoliceDesk.Units.Import;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Configuration;

/// <summary>Registers the desk's data features: the unit hierarchy as data (<c>Units/</c>),
/// deadlines (<c>Deadlines/</c>), statistics and exports (<c>Statistics/</c>), and the operations
/// view and metrics (<c>Operations/</c>).</summary>
public static class DeskDataRegistration
{
    /// <summary>Adds the services and binds their options (<c>Desk:Units</c>, <c>Desk:Deadlines</c>, <c>Desk:Operations</c>).</summary>
    public static IServiceCollection AddDeskData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UnitsOptions>().Bind(configuration.GetSection(UnitsOptions.SectionName));
        services.AddScoped<UnitHierarchy>();
        services.AddSingleton<UnitStartupImport>();

        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.SectionName));
        services.AddSingleton<CaseClock>();
        // Every save of a case, by any feature, goes through the clock (both providers' contexts).
        services.ConfigureDbContext<SqliteDeskDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CaseClock>()));
        services.ConfigureDbContext<PostgreSqlDeskDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CaseClock>()));
        services.AddScoped<DeadlineTargets>();

        services.AddScoped<CaseStatistics>();
        services.AddScoped<StatisticsAggregator>();
        services.AddSingleton<StatisticsChangeMarker>();
        // After the clock: the marker reads the columns the clock stamps.
        services.ConfigureDbContext<SqliteDeskDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<StatisticsChangeMarker>()));
        services.ConfigureDbContext<PostgreSqlDeskDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<StatisticsChangeMarker>()));
        services.AddSingleton<StatisticsWorkSignal>();
        services.AddHostedService<StatisticsWorker>();

        services.AddOptions<OperationsOptions>().Bind(configuration.GetSection(OperationsOptions.SectionName));
        services.AddMetrics();
        services.AddScoped<OperationsOverview>();
        services.AddSingleton<DeskMetrics>();
        services.AddSingleton<ZaloLinkActivityThrottle>();
        services.AddSingleton<OperationsMetricsWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationsMetricsWorker>());
        return services;
    }

    /// <summary>Records each OA's last webhook for the operations view (Zalo and emulator modes).</summary>
    public static ZaloOABuilder AddLinkActivity(this ZaloOABuilder builder) =>
        builder.AddWebhookHandler<ZaloWebhookEvent, ZaloLinkActivityRecorder>();

    /// <summary>Vietnamese names of these features' audit actions, or null.</summary>
    public static string? AuditVi(string action) =>
        UnitAuditActions.AuditVi(action) ?? DeadlineAuditActions.AuditVi(action) ?? StatisticsAuditActions.AuditVi(action);
}
