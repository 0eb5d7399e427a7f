using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Articles;
using ZaloOA.Sdk.Broadcast;
using ZaloOA.Sdk.DependencyInjection;
using ZaloOA.Sdk.Menus;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Menus;

/// <summary>Copies of the "Articles" snippet (docs/articles.md) and the root README's "Menus" snippet, compiled and run.
/// Keep them in sync with those pages.</summary>
public class ReadmeSnippetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Articles_snippet_creates_waits_and_broadcasts()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/v2.0/article/create").UsingPost()).RespondWith(Response.Create().WithBody("""{"error":0,"data":{"token":"t"}}"""));
        host.Server.Given(Request.Create().WithPath("/v2.0/article/verify").UsingPost()).RespondWith(Response.Create().WithBody("""{"error":0,"data":{"id":"art-1"}}"""));
        host.Server.Given(Request.Create().WithPath("/v2.0/oa/message").UsingPost()).RespondWith(Response.Create().WithBody("""{"error":0,"data":{"message_id":"b"}}"""));
        var oa = host.Client;

#pragma warning disable xUnit1051 // the README snippet is copied verbatim
        // --- README: Articles ---
        var article = new NormalArticle
        {
            Title = "Thông báo lịch tiếp công dân tháng 12",          // 1–149 characters (see below)
            Author = "Công an phường Bến Nghé",                       // ≤ 50
            Description = "Lịch tiếp công dân và các thủ tục cần chuẩn bị", // ≤ 299
            Cover = ArticleCover.Photo("https://cdn.example.vn/ảnh bìa.jpg"), // encoded for you
            Body =
            [
                ArticleBlock.Text("<p>Kính gửi bà con...</p>"),
                ArticleBlock.Image("https://cdn.example.vn/lich.jpg", "Lịch tiếp dân"),
            ],
        };

        // Create, then poll verify with bounded exponential backoff (8 attempts / 3 minutes by default).
        ArticlePublishResult published = await oa.Articles.CreateAndWaitAsync(article);
        switch (published.Status)
        {
            case ArticlePublishStatus.Published:
                await oa.Broadcast.SendArticlesAsync(new BroadcastRequest
                {
                    ArticleIds = [published.Id!],                       // up to 5 articles
                    Target = new BroadcastTarget { Cities = [BroadcastCity.HoChiMinh] },
                });
                break;
            case ArticlePublishStatus.StillProcessing:
                // Keep published.Token and call oa.Articles.WaitForArticleIdAsync(token) later.
                break;
            case ArticlePublishStatus.Failed:
                Console.WriteLine($"Zalo refused the article: {published.ErrorCode} {published.ErrorMessage}");
                break;
        }

        // --- end ---
#pragma warning restore xUnit1051
        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"target":{"cities":"4"}},"message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"article","attachment_id":"art-1"}]}}}}""",
            host.Server.SingleRequestTo("/v2.0/oa/message").Body);
    }

    private static void ConfigureMenu(IServiceCollection services, IConfiguration configuration)
    {
        // --- README: The three-button menu ---
        IReadOnlyList<ZaloButton> mainMenu =
        [
            new("Tin tức", ZaloAction.QueryShow("#tintuc")),
            new("Thủ tục hành chính", ZaloAction.QueryShow("#thutuc")),
            new("Liên hệ", ZaloAction.QueryShow("#lienhe")),
        ];

        services.AddZaloOA(configuration).AddMenuRouter(router => router
            .Map("#tintuc", async (ctx, ct) =>
            {
                var latest = await ctx.Client.Articles.GetSliceAsync(ArticleType.Normal, 0, 5, ct);
                var rows = latest.Medias
                    .Where(a => a.Link is not null)
                    .Select(a => new ZaloListElement(a.Title ?? "Tin tức", a.Title, DefaultAction: ZaloAction.OpenUrl(a.Link!)))
                    .ToList();
                if (rows.Count > 0)
                {
                    await ctx.Client.Messages.SendListAsync(ctx.UserId, rows, cancellationToken: ct);
                }
            })
            .Map("#thutuc", (ctx, ct) => ctx.Client.Messages.SendButtonsAsync(
                ctx.UserId,
                "Tra cứu thủ tục hành chính trên Cổng dịch vụ công quốc gia.",
                [new("Mở Cổng dịch vụ công", ZaloAction.OpenUrl("https://dichvucong.gov.vn"))],
                ct))
            .Map("#lienhe", (ctx, ct) => ctx.Client.Messages.SendButtonsAsync(
                ctx.UserId, "Liên hệ trực ban công an phường.", [new("Gọi 113", ZaloAction.OpenPhone("113"))], ct))
            .MapKeywords(["menu", "xin chào"], (ctx, ct) => ctx.Client.Messages.SendButtonsAsync(
                ctx.UserId, "Công an phường xin chào. Bạn cần gì?", mainMenu, ct)));

        // --- end ---
    }

    [Theory]
    [InlineData("#tintuc", "\"template_type\":\"list\"")]
    [InlineData("#Thủ Tục", "dichvucong.gov.vn")]
    [InlineData("#lienhe", "\"phone_code\":\"113\"")]
    [InlineData("Xin chào", "#thutuc")]
    public async Task Menu_snippet_routes_each_item_to_its_reply(string text, string expectedInReply)
    {
        await using var host = new ZaloTestHost(configureServices: s => ConfigureMenu(s, new ConfigurationBuilder().Build()));
        host.Server.Given(Request.Create().WithPath("/v2.0/article/getslice").UsingGet())
            .RespondWith(Response.Create().WithBody("""{"error":0,"data":{"medias":[{"id":"a-1","title":"Tin 1","link":"https://zalo.me/a-1"}],"total":1}}"""));
        host.Server.Given(Request.Create().WithPath("/v3.0/oa/message/cs").UsingPost())
            .RespondWith(Response.Create().WithBody("""{"error":0,"data":{"message_id":"m"}}"""));
        var router = host.Services.GetRequiredService<IZaloMenuRouter>();

        Assert.True(await router.TryRouteAsync(new ZaloMenuQuery(ZaloTestHost.OaId, "2468458835296197922", text, "msg-1"), Ct));

        var reply = host.Server.SingleRequestTo("/v3.0/oa/message/cs").Body!;
        Assert.Contains(expectedInReply, System.Text.RegularExpressions.Regex.Unescape(reply), StringComparison.Ordinal);
    }
}
