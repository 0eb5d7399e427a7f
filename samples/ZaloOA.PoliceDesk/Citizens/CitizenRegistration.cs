using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>Registers citizens' profiles, contact requests, blocking and quick replies (<c>Citizens/</c>).</summary>
public static class CitizenRegistration
{
    /// <summary>Adds the services, the profile worker and binds <c>Desk:Citizens</c>.</summary>
    public static IServiceCollection AddCitizens(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CitizenOptions>().Bind(configuration.GetSection(CitizenOptions.SectionName))
            .Validate(o => o.ProfileRefresh > TimeSpan.Zero && o.MaxAvatarBytes > 0 && o.MaxProfileAttempts > 0,
                "Desk:Citizens: ProfileRefresh (e.g. 1.00:00:00), MaxAvatarBytes and MaxProfileAttempts must be positive.")
            .ValidateOnStart();
        services.AddScoped<CitizenProfiles>();
        services.AddScoped<ReplyTemplates>();
        services.AddSingleton<AvatarImage>();
        services.AddSingleton<CitizenProfileSignal>();
        services.AddSingleton<CitizenProfileWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<CitizenProfileWorker>());
        return services;
    }

    /// <summary>Handles <c>user_submit_info</c> (the answer to the request-information message).</summary>
    public static ZaloOABuilder AddCitizenInfo(this ZaloOABuilder builder) =>
        builder.AddWebhookHandler<UserSubmitInfoEvent, CitizenInfoHandler>();
}
