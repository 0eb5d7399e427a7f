using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Tests.Common;

/// <summary>
/// A real SDK service provider (the same <c>AddZaloOA</c> users call) whose API, OAuth and
/// business hosts all point at one WireMock server, with a fake clock and an in-memory token store
/// seeded with a valid token for <see cref="OaId"/>. Dispose it at the end of the test.
/// </summary>
public sealed class ZaloTestHost : IAsyncDisposable
{
    /// <summary>The OA id the host's client acts for.</summary>
    public const string OaId = "388613280878808645";

    /// <summary>The app id configured.</summary>
    public const string AppId = "1234567890123456789";

    /// <summary>The app secret configured.</summary>
    public const string SecretKey = "ExampleAppSecret0001";

    /// <summary>The OA secret key configured (webhook signatures).</summary>
    public const string OaSecretKey = "ExampleOaSecretKey01";

    /// <summary>The access token seeded into the store.</summary>
    public const string AccessToken = "seeded-access-token";

    /// <summary>The refresh token seeded into the store.</summary>
    public const string RefreshToken = "seeded-refresh-token";

    /// <summary>Creates a host; <paramref name="configure"/> may change options or services.</summary>
    public ZaloTestHost(Action<ZaloOAOptions>? configureOptions = null, Action<IServiceCollection>? configureServices = null, bool seedToken = true)
    {
        Server = WireMockServer.Start();
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        var baseUrl = new Uri(Server.Url! + "/");
        services.AddZaloOA(o =>
        {
            o.AppId = AppId;
            o.SecretKey = SecretKey;
            o.OaSecretKey = OaSecretKey;
            o.ApiBaseUrl = baseUrl;
            o.OAuthBaseUrl = baseUrl;
            o.BusinessApiBaseUrl = baseUrl;
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.TotalTimeout = TimeSpan.FromSeconds(20);
            configureOptions?.Invoke(o);
        });
        configureServices?.Invoke(services);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Store = Services.GetRequiredService<IZaloTokenStore>();
        if (seedToken)
        {
            Store.TrySaveAsync(OaId, new ZaloTokenSet
            {
                AccessToken = AccessToken,
                RefreshToken = RefreshToken,
                AccessTokenExpiresAt = Time.GetUtcNow().AddHours(25),
                IssuedAt = Time.GetUtcNow(),
                Version = 1,
            }, expectedVersion: null).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The WireMock server standing in for every Zalo host.</summary>
    public WireMockServer Server { get; }

    /// <summary>The fake clock the SDK reads.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The service provider built with <c>AddZaloOA</c>.</summary>
    public ServiceProvider Services { get; }

    /// <summary>The token store in use.</summary>
    public IZaloTokenStore Store { get; }

    /// <summary>The client of <see cref="OaId"/>.</summary>
    public ZaloOAClient Client => Services.GetRequiredService<IZaloOAClientFactory>().GetClient(OaId);

    /// <summary>The OAuth client.</summary>
    public ZaloOAuthClient OAuth => Services.GetRequiredService<ZaloOAuthClient>();

    /// <summary>Disposes the provider and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Server.Stop();
        Server.Dispose();
    }
}
