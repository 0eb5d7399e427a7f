using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ZaloOA.Sdk;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Menus;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the menu router.</summary>
public static class ZaloMenuRouterBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="ZaloMenuRouter"/> as <see cref="IZaloMenuRouter"/> (singleton) and
    /// configures its routes. May be called more than once; the routes add up. Handlers get the
    /// OA's <see cref="ZaloOAClient"/> and a DI scope per call.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddZaloOA(configuration).AddMenuRouter(r => r
    ///     .Map("#tintuc", async (ctx, ct) => { /* latest news */ })
    ///     .MapKeyword("xin chào", async (ctx, ct) => { /* greet, send the menu */ }));
    /// </code>
    /// </example>
    public static ZaloOABuilder AddMenuRouter(this ZaloOABuilder builder, Action<ZaloMenuRouter> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddSingleton(new MenuRouterRegistration(configure));
        builder.Services.TryAddSingleton(static sp =>
        {
            var router = new ZaloMenuRouter(
                sp.GetRequiredService<IZaloOAClientFactory>(),
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetService<ILogger<ZaloMenuRouter>>());
            foreach (var registration in sp.GetServices<MenuRouterRegistration>())
            {
                registration.Configure(router);
            }

            return router;
        });
        builder.Services.TryAddSingleton<IZaloMenuRouter>(static sp => sp.GetRequiredService<ZaloMenuRouter>());
        return builder;
    }
}
