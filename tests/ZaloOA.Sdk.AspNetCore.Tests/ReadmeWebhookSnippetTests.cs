using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>The README's "Webhooks" snippet, compiled and run against WireMock standing in for
/// Zalo: the handler's real <c>Messages.SendTextAsync</c> call is asserted on the wire. Keep the
/// snippet (between the markers) and <see cref="ReplyHandler"/> in sync with README.md.</summary>
public class ReadmeWebhookSnippetTests
{
    [Fact]
    public async Task The_readme_webhook_app_receives_a_text_and_replies_through_the_sdk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var zalo = WireMockServer.Start();
        zalo.Given(Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"message_id":"reply-1","user_id":"2468458835296197922"}}"""));

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:SecretKey"] = ZaloTestHost.SecretKey,
            ["Zalo:OaSecretKey"] = ZaloTestHost.OaSecretKey,
            ["Zalo:ApiBaseUrl"] = zalo.Url + "/",
            ["Zalo:OAuthBaseUrl"] = zalo.Url + "/",
        });

        // --- README: Webhooks (app.Run() replaced by StartAsync) ---
        builder.Services.AddZaloOA(builder.Configuration.GetSection("Zalo"))
            .AddWebhookReceiver()                                   // verify, de-duplicate, queue
            .AddWebhookHandler<UserSendTextEvent, ReplyHandler>();
        var app = builder.Build();
        app.MapZaloWebhook("/zalo/webhook");                        // the URL set in developers.zalo.me
        // --- end ---

        // The OA was authorised earlier: its tokens are in the store.
        var now = TimeProvider.System.GetUtcNow();
        await app.Services.GetRequiredService<IZaloTokenStore>().TrySaveAsync(
            ZaloTestHost.OaId,
            new ZaloTokenSet { AccessToken = "access-1", RefreshToken = "refresh-1", AccessTokenExpiresAt = now.AddHours(25), IssuedAt = now, Version = 1 },
            expectedVersion: null,
            ct);
        await app.StartAsync(ct);

        // Delivered as Zalo would now: stamped with the current time (inside the timestamp window).
        var body = WebhookSigner.StampedAt(Fixtures.Bytes("Webhooks", "user_send_text"), now);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("X-ZEvent-Signature", WebhookSigner.Sign(body));
        var response = await app.GetTestClient().SendAsync(request, ct);
        var sent = await zalo.WaitForRequestsAsync("/v3.0/oa/message/cs", 1, ct);
        await app.StopAsync(ct);
        await app.DisposeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(sent).RequestMessage;
        Assert.Equal("POST", reply.Method);
        Assert.Equal("access-1", reply.Headers!["access_token"][0]);
        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Đã nhận: Xin chào"}}""",
            reply.Body);
    }

    // --- README: Webhooks (the handler) ---
    sealed class ReplyHandler(IZaloOAClientFactory clients) : IZaloWebhookHandler<UserSendTextEvent>
    {
        public Task HandleAsync(UserSendTextEvent e, CancellationToken ct) =>
            clients.GetClient(e.OaId).Messages.SendTextAsync(e.UserId, "Đã nhận: " + e.Text, ct);
    }
    // --- end ---
}
