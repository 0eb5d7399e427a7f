using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Testing;

namespace ZaloOA.Sdk.Testing.Tests;

// --- README: the end-to-end test ---
public class BotTests
{
    private const string OaId = "388613280878808645";
    private const string UserId = "2468458835296197922";

    [Fact]
    public async Task The_bot_answers_a_citizens_text()
    {
        var ct = TestContext.Current.CancellationToken;

        // Zalo, emulated in process: the OA and a citizen who follows it.
        await using var zalo = await ZaloEmulator.StartAsync(cancellationToken: ct);
        zalo.AddOfficialAccount(OaId, "Công an phường Bến Nghé");
        zalo.AddFollower(OaId, UserId, "Nguyễn Văn An");

        // The bot, in process, its SDK talking to the emulator.
        await using var bot = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            web.ConfigureServices(services => services.Configure<ZaloOAOptions>(zalo.ConfigureSdk)));
        using var http = bot.CreateClient();

        // The OA is connected: tokens the emulator issued, in the bot's token store.
        await bot.Services.GetRequiredService<IZaloTokenManager>()
            .SaveAuthorizationAsync(OaId, zalo.IssueTokens(OaId).ToTokenResponse(), ct);

        // The citizen writes: Zalo's signed webhook, posted to the bot's endpoint.
        var status = await zalo.PostWebhookAsync(
            http, new Uri("/zalo/webhook", UriKind.Relative), zalo.Events.UserSendText(OaId, UserId, "Xin chào"), ct);

        // The bot answered through Zalo's Open API.
        var reply = await zalo.WaitForMessageAsync(m => m.UserId == UserId, TimeSpan.FromSeconds(10), ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Đã nhận: Xin chào", reply.Text);
    }
}
// --- end ---
