using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Live;

/// <summary>Registers live updates: the change recorder on every save, the per-instance feed and the stream's connection count.</summary>
public static class LiveRegistration
{
    /// <summary>Adds the services and binds <c>Desk:Live</c>.</summary>
    public static IServiceCollection AddDeskLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.SectionName));
        services.AddSingleton<DeskChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<DeskChangeFeed>());
        services.AddSingleton<DeskChangeRecorder>();
        // Every save of a case or a message, by any feature, is recorded (both providers' contexts).
        services.ConfigureDbContext<SqliteDeskDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DeskChangeRecorder>()));
        services.ConfigureDbContext<PostgreSqlDeskDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<DeskChangeRecorder>()));
        services.AddSingleton<LiveConnections>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<LiveRefreshKeepsFlash>());
        return services;
    }
}
