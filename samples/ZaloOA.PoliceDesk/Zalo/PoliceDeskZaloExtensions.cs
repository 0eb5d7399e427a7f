// How the desk is wired to Zalo: one call in Program.cs registers everything, one maps the endpoints.
//
//     builder.AddPoliceDeskZalo(zalo => zalo.AddMenuRouter(r => r.Map("#tintuc", ...)));
//     ...
//     app.MapPoliceDeskZalo();
//
// The optional callback receives the SDK's ZaloOABuilder (the same one the desk registers its
// webhook handlers, OAuth endpoints and channel on), so other features add their own parts (a menu
// router, more webhook handlers) without touching this file.
//
// Modes (DeskZaloMode):
//  - Zalo: Zalo:AppId is set. The SDK talks to the real Zalo with Zalo:SecretKey/OaSecretKey;
//    tokens are kept in Zalo:TokenFile (one instance) or, with Redis:Configuration set, in Redis
//    with the refresh lock and webhook de-duplication (several instances, see the README);
//    Zalo:Accounts seed OAs for scripted set-ups.
//  - Emulator: no AppId, in Development (a fresh clone) or anywhere with Zalo:Emulator:Enabled=true.
//    An in-process ZaloEmulator (ZaloOA.Sdk.Testing) answers the SDK's calls, every unit gets an
//    emulated OA, and the Testing package's chat simulator (/simulator, signed-in staff only) posts
//    signed webhooks to this app's own /zalo/webhook. The emulator's default keys are public (they
//    are in its source), so outside Development it runs with fresh random keys: a webhook signed
//    with the public key is refused.
//  - Neither: no AppId and Zalo:Emulator:Enabled=false, or no AppId outside Development with
//    Zalo:Emulator:Enabled unset. The desk could reach no citizen (or would fall back to an emulator
//    anyone can sign webhooks for), so it refuses to start; DeskZaloModes.Resolve says what to set.
//
// The webhook runs its handlers inline: the citizen's message (or a menu answer for the outbox) is
// committed to the database before Zalo gets its 200, and a failure answers 500 so Zalo redelivers
// (intake is idempotent on msg_id). Handlers never call Zalo: every message to a citizen is queued
// in the outbox and sent by its worker (Outbox/), so the webhook answers whether Zalo is up or not.
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Outbox;
using ZaloOA.PoliceDesk.Security;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Testing;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.PoliceDesk.Zalo;

/// <summary>Registers and maps the desk's Zalo integration (see the comment at the top of the file).</summary>
public static class PoliceDeskZaloExtensions
{
    /// <summary>The configuration section of the shared Redis (<c>Redis:Configuration</c> turns it on).</summary>
    public const string RedisSectionName = "Redis";

    /// <summary>
    /// Registers the SDK, the outbox's sender, the webhook (inline handlers → intake), the OAuth v4
    /// connect flow and, without a Zalo app, the local emulator. <paramref name="configure"/>
    /// receives the SDK builder for further parts (e.g. <c>AddMenuRouter</c>).
    /// </summary>
    public static WebApplicationBuilder AddPoliceDeskZalo(this WebApplicationBuilder builder, Action<ZaloOABuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(DeskZaloOptions.SectionName);
        var desk = section.Get<DeskZaloOptions>() ?? new DeskZaloOptions();
        var mode = DeskZaloModes.Resolve(desk, builder.Environment);
        services.AddSingleton(new DeskZaloModeInfo(mode));

        var redis = builder.Configuration.GetSection(RedisSectionName);
        var useRedis = !string.IsNullOrWhiteSpace(redis["Configuration"]);
        ZaloOABuilder zalo;
        if (mode == DeskZaloMode.Zalo)
        {
            zalo = services.AddZaloOA(section);
            if (!useRedis)
            {
                string tokenFile;
                if (string.IsNullOrWhiteSpace(desk.TokenFile))
                {
                    // App_Data: owner-only, like the database beside it.
                    tokenFile = Path.Combine(builder.Environment.ContentRootPath, "App_Data", "zalo-tokens.json");
                    PrivateFiles.CreateFolder(Path.GetDirectoryName(tokenFile)!);
                }
                else
                {
                    tokenFile = Path.GetFullPath(desk.TokenFile, builder.Environment.ContentRootPath);
                    Directory.CreateDirectory(Path.GetDirectoryName(tokenFile)!);
                }

                zalo.UseFileTokenStore(tokenFile);
            }
        }
        else
        {
            // The emulator is created (and its port opened) when first resolved; the SDK's options
            // read its address from it, so both agree whichever is resolved first.
            services.AddSingleton<DeskEmulator>();
            // The Testing package's chat simulator finds the emulator as a service.
            services.AddSingleton(static sp => sp.GetRequiredService<DeskEmulator>().Emulator);
            zalo = services.AddZaloOA(static _ => { });
            services.AddOptions<ZaloOAOptions>().Configure<DeskEmulator>(static (o, emulator) => emulator.Emulator.ConfigureSdk(o));
            services.AddHostedService<DeskEmulatorSetup>();
        }

        if (useRedis)
        {
            // Several instances: tokens, the refresh lock, the app-wide refresh limit and webhook
            // de-duplication shared in Redis (Redis:Configuration, KeyPrefix, LockWaitTimeout,
            // AppWideRefreshLimit, RefreshLimitFallbackDuration, Database).
            zalo.UseRedis(redis);
        }

        zalo.AddWebhookReceiver(o => o.DispatchMode = ZaloWebhookDispatchMode.Inline);
        zalo.AddWebhookHandler<UserMessageEvent, CitizenMessageHandler>();
        zalo.AddOAuthEndpoints(o =>
        {
            o.SuccessRedirect = DeskRoutes.ZaloConnected;
            o.ErrorRedirect = DeskRoutes.ZaloConnected;
            // A consent completes only in the session of the officer who started it, and the
            // desk decides who may connect which OA before any token is stored.
            o.BindStateToUser = true;
            o.OnAuthorizing = ZaloOaLinking.OnAuthorizingAsync;
            o.OnAuthorized = ZaloOaLinking.OnAuthorizedAsync;
        });
        services.AddSingleton<ZaloOaLinking>();
        services.AddSingleton<CitizenSender>();
        configure?.Invoke(zalo);
        return builder;
    }

    /// <summary>Maps the webhook (anonymous: Zalo signs it), the OAuth start and callback (signed-in
    /// staff; the callback's route is the redirect_uri sent to Zalo) and, in emulator mode, the chat
    /// simulator (signed-in staff).</summary>
    public static WebApplication MapPoliceDeskZalo(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapZaloWebhook(DeskRoutes.ZaloWebhook).AllowAnonymous();
        app.MapZaloOAuthStart(DeskRoutes.ZaloOAuthStart).RequireAuthorization();
        app.MapZaloOAuthCallback(DeskRoutes.ZaloOAuthCallback).RequireAuthorization();
        if (app.Services.GetRequiredService<DeskZaloModeInfo>().Mode == DeskZaloMode.Emulator)
        {
            // Emulator mode is itself the opt-in (any environment); the fallback policy keeps the
            // simulator to signed-in staff, as every desk page.
            app.MapZaloChatSimulator(DeskRoutes.Simulator, o => o.AllowOutsideDevelopment = true);
        }

        return app;
    }
}

/// <summary>How the desk reaches citizens.</summary>
public enum DeskZaloMode
{
    /// <summary>The in-process Zalo emulator (no <c>Zalo:AppId</c> configured).</summary>
    Emulator,

    /// <summary>The real Zalo.</summary>
    Zalo,
}

/// <summary>The mode chosen at start-up (a singleton pages can inject).</summary>
public sealed record DeskZaloModeInfo(DeskZaloMode Mode);

/// <summary>Chooses the mode from configuration and the environment (see the comment at the top of the file).</summary>
public static class DeskZaloModes
{
    /// <summary>The mode for these settings, or an <see cref="InvalidOperationException"/> that says
    /// what to set when the desk must not start (no Zalo app outside Development, or a Zalo app
    /// configured with the emulator's public keys).</summary>
    public static DeskZaloMode Resolve(DeskZaloOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.IsConfigured)
        {
            var publicKeys = new ZaloOA.Sdk.Testing.ZaloEmulatorOptions();
            if (!environment.IsDevelopment() && (options.OaSecretKey == publicKeys.OaSecretKey || options.SecretKey == publicKeys.SecretKey))
            {
                throw new InvalidOperationException(
                    "Zalo:SecretKey or Zalo:OaSecretKey is the Zalo emulator's public key, which anyone can sign webhooks with. "
                    + "Set the keys of your Zalo app from developers.zalo.me. / Khóa Zalo đang là khóa công khai của trình giả lập; hãy dùng khóa của ứng dụng Zalo.");
            }

            return DeskZaloMode.Zalo;
        }

        return options.Emulator.Enabled switch
        {
            true => DeskZaloMode.Emulator,
            null when environment.IsDevelopment() => DeskZaloMode.Emulator,
            false => throw new InvalidOperationException(
                "No Zalo app is configured (Zalo:AppId is empty) and the emulator is off (Zalo:Emulator:Enabled=false), so the desk could reach no citizen. "
                + "Set Zalo:AppId, Zalo:SecretKey and Zalo:OaSecretKey, or set Zalo:Emulator:Enabled=true to run with the local Zalo emulator. "
                + "/ Chưa cấu hình ứng dụng Zalo và trình giả lập đang tắt: đặt Zalo:AppId, Zalo:SecretKey, Zalo:OaSecretKey hoặc bật trình giả lập (Zalo:Emulator:Enabled=true)."),
            null => throw new InvalidOperationException(
                $"No Zalo app is configured (Zalo:AppId is empty) and the environment is {environment.EnvironmentName}, not Development. "
                + "Set Zalo:AppId, Zalo:SecretKey and Zalo:OaSecretKey (e.g. Zalo__AppId=...) to receive citizens' messages from Zalo, "
                + "or set Zalo:Emulator:Enabled=true for a demonstration with the local Zalo emulator (random keys). "
                + "/ Chưa cấu hình ứng dụng Zalo: đặt Zalo:AppId, Zalo:SecretKey, Zalo:OaSecretKey; hoặc Zalo:Emulator:Enabled=true (trình giả lập)."),
        };
    }
}
