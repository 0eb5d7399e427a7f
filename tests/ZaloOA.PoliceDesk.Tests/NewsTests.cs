using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.News;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>The news desk against the emulator: publishing (create → verify polling → id), a refused
/// publish keeping the draft, broadcast targeting, hide and remove, and access between units.</summary>
public sealed class NewsTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public NewsTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> UnitIdAsync(DeskFactory desk, string code) =>
        desk.DbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    /// <summary>Posts the compose form (handler Save or Publish), driving the fake clock so verify polling can wait.</summary>
    private Task<HttpResponseMessage> ComposeAsync(HttpClient client, string handler, string title = "Cảnh giác lừa đảo qua mạng", (byte[] Bytes, string Type)? cover = null) =>
        ComposeAsync(_desk, client, handler, title, cover);

    internal static async Task<HttpResponseMessage> ComposeAsync(DeskFactory desk, HttpClient client, string handler, string title = "Cảnh giác lừa đảo qua mạng", (byte[] Bytes, string Type)? cover = null)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/News/Edit");
        var form = new MultipartFormDataContent
        {
            { new StringContent((await UnitIdAsync(desk, "CATP-TRAVINH")).ToString(System.Globalization.CultureInfo.InvariantCulture)), "Draft.UnitId" },
            { new StringContent(title), "Draft.Title" },
            { new StringContent("Công an TP Trà Vinh"), "Draft.Author" },
            { new StringContent("Thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền."), "Draft.Description" },
            { new StringContent("Text"), "Draft.Blocks[0].Kind" },
            { new StringContent("Không chuyển tiền cho người lạ.\n\nGọi 113 khi nghi ngờ."), "Draft.Blocks[0].Content" },
            { new StringContent("Image"), "Draft.Blocks[1].Kind" },
            { new StringContent("https://tiepnhan.example.vn/canh-bao.jpg"), "Draft.Blocks[1].Url" },
            { new StringContent("Tờ rơi cảnh báo"), "Draft.Blocks[1].Caption" },
            { new StringContent("Video"), "Draft.Blocks[2].Kind" },
            { new StringContent("https://www.youtube.com/watch?v=abc123"), "Draft.Blocks[2].Url" },
            { new StringContent("https://tiepnhan.example.vn/video.jpg"), "Draft.Blocks[2].Thumb" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        if (cover is { } c)
        {
            var file = new ByteArrayContent(c.Bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(c.Type);
            form.Add(file, "CoverFile", "bia.png");
        }
        else
        {
            form.Add(new StringContent("https://tiepnhan.example.vn/bia.jpg"), "Draft.CoverUrl");
        }

        using (form)
        {
            return await desk.State.Time.RunUntilCompleteAsync(client.PostAsync($"/News/Edit?handler={handler}", form, Ct), TimeSpan.FromSeconds(1));
        }
    }

    private Task<HttpResponseMessage> ActAsync(HttpClient client, int id, string handler, Dictionary<string, string>? fields = null, IEnumerable<KeyValuePair<string, string>>? repeated = null) =>
        ActAsync(_desk, client, id, handler, fields, repeated);

    internal static async Task<HttpResponseMessage> ActAsync(DeskFactory desk, HttpClient client, int id, string handler, Dictionary<string, string>? fields = null, IEnumerable<KeyValuePair<string, string>>? repeated = null)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", await DeskFactory.AntiforgeryTokenAsync(client, $"/News/{id}")) };
        pairs.AddRange(fields ?? []);
        pairs.AddRange(repeated ?? []);
        using var form = new FormUrlEncodedContent(pairs);
        return await desk.State.Time.RunUntilCompleteAsync(client.PostAsync($"/News/{id}?handler={handler}", form, Ct), TimeSpan.FromSeconds(1));
    }

    private static int IdFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(HttpClient Client, int Id, NewsArticle Article)> PublishedAsync()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        using var response = await ComposeAsync(client, "Publish");
        var id = IdFrom(response);
        var article = await _desk.DbAsync(db => db.NewsArticles.SingleAsync(a => a.Id == id));
        Assert.Equal(NewsStatus.Published, article.Status);
        return (client, id, article);
    }

    [Fact]
    public async Task Publishing_from_the_desk_creates_the_article_polls_verify_and_keeps_the_article_id()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ComposeAsync(client, "Publish");

        var id = IdFrom(response);
        var created = Assert.Single(_desk.Zalo.Articles);
        Assert.Equal(DeskFactory.OaTpTraVinh, created.OaId);
        WireMockExtensions.AssertJsonEqual(
            """
            {"type":"normal","title":"Cảnh giác lừa đảo qua mạng","author":"Công an TP Trà Vinh","description":"Thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền.",
             "cover":{"cover_type":"photo","photo_url":"https://tiepnhan.example.vn/bia.jpg","status":"show"},
             "body":[{"type":"text","content":"<p>Không chuyển tiền cho người lạ.</p><p>Gọi 113 khi nghi ngờ.</p>"},
                     {"type":"image","url":"https://tiepnhan.example.vn/canh-bao.jpg","caption":"Tờ rơi cảnh báo"},
                     {"type":"video","url":"https://www.youtube.com/watch?v=abc123","thumb":"https://tiepnhan.example.vn/video.jpg"}],
             "status":"show","comment":"show"}
            """,
            created.RequestJson);
        // The emulator answers the first verify with -214 "being processed"; the desk polls again.
        Assert.Equal(2, _desk.Zalo.Server.LogEntries.Count(e => e.RequestMessage.Path == "/v2.0/article/verify"));
        var saved = await _desk.DbAsync(db => db.NewsArticles.SingleAsync(a => a.Id == id));
        Assert.Equal((NewsStatus.Published, created.Id, $"{_desk.Zalo.BaseUrl}article/{created.Id}", (string?)null), (saved.Status, saved.ZaloArticleId, saved.ZaloLink, saved.LastError));
        var page = await client.GetStringAsync($"/News/{id}", Ct);
        Assert.Contains("Đã đăng bài viết lên Zalo OA.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_publish_keeps_the_draft_and_shows_the_error_in_Vietnamese()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        _desk.Zalo.EnqueueError("/v2.0/article/create", -201, "cover value is invalid");

        using var response = await ComposeAsync(client, "Publish");

        var id = IdFrom(response);
        var page = await client.GetStringAsync($"/News/{id}", Ct);
        Assert.Contains("Zalo từ chối (mã -201): cover value is invalid", page, StringComparison.Ordinal);
        Assert.Contains("Bản nháp", page, StringComparison.Ordinal);
        var saved = await _desk.DbAsync(db => db.NewsArticles.Include(a => a.Blocks).SingleAsync(a => a.Id == id));
        Assert.Equal((NewsStatus.Draft, "Cảnh giác lừa đảo qua mạng", 3, (string?)null), (saved.Status, saved.Title, saved.Blocks.Count, saved.ZaloArticleId));
        Assert.Equal("Zalo từ chối (mã -201): cover value is invalid", saved.LastError);
        Assert.Empty(_desk.Zalo.Articles);
    }

    [Fact]
    public async Task A_draft_refused_for_length_by_the_SDK_is_kept_without_calling_Zalo()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ComposeAsync(client, "Publish", title: new string('A', 150));

        var id = IdFrom(response);
        var saved = await _desk.DbAsync(db => db.NewsArticles.SingleAsync(a => a.Id == id));
        Assert.Equal(NewsStatus.Draft, saved.Status);
        Assert.StartsWith("Bài viết chưa hợp lệ: ", saved.LastError, StringComparison.Ordinal);
        Assert.Empty(_desk.Zalo.Articles);
    }

    [Fact]
    public async Task Broadcast_sends_the_article_with_the_chosen_targeting()
    {
        var (client, id, article) = await PublishedAsync();

        using var response = await ActAsync(client, id, "Broadcast",
            new() { ["gender"] = "2" },
            [new("ages", "2"), new("ages", "3"), new("cities", "13")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var broadcast = Assert.Single(_desk.Zalo.Broadcasts);
        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"target":{"ages":"2,3","gender":"2","cities":"13"}},
             "message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"article","attachment_id":"@ID"}]}}}}
            """.Replace("@ID", article.ZaloArticleId!, StringComparison.Ordinal),
            broadcast.RequestJson);
        var record = await _desk.DbAsync(db => db.NewsBroadcasts.SingleAsync());
        Assert.Equal(("Nữ; tuổi 18–24, 25–34; Trà Vinh", broadcast.MessageId, (string?)null), (record.Target, record.ZaloMessageId, record.Error));
    }

    [Fact]
    public async Task Broadcast_to_everyone_sends_gender_all()
    {
        var (client, id, article) = await PublishedAsync();

        using var response = await ActAsync(client, id, "Broadcast", new() { ["gender"] = "0" });

        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"target":{"gender":"0"}},
             "message":{"attachment":{"type":"template","payload":{"template_type":"media","elements":[{"media_type":"article","attachment_id":"@ID"}]}}}}
            """.Replace("@ID", article.ZaloArticleId!, StringComparison.Ordinal),
            Assert.Single(_desk.Zalo.Broadcasts).RequestJson);
    }

    [Fact]
    public async Task Hiding_updates_the_article_on_Zalo_with_status_hide()
    {
        var (client, id, article) = await PublishedAsync();

        using var response = await ActAsync(client, id, "Hide");

        var latest = Assert.Single(_desk.Zalo.Articles);
        Assert.Equal((article.ZaloArticleId, "hide"), (latest.Json.GetProperty("id").GetString(), latest.Json.GetProperty("status").GetString()));
        Assert.False(await _desk.DbAsync(db => db.NewsArticles.Where(a => a.Id == id).Select(a => a.IsVisible).SingleAsync()));
    }

    [Fact]
    public async Task Removing_takes_the_article_off_the_OA_and_keeps_the_record()
    {
        var (client, id, _) = await PublishedAsync();

        using var response = await ActAsync(client, id, "Remove");

        Assert.True(Assert.Single(_desk.Zalo.Articles).IsRemoved);
        Assert.Equal(NewsStatus.Removed, await _desk.DbAsync(db => db.NewsArticles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task An_uploaded_cover_is_served_publicly_and_sent_as_an_absolute_url()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        using var response = await ComposeAsync(client, "Publish", cover: (png, "image/png"));

        var imageId = await _desk.DbAsync(db => db.NewsImages.Select(i => i.Id).SingleAsync());
        var created = Assert.Single(_desk.Zalo.Articles);
        Assert.Equal($"https://tiepnhan.example.vn/news/images/{imageId}", created.Json.GetProperty("cover").GetProperty("photo_url").GetString());
        using var anonymous = _desk.CreateClient();
        Assert.Equal(png, await anonymous.GetByteArrayAsync($"/news/images/{imageId}", Ct));
    }

    [Fact]
    public async Task An_officer_of_another_unit_cannot_see_or_publish_the_article()
    {
        var (_, id, _) = await PublishedAsync();
        var other = await _desk.SignInAsync("canbo.canglong");

        using var page = await other.GetAsync($"/News/{id}", Ct);
        using var list = await other.GetAsync("/News", Ct);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Cảnh giác lừa đảo qua mạng", await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provincial_administrator_manages_the_articles_of_units_below()
    {
        var (_, id, _) = await PublishedAsync();
        var admin = await _desk.SignInAsync(TraVinhSeed.AdminUserName);

        using var response = await ActAsync(admin, id, "Hide");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await _desk.DbAsync(db => db.NewsArticles.Where(a => a.Id == id).Select(a => a.IsVisible).SingleAsync()));
    }

    [Fact]
    public async Task An_article_still_processing_when_polling_ends_is_verified_later_from_its_page()
    {
        using var desk = new DeskFactory(_state, settings: new Dictionary<string, string?> { ["CitizenServices:VerifyMaxAttempts"] = "1" });
        var client = await desk.SignInAsync("canbo.tptravinh");

        using var response = await ComposeAsync(desk, client, "Publish");
        var id = IdFrom(response);
        var processing = await desk.DbAsync(db => db.NewsArticles.SingleAsync(a => a.Id == id));
        using var verified = await ActAsync(desk, client, id, "Verify");

        Assert.Equal((NewsStatus.Processing, (string?)null), (processing.Status, processing.ZaloArticleId));
        Assert.NotNull(processing.ZaloToken);
        var saved = await desk.DbAsync(db => db.NewsArticles.SingleAsync(a => a.Id == id));
        Assert.Equal((NewsStatus.Published, Assert.Single(desk.Zalo.Articles).Id), (saved.Status, saved.ZaloArticleId));
    }

    [Fact]
    public async Task The_OAs_articles_are_listed_as_Zalo_holds_them()
    {
        var (client, _, article) = await PublishedAsync();

        var page = await client.GetStringAsync("/News/Zalo", Ct);

        Assert.Contains("Zalo đang giữ 1 bài viết", page, StringComparison.Ordinal);
        Assert.Contains($"<code>{article.ZaloArticleId}</code>", page, StringComparison.Ordinal);
        Assert.Contains("Cảnh giác lừa đảo qua mạng", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_article_then_answers_the_news_menu()
    {
        var (_, _, article) = await PublishedAsync();

        await _desk.SendTextAsync("#tintuc");

        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"user_id":"@USER"},"message":{"attachment":{"type":"template","payload":{"template_type":"list","elements":[
              {"title":"Cảnh giác lừa đảo qua mạng","subtitle":"Thủ đoạn giả danh công an gọi điện yêu cầu chuyển tiền.","image_url":"https://tiepnhan.example.vn/bia.jpg","default_action":{"type":"oa.open.url","url":"@LINK"}}]}}}}
            """.Replace("@LINK", article.ZaloLink!, StringComparison.Ordinal).Replace("@USER", DeskFactory.Citizen, StringComparison.Ordinal),
            Assert.Single((await _desk.SentToAsync())));
    }
}
