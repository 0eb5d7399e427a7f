using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Zalo;
using ZaloOA.PoliceDesk.Zalo.Emulation;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 2 of the trust-boundaries issue: outside Development a desk without a Zalo app never
/// falls back to the emulator, whose default keys are public, so nobody can inject cases with a
/// webhook signed with them.
/// </summary>
public sealed class DeskModeTests : IDisposable
{
    private const string Citizen = "8300000000000000001";
    private readonly DeskState _state = new();

    public void Dispose() => _state.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A <c>user_send_text</c> for the Trà Vinh city OA, signed with the emulator's published default keys.</summary>
    private static (byte[] Body, string Signature) SignedWithThePublicKey(string msgId)
    {
        var published = new ZaloOA.Sdk.Testing.ZaloEmulatorOptions();
        var oa = DeskEmulator.OaIdFor("CATP-TRAVINH");
        var body = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"app_id":"{{published.AppId}}","sender":{"id":"{{Citizen}}"},"user_id_by_app":"{{Citizen}}","recipient":{"id":"{{oa}}"},"event_name":"user_send_text","message":{"text":"Giả mạo phản ánh","msg_id":"{{msgId}}"},"timestamp":"{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}"}""");
        return (body, WebhookSigner.Sign(body, published.AppId, published.OaSecretKey));
    }

    /// <summary>The desk's own start-up refusal, however the host wraps it.</summary>
    private static InvalidOperationException StartupError(ProductionDeskFactory desk)
    {
        var thrown = Record.Exception(() => desk.Services);
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is InvalidOperationException refusal && refusal.Message.Contains("Zalo", StringComparison.Ordinal))
            {
                return refusal;
            }
        }

        Assert.Fail($"The desk started (or failed for another reason: {thrown?.GetType().Name}).");
        return null!;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, (byte[] Body, string Signature) signed)
    {
        using var content = new ByteArrayContent(signed.Body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = content };
        request.Headers.TryAddWithoutValidation(ZaloWebhookSignature.HeaderName, signed.Signature);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public void Production_without_a_Zalo_app_refuses_to_start_and_says_what_to_set()
    {
        using var desk = new ProductionDeskFactory(_state, emulator: null);

        var error = StartupError(desk);

        Assert.Contains("Zalo:AppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zalo:OaSecretKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zalo:Emulator:Enabled=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_Zalo_app_and_with_the_emulator_off_the_desk_refuses_to_start_and_says_what_to_set()
    {
        // The desk would reach no citizen; there is no mode that stores replies and sends them nowhere.
        using var desk = new ProductionDeskFactory(_state, emulator: false);

        var error = StartupError(desk);

        Assert.Contains("Zalo:Emulator:Enabled=false", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zalo:AppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zalo:Emulator:Enabled=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emulator_switched_on_outside_Development_refuses_events_signed_with_its_public_key()
    {
        using var desk = new ProductionDeskFactory(_state, emulator: true);
        using var client = desk.CreateClient();
        var emulator = desk.Services.GetRequiredService<DeskEmulator>().Emulator;

        var forged = await PostAsync(client, SignedWithThePublicKey("forged-1"));
        var casesAfterForgery = await desk.DbAsync(db => db.Cases.CountAsync());
        // The emulator itself (the simulator page) signs with the random keys this instance was given.
        emulator.AddFollower(DeskEmulator.OaIdFor("CATP-TRAVINH"), Citizen, "Nguyễn Văn An");
        var genuine = await emulator.PostWebhookAsync(client, new Uri("/zalo/webhook", UriKind.Relative),
            emulator.Events.UserSendText(DeskEmulator.OaIdFor("CATP-TRAVINH"), Citizen, "Có vụ trộm xe"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(0, casesAfterForgery);
        Assert.NotEqual(new ZaloOA.Sdk.Testing.ZaloEmulatorOptions().OaSecretKey, emulator.OaSecretKey);
        Assert.Equal(HttpStatusCode.OK, genuine);
        Assert.Equal(1, await desk.DbAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public void Production_with_the_emulators_public_key_as_the_Zalo_app_key_refuses_to_start()
    {
        using var desk = new ProductionDeskFactory(_state, emulator: null, new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:SecretKey"] = ZaloTestHost.SecretKey,
            ["Zalo:OaSecretKey"] = new ZaloOA.Sdk.Testing.ZaloEmulatorOptions().OaSecretKey,
        });

        var error = StartupError(desk);

        Assert.Contains("public key", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>
/// The desk in Production as an operator might start it, choosing the Zalo mode only through
/// <c>Zalo:Emulator:Enabled</c> (<paramref name="emulator"/>: null leaves it unset) and
/// <paramref name="settings"/>. SQLite in the test's temp folder, workers off, system clock.
/// </summary>
internal sealed class ProductionDeskFactory(DeskState state, bool? emulator, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public async Task<T> DbAsync<T>(Func<DeskDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<DeskDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(state.Root, "desk.db")}",
            ["Desk:MediaPath"] = Path.Combine(state.Root, "media"),
            ["Desk:Workers:Enabled"] = "false",
            ["Zalo:AppId"] = "",
            ["Zalo:Emulator:Enabled"] = emulator?.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        // Host settings: Program.cs reads the Zalo keys while it registers services.
        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1000));
    }
}
