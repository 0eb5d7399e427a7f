using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>The README's "Webhooks" snippet, compiled and run. The README's handler calls
/// <c>Messages.SendTextAsync</c>; until that exists on this branch the copy here records the reply.</summary>
public class ReadmeWebhookSnippetTests
{
    [Fact]
    public async Task The_readme_webhook_app_receives_a_text_and_replies()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Zalo:AppId"] = ZaloTestHost.AppId,
            ["Zalo:SecretKey"] = ZaloTestHost.SecretKey,
            ["Zalo:OaSecretKey"] = ZaloTestHost.OaSecretKey,
        });
        builder.Services.AddSingleton<List<string>>();

        // --- README snippet (minus the SendTextAsync call) ---
        builder.Services.AddZaloOA(builder.Configuration.GetSection("Zalo"))
            .AddWebhookReceiver()
            .AddWebhookHandler<UserSendTextEvent, ReplyHandler>();
        var app = builder.Build();
        app.MapZaloWebhook("/zalo/webhook");
        await app.StartAsync(TestContext.Current.CancellationToken);
        // --- end ---

        var body = Fixtures.Bytes("Webhooks", "user_send_text");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/zalo/webhook") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("X-ZEvent-Signature", WebhookSigner.Sign(body));
        var response = await app.GetTestClient().SendAsync(request, TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["388613280878808645 → 2468458835296197922: Đã nhận: Xin chào"], app.Services.GetRequiredService<List<string>>());
        await app.DisposeAsync();
    }

    private sealed class ReplyHandler(List<string> replies) : IZaloWebhookHandler<UserSendTextEvent>
    {
        public Task HandleAsync(UserSendTextEvent e, CancellationToken ct)
        {
            // README: clients.GetClient(e.OaId!).Messages.SendTextAsync(e.UserId!, "Đã nhận: " + e.Text, ct);
            lock (replies)
            {
                replies.Add($"{e.OaId} → {e.UserId}: Đã nhận: {e.Text}");
            }

            return Task.CompletedTask;
        }
    }
}
