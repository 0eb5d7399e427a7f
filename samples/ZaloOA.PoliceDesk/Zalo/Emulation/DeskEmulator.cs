using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.PoliceDesk.Zalo.Emulation;

/// <summary>
/// Emulator mode's local Zalo: a <see cref="ZaloEmulator"/> on a loopback port, on the app's clock,
/// started when first resolved and stopped with the app. One Zalo app (the emulator's app id and
/// keys) serves every unit, as in production.
/// </summary>
public sealed class DeskEmulator : IAsyncDisposable
{
    /// <summary>An extra OA no unit is linked to at first, so the "Kết nối Zalo OA" flow has
    /// something new to connect.</summary>
    public const string SpareOaId = "4000000000000000001";

    /// <summary>The spare OA's display name.</summary>
    public const string SpareOaName = "Zalo OA mới (chưa liên kết đơn vị)";

    /// <summary>Starts the emulator: with its documented keys in Development, with fresh random keys
    /// anywhere else (its documented keys are public, so a webhook signed with them must be refused).</summary>
    public DeskEmulator(IOptions<DeskZaloOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value.Emulator;
        var emulatorOptions = new ZaloEmulatorOptions
        {
            Port = settings.Port,
            TimeProvider = time,
            WebhookUrl = settings.WebhookUrl,
        };
        if (!environment.IsDevelopment())
        {
            emulatorOptions.SecretKey = RandomKey();
            emulatorOptions.OaSecretKey = RandomKey();
        }

        // StartAsync completes synchronously (the WireMock server starts in the call).
        Emulator = ZaloEmulator.StartAsync(emulatorOptions).GetAwaiter().GetResult();
    }

    /// <summary>The emulator (public API of ZaloOA.Sdk.Testing).</summary>
    public ZaloEmulator Emulator { get; }

    /// <summary>The emulated OA id of a unit: 18 digits derived from its code, so the same unit
    /// keeps the same OA across restarts (the database remembers the link).</summary>
    public static string OaIdFor(string unitCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(unitCode);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(unitCode));
        var number = BitConverter.ToUInt64(hash, 0) % 100_000_000_000_000_000UL;
        return "5" + number.ToString("D17", CultureInfo.InvariantCulture);
    }

    /// <summary>The id of a unit's emulated group chat number <paramref name="n"/>: 20 hex digits
    /// derived from its code, like Zalo's group ids, the same on every start.</summary>
    public static string GroupIdFor(string unitCode, int n)
    {
        ArgumentException.ThrowIfNullOrEmpty(unitCode);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(unitCode + "#group" + n.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(hash)[..20];
    }

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Stops the emulator.</summary>
    public ValueTask DisposeAsync() => Emulator.DisposeAsync();
}

/// <summary>
/// At start-up (after the database initializer): one emulated OA per unit plus a spare one, tokens
/// for each stored in the SDK (as if each unit had granted consent), units without an OA linked to
/// theirs (audited), and, once the server listens, the emulator's webhook pointed at this app's own
/// <c>/zalo/webhook</c>.
/// </summary>
internal sealed partial class DeskEmulatorSetup(
    DeskEmulator desk,
    IServiceScopeFactory scopes,
    IZaloTokenManager tokens,
    IOptions<DeskZaloOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DeskEmulatorSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var emulator = desk.Emulator;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<DeskAudit>();
            var units = await db.Units.OrderBy(u => u.Path).ToListAsync(cancellationToken);
            var oaIds = new List<(string OaId, string Name)>();
            foreach (var unit in units)
            {
                var own = DeskEmulator.OaIdFor(unit.Code);
                oaIds.Add((own, "Zalo OA " + unit.Name));
                if (unit.ZaloOaId is { } linked && linked != own)
                {
                    oaIds.Add((linked, "Zalo OA " + unit.Name));
                }

                if (unit.ZaloOaId is null && options.Value.Emulator.LinkUnits)
                {
                    var now = time.GetUtcNow();
                    unit.ZaloOaId = own;
                    unit.ZaloLinkedAt = now;
                    audit.Add(null, "Trình giả lập Zalo", AuditActions.OaLinked, unit.Id, detail: $"OA {own}");
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            oaIds.Add((DeskEmulator.SpareOaId, DeskEmulator.SpareOaName));
            foreach (var (oaId, name) in oaIds.DistinctBy(x => x.OaId))
            {
                emulator.AddOfficialAccount(oaId, name);
                await tokens.SaveAuthorizationAsync(oaId, emulator.IssueTokens(oaId).ToTokenResponse(), cancellationToken);
            }

            // Two group chats per unit's OA, with the same ids on every start (links survive restarts).
            foreach (var unit in units.Where(u => u.ZaloOaId is not null))
            {
                emulator.AddGroup(unit.ZaloOaId!, "Tổ an ninh tự quản – " + unit.Name, groupId: DeskEmulator.GroupIdFor(unit.Code, 1));
                emulator.AddGroup(unit.ZaloOaId!, "Trưởng ấp, khu phố – " + unit.Name, groupId: DeskEmulator.GroupIdFor(unit.Code, 2));
            }

            LogStarted(logger, emulator.BaseUrl, oaIds.Count);
        }

        if (emulator.WebhookUrl is null)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                var url = OwnWebhookUrl(server);
                if (url is not null)
                {
                    emulator.WebhookUrl = url;
                    LogWebhook(logger, url);
                }
            });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>This app's <c>/zalo/webhook</c> on the first address it listens on (http preferred,
    /// wildcard hosts replaced by loopback); null on a server without addresses (TestServer).</summary>
    internal static Uri? OwnWebhookUrl(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return null;
        }

        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        var normalized = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return Uri.TryCreate(normalized.TrimEnd('/') + DeskRoutes.ZaloWebhook, UriKind.Absolute, out var url) ? url : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMULATOR MODE: no Zalo app is configured (Zalo:AppId). A local Zalo emulator runs at {BaseUrl} with {Count} Official Accounts; try the citizen simulator at /simulator.")]
    private static partial void LogStarted(ILogger logger, Uri baseUrl, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The Zalo emulator posts citizens' messages to {WebhookUrl}.")]
    private static partial void LogWebhook(ILogger logger, Uri webhookUrl);
}
