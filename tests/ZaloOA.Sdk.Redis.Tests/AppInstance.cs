using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Redis.Tests;

/// <summary>
/// One running "instance" of an app: its own service provider built with the real
/// <c>AddZaloOA(...).UseRedis(...)</c>, pointed at a WireMock server that several instances share,
/// with a fake clock for token expiry.
/// </summary>
internal sealed class AppInstance : IAsyncDisposable
{
    private AppInstance(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public IZaloTokenManager Tokens => Services.GetRequiredService<IZaloTokenManager>();

    public static AppInstance Start(
        WireMockServer server,
        FakeTimeProvider time,
        Action<ZaloOABuilder> useRedis,
        string secretKey = ZaloTestHost.SecretKey,
        Action<ZaloOAOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        var baseUrl = new Uri(server.Url! + "/");
        var builder = services.AddZaloOA(o =>
        {
            o.AppId = ZaloTestHost.AppId;
            o.SecretKey = secretKey;
            o.ApiBaseUrl = baseUrl;
            o.OAuthBaseUrl = baseUrl;
            o.BusinessApiBaseUrl = baseUrl;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(o);
        });
        useRedis(builder);
        return new AppInstance(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
