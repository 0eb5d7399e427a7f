using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Articles;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Articles;

public class ArticlesClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static NormalArticle News() => new()
    {
        Title = "Thông báo tuyển quân 2026",
        Author = "Công an phường Bến Nghé",
        Description = "Lịch khám sức khoẻ nghĩa vụ quân sự",
        Cover = ArticleCover.Photo("https://cdn.example.vn/ảnh bìa.jpg"),
        Body =
        [
            ArticleBlock.Text("<p>Nội dung</p>"),
            ArticleBlock.Image("https://cdn.example.vn/a.jpg", "Ảnh"),
            ArticleBlock.VideoFromUrl("https://www.youtube.com/watch?v=abc", "https://cdn.example.vn/t.jpg"),
            ArticleBlock.VideoFromId("vid-1", "https://cdn.example.vn/t2.jpg"),
            ArticleBlock.Product("p-1"),
        ],
        RelatedArticleIds = ["a-1", "a-2"],
        TrackingLink = "https://example.vn/track?src=zalo",
        Comment = ArticleVisibility.Hide,
    };

    /// <summary>A host whose HTTP timeouts are far beyond what a polling test advances the fake
    /// clock by while a call is in flight (the resilience pipeline reads the same fake clock).</summary>
    private static ZaloTestHost PollingHost() => new(o =>
    {
        o.AttemptTimeout = TimeSpan.FromMinutes(10);
        o.TotalTimeout = TimeSpan.FromMinutes(30);
    });

    private static void Respond(ZaloTestHost host, string path, string body, string method = "POST") =>
        host.Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body));

    [Fact]
    public async Task Create_normal_article_posts_exact_json_and_returns_the_token()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/create", """{"error":0,"message":"Success","data":{"token":"tok-1"}}""");

        var token = await host.Client.Articles.CreateAsync(News(), Ct);

        Assert.Equal("tok-1", token);
        var request = host.Server.SingleRequestTo("/v2.0/article/create");
        Assert.Equal("POST", request.Method);
        Assert.Equal(ZaloTestHost.AccessToken, request.Headers!["access_token"][0]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"][0], StringComparison.Ordinal);
        WireMockExtensions.AssertJsonEqual(Fixtures.Text("Articles", "create-normal-request"), request.Body);
    }

    [Fact]
    public async Task Create_normal_article_with_video_cover_writes_cover_view()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/create", """{"error":0,"message":"Success","data":{"token":"tok-1"}}""");
        var article = new NormalArticle
        {
            Title = "T",
            Author = "A",
            Description = "D",
            Cover = ArticleCover.Video("vid-9", ArticleCoverView.Square, ArticleVisibility.Hide),
            Body = [ArticleBlock.Text("x")],
            Status = ArticleVisibility.Hide,
        };

        await host.Client.Articles.CreateAsync(article, Ct);

        WireMockExtensions.AssertJsonEqual(
            """{"type":"normal","title":"T","author":"A","description":"D","cover":{"cover_type":"video","video_id":"vid-9","cover_view":"square","status":"hide"},"body":[{"type":"text","content":"x"}],"status":"hide","comment":"show"}""",
            host.Server.SingleRequestTo("/v2.0/article/create").Body);
    }

    [Fact]
    public async Task Create_video_article_posts_exact_json()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/create", """{"error":0,"message":"Success","data":{"token":"tok-v"}}""");
        var article = new VideoArticle { Title = "Clip", Description = "Mô tả", VideoId = "vid-1", Avatar = "https://cdn.example.vn/poster.jpg" };

        var token = await host.Client.Articles.CreateAsync(article, Ct);

        Assert.Equal("tok-v", token);
        WireMockExtensions.AssertJsonEqual(
            """{"type":"video","title":"Clip","description":"Mô tả","video_id":"vid-1","avatar":"https://cdn.example.vn/poster.jpg","status":"show","comment":"show"}""",
            host.Server.SingleRequestTo("/v2.0/article/create").Body);
    }

    [Fact]
    public async Task Verify_posts_the_token_and_returns_published_with_the_id()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/verify", """{"error":0,"message":"Success","data":{"id":"art-1"}}""");

        var result = await host.Client.Articles.VerifyAsync("tok-1", Ct);

        Assert.Equal(ArticlePublishStatus.Published, result.Status);
        Assert.Equal("art-1", result.Id);
        Assert.Equal("tok-1", result.Token);
        Assert.Equal(1, result.Attempts);
        Assert.Null(result.Error);
        WireMockExtensions.AssertJsonEqual("""{"token":"tok-1"}""", host.Server.SingleRequestTo("/v2.0/article/verify").Body);
    }

    [Fact]
    public async Task Verify_with_minus_214_is_still_processing()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/verify", """{"error":-214,"message":"Article is being processed"}""");

        var result = await host.Client.Articles.VerifyAsync("tok-1", Ct);

        Assert.Equal(ArticlePublishStatus.StillProcessing, result.Status);
        Assert.Null(result.Id);
        Assert.Equal(ZaloErrorCode.ArticleProcessing, result.ErrorCode);
    }

    [Fact]
    public async Task Verify_with_success_but_no_id_is_still_processing()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/verify", """{"error":0,"message":"Media is being processed","data":{}}""");

        var result = await host.Client.Articles.VerifyAsync("tok-1", Ct);

        Assert.Equal(ArticlePublishStatus.StillProcessing, result.Status);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task Verify_with_minus_201_is_failed_with_zalos_message()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/verify", """{"error":-201,"message":"cover value is invalid"}""");

        var result = await host.Client.Articles.VerifyAsync("tok-1", Ct);

        Assert.Equal(ArticlePublishStatus.Failed, result.Status);
        Assert.Equal(ZaloErrorCode.InvalidParameter, result.ErrorCode);
        Assert.Equal("cover value is invalid", result.ErrorMessage);
    }

    [Fact]
    public async Task Wait_polls_through_processing_until_the_id_is_known()
    {
        await using var host = PollingHost();
        host.Server.Given(Request.Create().WithPath("/v2.0/article/verify").UsingPost()).InScenario("verify").WillSetStateTo("second")
            .RespondWith(Response.Create().WithBody("""{"error":-214,"message":"Article is being processed"}"""));
        host.Server.Given(Request.Create().WithPath("/v2.0/article/verify").UsingPost()).InScenario("verify").WhenStateIs("second").WillSetStateTo("third")
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Media is being processed","data":{}}"""));
        host.Server.Given(Request.Create().WithPath("/v2.0/article/verify").UsingPost()).InScenario("verify").WhenStateIs("third")
            .RespondWith(Response.Create().WithBody("""{"error":0,"message":"Success","data":{"id":"art-7"}}"""));

        var result = await host.Time.RunUntilCompleteAsync(
            host.Client.Articles.WaitForArticleIdAsync("tok-1", new ArticlePublishWaitOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxTotalWait = TimeSpan.FromDays(1) }, Ct),
            TimeSpan.FromMilliseconds(100));

        Assert.Equal(ArticlePublishStatus.Published, result.Status);
        Assert.Equal("art-7", result.Id);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, host.Server.RequestsTo("/v2.0/article/verify").Count);
    }

    [Fact]
    public async Task Wait_gives_up_after_max_attempts_and_returns_still_processing()
    {
        await using var host = PollingHost();
        Respond(host, "/v2.0/article/verify", """{"error":-214,"message":"Article is being processed"}""");

        var result = await host.Time.RunUntilCompleteAsync(
            host.Client.Articles.WaitForArticleIdAsync("tok-1", new ArticlePublishWaitOptions { MaxAttempts = 4, InitialDelay = TimeSpan.FromSeconds(1), MaxTotalWait = TimeSpan.FromDays(1) }, Ct),
            TimeSpan.FromMilliseconds(100));

        Assert.Equal(ArticlePublishStatus.StillProcessing, result.Status);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(4, host.Server.RequestsTo("/v2.0/article/verify").Count);
        Assert.Equal("tok-1", result.Token);
    }

    [Fact]
    public async Task Wait_gives_up_when_the_next_wait_would_pass_the_total_budget()
    {
        await using var host = PollingHost();
        Respond(host, "/v2.0/article/verify", """{"error":-214,"message":"Article is being processed"}""");

        // 1 s, 2 s, 4 s... with a 5 s budget: at most 1 + 2 s of waiting fit, so at most 3 verifies.
        var result = await host.Time.RunUntilCompleteAsync(
            host.Client.Articles.WaitForArticleIdAsync("tok-1", new ArticlePublishWaitOptions { MaxAttempts = 1000, InitialDelay = TimeSpan.FromSeconds(1), MaxTotalWait = TimeSpan.FromSeconds(5) }, Ct),
            TimeSpan.FromMilliseconds(100));

        Assert.Equal(ArticlePublishStatus.StillProcessing, result.Status);
        Assert.InRange(result.Attempts, 1, 3);
    }

    [Fact]
    public async Task Wait_stops_at_a_failure_without_further_polls()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/verify", """{"error":-201,"message":"photo_url https://x/ a.jpg is invalid"}""");

        var result = await host.Client.Articles.WaitForArticleIdAsync("tok-1", cancellationToken: Ct);

        Assert.Equal(ArticlePublishStatus.Failed, result.Status);
        Assert.Equal("photo_url https://x/ a.jpg is invalid", result.ErrorMessage);
        Assert.Single(host.Server.RequestsTo("/v2.0/article/verify"));
    }

    [Fact]
    public async Task Wait_honours_cancellation_while_waiting()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/verify", """{"error":-214,"message":"Article is being processed"}""");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var wait = host.Client.Articles.WaitForArticleIdAsync("tok-1", new ArticlePublishWaitOptions { MaxTotalWait = TimeSpan.FromDays(1) }, cts.Token);
        while (host.Server.RequestsTo("/v2.0/article/verify").Count == 0)
        {
            await Task.Delay(5, Ct);
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Create_and_wait_creates_then_verifies_the_returned_token()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/create", """{"error":0,"message":"Success","data":{"token":"tok-9"}}""");
        Respond(host, "/v2.0/article/verify", """{"error":0,"message":"Success","data":{"id":"art-9"}}""");

        var result = await host.Client.Articles.CreateAndWaitAsync(News(), cancellationToken: Ct);

        Assert.Equal("art-9", result.Id);
        WireMockExtensions.AssertJsonEqual("""{"token":"tok-9"}""", host.Server.SingleRequestTo("/v2.0/article/verify").Body);
    }

    [Fact]
    public async Task Update_posts_the_create_body_with_the_id()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/update", """{"error":0,"message":"Success","data":{"token":"tok-u"}}""");
        var article = new VideoArticle { Title = "Clip", Description = "D", VideoId = "vid-1", Avatar = "https://cdn.example.vn/p.jpg" };

        var token = await host.Client.Articles.UpdateAsync("art-1", article, Ct);

        Assert.Equal("tok-u", token);
        WireMockExtensions.AssertJsonEqual(
            """{"id":"art-1","type":"video","title":"Clip","description":"D","video_id":"vid-1","avatar":"https://cdn.example.vn/p.jpg","status":"show","comment":"show"}""",
            host.Server.SingleRequestTo("/v2.0/article/update").Body);
    }

    [Fact]
    public async Task Hide_updates_with_status_hide_and_show_with_status_show()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/update", """{"error":0,"message":"Success"}""");
        var article = new VideoArticle { Title = "Clip", Description = "D", VideoId = "vid-1", Avatar = "https://cdn.example.vn/p.jpg" };

        var token = await host.Client.Articles.HideAsync("art-1", article, Ct);
        await host.Client.Articles.ShowAsync("art-1", article, Ct);

        Assert.Null(token);
        var requests = host.Server.RequestsTo("/v2.0/article/update");
        Assert.Contains("\"status\":\"hide\"", requests[0].RequestMessage.Body, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"show\"", requests[1].RequestMessage.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_posts_the_id()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/remove", """{"error":0,"message":"Success"}""");

        await host.Client.Articles.RemoveAsync("art-1", Ct);

        WireMockExtensions.AssertJsonEqual("""{"id":"art-1"}""", host.Server.SingleRequestTo("/v2.0/article/remove").Body);
    }

    [Fact]
    public async Task Get_slice_sends_offset_limit_and_type_and_reads_medias_and_total()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/getslice", Fixtures.Text("Articles", "getslice-response"), "GET");

        var slice = await host.Client.Articles.GetSliceAsync(ArticleType.Video, offset: 20, limit: 5, Ct);

        var request = host.Server.SingleRequestTo("/v2.0/article/getslice");
        Assert.Equal("GET", request.Method);
        Assert.Equal("20", request.Query!["offset"][0]);
        Assert.Equal("5", request.Query["limit"][0]);
        Assert.Equal("video", request.Query["type"][0]);
        Assert.Equal(2, slice.Total);
        Assert.Equal(["a-1", "a-2"], slice.Medias.Select(m => m.Id));
        Assert.Equal("https://zalo.me/a-1", slice.Medias[0].Link);
        Assert.Equal(12, slice.Medias[0].AdditionalProperties!["total_view"].GetInt32());
    }

    [Fact]
    public async Task List_pages_through_getslice_until_a_short_page()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(Request.Create().WithPath("/v2.0/article/getslice").WithParam("offset", "0").UsingGet())
            .RespondWith(Response.Create().WithBody("""{"error":0,"data":{"medias":[{"id":"1"},{"id":"2"}],"total":3}}"""));
        host.Server.Given(Request.Create().WithPath("/v2.0/article/getslice").WithParam("offset", "2").UsingGet())
            .RespondWith(Response.Create().WithBody("""{"error":0,"data":{"medias":[{"id":"3"}],"total":3}}"""));

        var ids = new List<string>();
        await foreach (var article in host.Client.Articles.ListAsync(ArticleType.Normal, pageSize: 2, Ct))
        {
            ids.Add(article.Id);
        }

        Assert.Equal(["1", "2", "3"], ids);
        Assert.Equal(2, host.Server.RequestsTo("/v2.0/article/getslice").Count);
        Assert.All(host.Server.RequestsTo("/v2.0/article/getslice"), e => Assert.Equal("normal", e.RequestMessage.Query!["type"][0]));
    }

    [Fact]
    public async Task Get_detail_sends_the_id_and_reads_the_article()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/getdetail", Fixtures.Text("Articles", "getdetail-response"), "GET");

        var detail = await host.Client.Articles.GetDetailAsync("a-1", Ct);

        Assert.Equal("a-1", host.Server.SingleRequestTo("/v2.0/article/getdetail").Query!["id"][0]);
        Assert.Equal("Tin 1", detail.Title);
        Assert.Equal("Công an", detail.Author);
        Assert.Equal("show", detail.Comment);
        Assert.Equal("photo", detail.Cover!.Value.GetProperty("cover_type").GetString());
    }

    [Fact]
    public async Task Prepare_video_uploads_multipart_field_file_and_returns_the_token()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/upload_video/preparevideo", """{"error":0,"message":"Success","data":{"token":"vtok"}}""");

        var token = await host.Client.Articles.PrepareVideoAsync(new byte[] { 1, 2, 3 }, "clip.mp4", Ct);

        Assert.Equal("vtok", token);
        var request = host.Server.SingleRequestTo("/v2.0/article/upload_video/preparevideo");
        Assert.StartsWith("multipart/form-data", request.Headers!["Content-Type"][0], StringComparison.Ordinal);
        var body = Encoding.UTF8.GetString(request.BodyAsBytes!);
        Assert.Contains("name=file; filename=clip.mp4", body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: video/mp4", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_video_sends_the_token_as_query_and_header_and_reads_the_status()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/upload_video/verify", """{"error":0,"message":"Success","data":{"video_id":"vid-1","status":"3","convert_percent":40,"status_message":"Converting"}}""", "GET");

        var status = await host.Client.Articles.VerifyVideoAsync("v tok", Ct);

        var request = host.Server.SingleRequestTo("/v2.0/article/upload_video/verify");
        Assert.Equal("v tok", request.Query!["token"][0]);
        Assert.Equal("v tok", request.Headers!["token"][0]);
        Assert.Equal(ArticleVideoState.Converting, status.Status);
        Assert.Equal("vid-1", status.VideoId);
        Assert.Equal(40, status.ConvertPercent);
        Assert.Equal("Converting", status.StatusMessage);
    }

    [Fact]
    public async Task Verify_video_keeps_unknown_state_codes()
    {
        await using var host = new ZaloTestHost();
        Respond(host, "/v2.0/article/upload_video/verify", """{"error":0,"data":{"status":9}}""", "GET");

        var status = await host.Client.Articles.VerifyVideoAsync("t", Ct);

        Assert.Equal(9, status.Status.Value);
        Assert.Equal("9", status.Status.ToString());
    }
}
