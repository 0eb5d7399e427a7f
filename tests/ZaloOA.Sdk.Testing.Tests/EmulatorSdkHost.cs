using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.Sdk.Testing.Tests;

/// <summary>
/// A started emulator with one OA and one follower, and the real SDK (<c>AddZaloOA</c>) pointed
/// at it. SDK and emulator share one fake clock.
/// </summary>
internal sealed class EmulatorSdkHost : IAsyncDisposable
{
    public const string OaId = "388613280878808645";
    public const string UserId = "2468458835296197922";

    private EmulatorSdkHost(ZaloEmulator emulator, FakeTimeProvider time, ServiceProvider services)
    {
        Emulator = emulator;
        Time = time;
        Services = services;
    }

    public ZaloEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Services { get; }

    public ZaloOAuthClient OAuth => Services.GetRequiredService<ZaloOAuthClient>();

    public IZaloTokenManager Tokens => Services.GetRequiredService<IZaloTokenManager>();

    public IZaloTokenStore Store => Services.GetRequiredService<IZaloTokenStore>();

    /// <summary>The SDK's real API connection (auth header, envelope, refresh + replay).</summary>
    public ZaloApiConnection Connection => Services.GetRequiredService<ZaloApiConnection>();

    public static async Task<EmulatorSdkHost> StartAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        var emulator = await ZaloEmulator.StartAsync(new ZaloEmulatorOptions { TimeProvider = time });
        emulator.AddOfficialAccount(OaId, "Công an phường Bến Nghé");
        emulator.AddFollower(OaId, UserId, "Nguyễn Văn An");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddZaloOA(o =>
        {
            emulator.ConfigureSdk(o);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.TotalTimeout = TimeSpan.FromSeconds(20);
            o.MaxReadRetries = 0;
        });
        return new EmulatorSdkHost(emulator, time, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    /// <summary>Stores an emulator-issued pair for <see cref="OaId"/> and returns it.</summary>
    public async Task<EmulatedTokens> SeedTokensAsync(DateTimeOffset? claimedExpiry = null)
    {
        var tokens = Emulator.IssueTokens(OaId);
        var set = tokens.ToTokenSet();
        if (claimedExpiry is { } expiry)
        {
            set = new ZaloTokenSet { AccessToken = set.AccessToken, RefreshToken = set.RefreshToken, AccessTokenExpiresAt = expiry, IssuedAt = set.IssuedAt, Version = 1 };
        }

        Assert.True(await Store.TrySaveAsync(OaId, set, expectedVersion: null, TestContext.Current.CancellationToken));
        return tokens;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
