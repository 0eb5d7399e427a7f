using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZaloOA.Sdk.Testing;
using ZaloOA.Sdk.Testing.Simulator;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the browser chat simulator of <see cref="ZaloEmulator"/>.</summary>
public static class ZaloChatSimulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a browser chat simulator at <paramref name="pattern"/>: a Zalo conversation on a phone
    /// (390 px wide on a desktop, full screen on a phone) in which you act as users of the
    /// emulated OAs. What you send reaches your app as Zalo's signed webhooks (through
    /// <see cref="ZaloEmulator.WebhookUrl"/>); what your app sends through the Open API appears
    /// live, rendered as Zalo shows it (text, buttons, lists, media, files, articles, forms,
    /// templates), and the buttons act as Zalo's do.
    /// </summary>
    /// <remarks>
    /// Mapped only in the Development environment unless
    /// <see cref="ZaloChatSimulatorOptions.AllowOutsideDevelopment"/> is set (elsewhere nothing is
    /// mapped and the paths answer 404). The page loads its script and styles as separate files
    /// (no inline script, style or handler), so it runs under <c>Content-Security-Policy:
    /// default-src 'self'</c>; media and article pages are served from the same origin.
    /// <code>
    /// builder.Services.AddSingleton(emulator);  // or set ZaloChatSimulatorOptions.Emulator
    /// app.MapZaloChatSimulator("/simulator");
    /// </code>
    /// </remarks>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">Where to mount it, e.g. <c>/simulator</c>.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The group of the simulator's endpoints, for conventions such as
    /// <c>RequireAuthorization</c>.</returns>
    public static RouteGroupBuilder MapZaloChatSimulator(this IEndpointRouteBuilder endpoints, string pattern = "/simulator", Action<ZaloChatSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var options = new ZaloChatSimulatorOptions();
        configure?.Invoke(options);
        var group = endpoints.MapGroup(pattern.TrimEnd('/'));
        var environment = endpoints.ServiceProvider.GetService<IHostEnvironment>();
        if (options.AllowOutsideDevelopment || environment?.IsDevelopment() == true)
        {
            new ChatSimulatorEndpoints(options).Map(group);
        }

        return group;
    }
}
