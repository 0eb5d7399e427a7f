using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.AspNetCore.Webhooks;
using ZaloOA.Sdk.Authentication;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Testing.Tests.SimulatorSample;

// A minimal bot as an SDK user writes it, with its end-to-end set-up to copy: the emulator
// stands in for Zalo, the app receives Zalo's signed webhooks on /zalo/webhook and answers
// through the SDK, and the chat simulator is mounted at /simulator for a browser (or a test) to
// act as a Zalo user. Kestrel on a loopback port, so the emulator can post to it and a browser
// can open it.
public sealed class ChatBotApp : IAsyncDisposable
{
    public const string OaId = "388613280878808645";
    public const string OaName = "Công an phường Bến Nghé";

    private ChatBotApp(WebApplication app, ZaloEmulator emulator, BotInbox inbox, Uri baseUrl, string articleLink)
    {
        App = app;
        Emulator = emulator;
        Inbox = inbox;
        BaseUrl = baseUrl;
        ArticleLink = articleLink;
        Http = new HttpClient { BaseAddress = baseUrl };
    }

    public WebApplication App { get; }

    public ZaloEmulator Emulator { get; }

    /// <summary>Every webhook event the app received, in order.</summary>
    public BotInbox Inbox { get; }

    /// <summary>The app's address (ends with '/').</summary>
    public Uri BaseUrl { get; }

    /// <summary>The published article's link, as getdetail answers it.</summary>
    public string ArticleLink { get; }

    public HttpClient Http { get; }

    public static async Task<ChatBotApp> StartAsync(Action<ZaloEmulatorOptions>? emulatorOptions = null)
    {
        var options = new ZaloEmulatorOptions();
        emulatorOptions?.Invoke(options);
        var emulator = await ZaloEmulator.StartAsync(options, TestContext.Current.CancellationToken);
        emulator.AddOfficialAccount(OaId, OaName);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var inbox = new BotInbox();
        builder.Services.AddSingleton(inbox);
        var news = new BotNews();
        builder.Services.AddSingleton(news);
        builder.Services.AddSingleton(emulator);
        var zalo = builder.Services.AddZaloOA(emulator.ConfigureSdk);
        zalo.AddWebhookReceiver(o => o.DispatchMode = ZaloWebhookDispatchMode.Inline);
        zalo.AddWebhookHandler<ZaloWebhookEvent, ChatBot>();

        var app = builder.Build();

        // A strict Content-Security-Policy, as a production app (and the police desk) sends: the
        // simulator needs nothing more than its own origin.
        app.Use((context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Csp;
            return next(context);
        });
        app.MapZaloWebhook("/zalo/webhook");
        app.MapZaloChatSimulator("/simulator");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var baseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        emulator.WebhookUrl = new Uri(baseUrl, "zalo/webhook");

        // As if the OA had granted consent: the SDK holds its tokens.
        var tokens = app.Services.GetRequiredService<IZaloTokenManager>();
        await tokens.SaveAuthorizationAsync(OaId, emulator.IssueTokens(OaId).ToTokenResponse(), TestContext.Current.CancellationToken);

        // One published article for "#tintuc".
        var client = app.Services.GetRequiredService<IZaloOAClientFactory>().GetClient(OaId);
        var published = await client.Articles.CreateAndWaitAsync(new NormalArticle
        {
            Title = "Cảnh báo lừa đảo <qua điện thoại>",
            Description = "Không cung cấp mã OTP cho bất kỳ ai.",
            Author = "Công an phường",
            Cover = ArticleCover.Photo(emulator.AddMedia(Png, "image/png", "png").AbsoluteUri),
            Body = [ArticleBlock.Text("<p>Kẻ gian giả danh công an gọi điện.</p><p>Hãy gọi 113.</p>")],
        }, cancellationToken: TestContext.Current.CancellationToken);
        var detail = await client.Articles.GetDetailAsync(published.Id!, TestContext.Current.CancellationToken);
        news.ArticleLink = detail.Link!;
        return new ChatBotApp(app, emulator, inbox, baseUrl, detail.Link!);
    }

    public const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>The link of the article the bot offers.</summary>
public sealed class BotNews
{
    public string ArticleLink { get; set; } = string.Empty;
}

/// <summary>What the app received, for the tests to wait on.</summary>
public sealed class BotInbox
{
    private readonly ConcurrentQueue<ZaloWebhookEvent> _events = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<ZaloWebhookEvent> Events => [.. _events];

    public void Add(ZaloWebhookEvent e)
    {
        _events.Enqueue(e);
        _arrived.Release();
    }

    /// <summary>Waits until an event matching <paramref name="match"/> has arrived (hang guard, not a timing assertion).</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null)
        where T : ZaloWebhookEvent
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true) is { } found)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"No {typeof(T).Name} arrived; received: {string.Join(", ", _events.Select(e => e.EventName.Value))}.");
            await _arrived.WaitAsync(left, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>
/// The bot: "#tintuc" answers the latest article as a list, "#lienhe" a contact text with line
/// breaks and a call button, "#hoso" a request for the user's information, anything else the
/// greeting with the menu buttons.
/// </summary>
public sealed class ChatBot(BotInbox inbox, BotNews news, IZaloOAClientFactory clients) : IZaloWebhookHandler<ZaloWebhookEvent>
{
    public const string Greeting = "Xin chào!\nCông an phường Bến Nghé có thể giúp gì?";
    public const string Contact = "Trực ban: 028 3829 7000\nĐịa chỉ: Số 1 Lê Duẩn\nKhẩn cấp: 113";

    public async Task HandleAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        inbox.Add(webhookEvent);
        if (webhookEvent is not UserSendTextEvent { Text: { } text } message || message.OaId is not { } oaId || message.UserId is not { } userId)
        {
            return;
        }

        var messages = clients.GetClient(oaId).Messages;
        switch (text.Trim())
        {
            case "#tintuc":
                await messages.SendListAsync(
                    userId,
                    [new ZaloListElement("Cảnh báo lừa đảo <qua điện thoại>", "Không cung cấp mã OTP cho bất kỳ ai.", null, ZaloAction.OpenUrl(news.ArticleLink))],
                    [new ZaloButton("Xem thêm", ZaloAction.QueryShow("#tintuc"))],
                    cancellationToken);
                break;
            case "#lienhe":
                await messages.SendButtonsAsync(userId, Contact, [new ZaloButton("Gọi trực ban", ZaloAction.OpenPhone("842838297000"))], cancellationToken);
                break;
            case "#hoso":
                await messages.SendAsync(
                    new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(userId), Message = new ZaloRequestUserInfoMessage("Công an phường Bến Nghé", "Chia sẻ thông tin để nhận kết quả hồ sơ") },
                    cancellationToken);
                break;
            default:
                await messages.SendButtonsAsync(
                    userId,
                    Greeting,
                    [
                        new ZaloButton("Tin tức", ZaloAction.QueryShow("#tintuc")),
                        new ZaloButton("Liên hệ", ZaloAction.QueryHide("#lienhe")),
                        new ZaloButton("Hồ sơ", ZaloAction.QueryHide("#hoso")),
                    ],
                    cancellationToken);
                break;
        }
    }
}
