using Microsoft.Extensions.DependencyInjection.Extensions;
using ZaloOA.PoliceDesk.CitizenMenu;
using ZaloOA.PoliceDesk.Contact;
using ZaloOA.PoliceDesk.News;
using ZaloOA.PoliceDesk.Procedures;

namespace ZaloOA.PoliceDesk.CitizenServices;

/// <summary>
/// Registers what the units offer citizens beyond the report desk: news, the procedure catalogue
/// and dossier look-up, the hotline directory and the replies of the citizen menu. Pair with
/// <c>AddZaloOA(...).AddCitizenMenu()</c>, which routes the menu through the SDK.
/// </summary>
public static class CitizenServicesRegistration
{
    /// <summary>Adds the citizen services (settings from the <c>CitizenServices</c> section).</summary>
    public static IServiceCollection AddCitizenServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CitizenServicesOptions>().BindConfiguration(CitizenServicesOptions.SectionName);
        services.TryAddScoped<NewsDesk>();
        services.TryAddScoped<ProcedureCatalog>();
        services.TryAddScoped<ContactDirectory>();
        services.TryAddScoped<CitizenReplies>();
        // A real dossier system replaces the sample when registered first.
        services.TryAddScoped<IDossierLookup, DatabaseDossierLookup>();
        // Registered after the desk's initializer, so the catalogue is seeded once units exist.
        services.AddHostedService<CitizenServicesInitializer>();
        return services;
    }
}
