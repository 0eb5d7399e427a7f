using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk.DependencyInjection;

/// <summary>
/// Returned by <c>AddZaloOA</c> so that further parts (token store, webhooks, Redis) are added in
/// one chain: <c>services.AddZaloOA(config).UseFileTokenStore("tokens.json")</c>.
/// </summary>
public sealed class ZaloOABuilder
{
    internal ZaloOABuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Keeps tokens in a JSON file written atomically (one process).</summary>
    public ZaloOABuilder UseFileTokenStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Services.RemoveAll<IZaloTokenStore>();
        Services.AddSingleton<IZaloTokenStore>(_ => new FileZaloTokenStore(path));
        return this;
    }

    /// <summary>Uses a custom token store.</summary>
    public ZaloOABuilder UseTokenStore<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IZaloTokenStore
    {
        Services.RemoveAll<IZaloTokenStore>();
        Services.AddSingleton<IZaloTokenStore, TStore>();
        return this;
    }
}
