using ZaloOA.PoliceDesk.Units;
using ZaloOA.PoliceDesk.Units.Import;

namespace ZaloOA.PoliceDesk.Configuration;

/// <summary>Registers the desk's data features: the unit hierarchy as data, deadlines, statistics
/// and exports, and the operations view.</summary>
public static class DeskDataRegistration
{
    /// <summary>Adds the services and binds their options (<c>Desk:Units</c>, <c>Desk:Deadlines</c>).</summary>
    public static IServiceCollection AddDeskData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UnitsOptions>().Bind(configuration.GetSection(UnitsOptions.SectionName));
        services.AddScoped<UnitHierarchy>();
        services.AddSingleton<UnitStartupImport>();
        return services;
    }
}
