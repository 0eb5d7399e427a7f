using System.Net;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.News;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>
/// Finding 4 of the trust-boundaries issue: a stored URL that the desk renders as a link is http or
/// https only, refused with a clear message when saved through the compose page, and never rendered
/// as a script link even if a row holds one.
/// </summary>
public sealed class NewsUrlTests : IDisposable
{
    private readonly DeskState _state = new();
    private readonly DeskFactory _desk;

    public NewsUrlTests() => _desk = new DeskFactory(_state);

    public void Dispose()
    {
        _desk.Dispose();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Saves a draft through the real compose form with the given cover and image-block URLs.</summary>
    private async Task<HttpResponseMessage> SaveDraftAsync(HttpClient client, string coverUrl, string imageUrl)
    {
        var unitId = await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id).SingleAsync());
        var token = await DeskFactory.AntiforgeryTokenAsync(client, "/News/Edit");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Draft.UnitId" },
            { new StringContent("Cảnh giác lừa đảo"), "Draft.Title" },
            { new StringContent("Công an TP Trà Vinh"), "Draft.Author" },
            { new StringContent("Mô tả"), "Draft.Description" },
            { new StringContent(coverUrl), "Draft.CoverUrl" },
            { new StringContent("Image"), "Draft.Blocks[0].Kind" },
            { new StringContent(imageUrl), "Draft.Blocks[0].Url" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync("/News/Edit?handler=Save", form, Ct);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/News/1")]
    public async Task A_script_or_non_http_url_in_a_news_block_is_refused_on_save(string url)
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await SaveDraftAsync(client, "https://tiepnhan.example.vn/bia.jpg", url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Liên kết hình ảnh phải là địa chỉ http:// hoặc https:// đầy đủ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await _desk.DbAsync(db => db.NewsArticles.CountAsync()));
    }

    [Fact]
    public async Task A_script_url_as_the_cover_is_refused_on_save()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await SaveDraftAsync(client, "javascript:alert(1)", "https://tiepnhan.example.vn/anh.jpg");

        Assert.Contains("Liên kết ảnh bìa phải là địa chỉ http:// hoặc https:// đầy đủ", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await _desk.DbAsync(db => db.NewsArticles.CountAsync()));
    }

    [Fact]
    public async Task Http_and_https_urls_are_saved()
    {
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await SaveDraftAsync(client, "https://tiepnhan.example.vn/bia.jpg", "http://congan.travinh.gov.vn/anh.jpg");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var block = await _desk.DbAsync(db => db.NewsBlocks.SingleAsync());
        Assert.Equal("http://congan.travinh.gov.vn/anh.jpg", block.Url);
    }

    [Fact]
    public async Task A_script_url_already_in_the_database_is_shown_as_text_not_as_a_link()
    {
        var unitId = await _desk.DbAsync(db => db.Units.Where(u => u.Code == "CATP-TRAVINH").Select(u => u.Id).SingleAsync());
        var id = await _desk.DbAsync(async db =>
        {
            // A row written before the rule existed (or by hand).
            var article = new NewsArticle
            {
                UnitId = unitId, Title = "Bài cũ", Author = "CA", Description = "Mô tả", CoverUrl = "https://tiepnhan.example.vn/bia.jpg",
                Status = NewsStatus.Published, ZaloArticleId = "z1", ZaloLink = "javascript:alert(2)",
                Blocks = [new NewsBlock { Kind = NewsBlockKind.Image, Url = "javascript:alert(1)" }, new NewsBlock { Order = 1, Kind = NewsBlockKind.Video, Url = "https://www.youtube.com/watch?v=abc", Thumb = "https://tiepnhan.example.vn/t.jpg" }],
            };
            db.NewsArticles.Add(article);
            await db.SaveChangesAsync();
            return article.Id;
        });
        var admin = await _desk.SignInAsync("admin.tinh");

        var html = await admin.GetStringAsync($"/News/{id}", Ct);

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("javascript:alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://www.youtube.com/watch?v=abc\"", html, StringComparison.Ordinal);
    }
}
