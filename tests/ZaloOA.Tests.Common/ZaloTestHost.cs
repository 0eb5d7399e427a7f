using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
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
            // Generous: CI machines are shared and loopback calls can stall for seconds. Tests of
            // timeouts set their own.
            o.AttemptTimeout = TimeSpan.FromSeconds(30);
            o.TotalTimeout = TimeSpan.FromSeconds(60);
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

    /// <summary>The token manager in use.</summary>
    public IZaloTokenManager Tokens => Services.GetRequiredService<IZaloTokenManager>();

    /// <summary>The path of Zalo's OA token endpoint on <see cref="Server"/>.</summary>
    public const string TokenPath = "/v4/oa/access_token";

    /// <summary>The access token <see cref="StubTokenEndpoint"/> hands out by default.</summary>
    public const string NewAccessToken = "rotated-access-token";

    /// <summary>The refresh token <see cref="StubTokenEndpoint"/> hands out by default.</summary>
    public const string NewRefreshToken = "rotated-refresh-token";

    /// <summary>The requests the SDK made to the OAuth token endpoint, oldest first.</summary>
    public IReadOnlyList<ILogEntry> TokenRequests => Server.RequestsTo(TokenPath);

    /// <summary>Makes the token endpoint answer like Zalo does on success (HTTP 200,
    /// <c>expires_in</c> as a string), optionally after a delay so concurrent callers overlap.</summary>
    public void StubTokenEndpoint(string accessToken = NewAccessToken, string refreshToken = NewRefreshToken, string expiresIn = "\"90000\"", TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody($$"""{"access_token":"{{accessToken}}","refresh_token":"{{refreshToken}}","expires_in":{{expiresIn}}}""");
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(response);
    }

    /// <summary>Makes the token endpoint answer <paramref name="body"/> with <paramref name="status"/>.</summary>
    public void StubTokenEndpoint(int status, string body) =>
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));

    /// <summary>Stores a token set for <paramref name="oaId"/> whatever was there.</summary>
    public async Task SeedAsync(string oaId, string accessToken, string refreshToken, TimeSpan validFor, long version = 1, bool reauthorizationRequired = false)
    {
        await Store.TrySaveAsync(oaId, new ZaloTokenSet
        {
            AccessToken = accessToken,
            RefreshToken = refreshToken,
            AccessTokenExpiresAt = Time.GetUtcNow() + validFor,
            IssuedAt = Time.GetUtcNow(),
            Version = version,
            ReauthorizationRequired = reauthorizationRequired,
        }, expectedVersion: null);
    }

    /// <summary>Moves the fake clock past the point where the seeded token is due for refresh.</summary>
    public void ExpireSeededToken() => Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

    /// <summary>Disposes the provider and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Server.Stop();
        Server.Dispose();
    }
}
