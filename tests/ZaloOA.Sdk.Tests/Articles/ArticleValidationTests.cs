using System.Text;
using System.Text.Json;
using ZaloOA.Sdk.Articles;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Articles;

public class ArticleValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NormalArticle Valid(string? title = null, string? author = null, string? description = null, ArticleCover? cover = null, IReadOnlyList<ArticleBlock>? body = null, string? tracking = null) => new()
    {
        Title = title ?? "Tin",
        Author = author ?? "Công an",
        Description = description ?? "Mô tả",
        Cover = cover ?? ArticleCover.Photo("https://cdn.example.vn/a.jpg"),
        Body = body ?? [ArticleBlock.Text("x")],
        TrackingLink = tracking,
    };

    private static JsonElement Json(ZaloArticle article) => JsonDocument.Parse(ArticleWriter.Write(article, null)).RootElement;

    private static ZaloValidationException Invalid(ZaloArticle article) =>
        Assert.Throws<ZaloValidationException>(() => ArticleWriter.Write(article, null));

    [Fact]
    public void Title_of_exactly_150_characters_is_refused_because_zalo_refuses_it()
    {
        var ex = Invalid(Valid(title: new string('a', 150)));
        Assert.Equal("title", ex.ParamName);
        Assert.Contains("at most 149", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_of_149_characters_is_accepted()
    {
        Assert.Equal(149, Json(Valid(title: new string('a', 149))).GetProperty("title").GetString()!.Length);
    }

    [Fact]
    public void Title_is_counted_and_sent_after_nfc_normalisation()
    {
        // "ệ" decomposed is 3 UTF-16 chars (e + circumflex + dot below); NFC makes it 1.
        var decomposed = string.Concat(Enumerable.Repeat("ệ".Normalize(NormalizationForm.FormD), 149));
        Assert.Equal(447, decomposed.Length);

        var title = Json(Valid(title: decomposed)).GetProperty("title").GetString()!;

        Assert.Equal(149, title.Length);
        Assert.True(title.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Blank_title_is_refused()
    {
        Assert.Equal("title", Invalid(Valid(title: "  ")).ParamName);
    }

    [Fact]
    public void Author_over_50_characters_is_refused()
    {
        Assert.Equal("author", Invalid(Valid(author: new string('a', 51))).ParamName);
        Assert.Equal(50, Json(Valid(author: new string('a', 50))).GetProperty("author").GetString()!.Length);
    }

    [Fact]
    public void Description_of_exactly_300_characters_is_refused()
    {
        Assert.Equal("description", Invalid(Valid(description: new string('a', 300))).ParamName);
        Assert.Equal(299, Json(Valid(description: new string('a', 299))).GetProperty("description").GetString()!.Length);
    }

    [Fact]
    public void Normal_article_without_body_blocks_is_refused()
    {
        Assert.Equal("body", Invalid(Valid(body: [])).ParamName);
    }

    [Fact]
    public void Normal_article_without_cover_is_refused()
    {
        var article = new NormalArticle { Title = "t", Author = "a", Description = "d", Cover = null!, Body = [ArticleBlock.Text("x")] };
        Assert.Equal("cover", Invalid(article).ParamName);
    }

    [Fact]
    public void Empty_text_block_is_refused()
    {
        Assert.Equal("body[0].content", Invalid(Valid(body: [ArticleBlock.Text("")])).ParamName);
    }

    [Fact]
    public void Video_block_without_thumb_is_refused()
    {
        Assert.Equal("body[1].thumb", Invalid(Valid(body: [ArticleBlock.Text("x"), ArticleBlock.VideoFromId("v", "")])).ParamName);
    }

    [Fact]
    public void Video_article_without_video_id_is_refused()
    {
        var article = new VideoArticle { Title = "t", Description = "d", VideoId = "", Avatar = "https://x.vn/a.jpg" };
        Assert.Equal("video_id", Invalid(article).ParamName);
    }

    [Fact]
    public void Video_article_with_relative_avatar_is_refused()
    {
        var article = new VideoArticle { Title = "t", Description = "d", VideoId = "v", Avatar = "/a.jpg" };
        Assert.Equal("avatar", Invalid(article).ParamName);
    }

    [Fact]
    public void Photo_url_with_spaces_and_vietnamese_is_percent_encoded()
    {
        var json = Json(Valid(cover: ArticleCover.Photo("https://cdn.example.vn/tin tức/ảnh bìa.jpg?q=đường phố")));

        Assert.Equal(
            "https://cdn.example.vn/tin%20t%E1%BB%A9c/%E1%BA%A3nh%20b%C3%ACa.jpg?q=%C4%91%C6%B0%E1%BB%9Dng%20ph%E1%BB%91",
            json.GetProperty("cover").GetProperty("photo_url").GetString());
    }

    [Fact]
    public void Already_encoded_photo_url_is_sent_unchanged()
    {
        const string encoded = "https://cdn.example.vn/tin%20t%E1%BB%A9c/a.jpg?x=1&y=%2F";

        var json = Json(Valid(cover: ArticleCover.Photo(encoded)));

        Assert.Equal(encoded, json.GetProperty("cover").GetProperty("photo_url").GetString());
    }

    [Fact]
    public void Decomposed_vietnamese_in_a_url_is_encoded_as_nfc()
    {
        var json = Json(Valid(cover: ArticleCover.Photo("https://x.vn/" + "ả".Normalize(NormalizationForm.FormD))));

        Assert.Equal("https://x.vn/%E1%BA%A3", json.GetProperty("cover").GetProperty("photo_url").GetString());
    }

    [Fact]
    public void Stray_percent_sign_is_encoded()
    {
        var json = Json(Valid(cover: ArticleCover.Photo("https://x.vn/100%.jpg")));

        Assert.Equal("https://x.vn/100%25.jpg", json.GetProperty("cover").GetProperty("photo_url").GetString());
    }

    [Theory]
    [InlineData("ftp://x.vn/a.jpg")]
    [InlineData("cdn.example.vn/a.jpg")]
    [InlineData("https:///a.jpg")]
    public void Non_http_or_hostless_photo_url_is_refused(string url)
    {
        var ex = Invalid(Valid(cover: ArticleCover.Photo(url)));
        Assert.Equal("cover.photo_url", ex.ParamName);
    }

    [Fact]
    public void Tracking_link_must_be_http()
    {
        Assert.Equal("tracking_link", Invalid(Valid(tracking: "javascript:alert(1)")).ParamName);
    }

    [Fact]
    public async Task Invalid_article_is_not_sent()
    {
        await using var host = new ZaloTestHost();

        await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.CreateAsync(Valid(title: new string('a', 150)), Ct));

        Assert.Empty(host.Server.LogEntries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task Slice_limit_outside_1_to_10_is_refused(int limit)
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.GetSliceAsync(ArticleType.Normal, 0, limit, Ct));

        Assert.Equal("limit", ex.ParamName);
    }

    [Fact]
    public async Task Negative_slice_offset_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.GetSliceAsync(ArticleType.Normal, -1, 10, Ct));

        Assert.Equal("offset", ex.ParamName);
    }

    [Fact]
    public async Task Video_that_is_not_mp4_or_avi_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.PrepareVideoAsync(new byte[] { 1 }, "clip.mov", Ct));

        Assert.Equal("fileName", ex.ParamName);
    }

    [Fact]
    public async Task Video_over_50_mb_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.PrepareVideoAsync(new byte[ArticleLimits.MaxVideoBytes + 1], "clip.avi", Ct));

        Assert.Equal("file", ex.ParamName);
    }

    [Fact]
    public async Task Empty_video_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.PrepareVideoAsync(ReadOnlyMemory<byte>.Empty, "clip.mp4", Ct));

        Assert.Equal("file", ex.ParamName);
    }

    [Fact]
    public async Task Wait_options_with_zero_attempts_are_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Articles.WaitForArticleIdAsync("t", new ArticlePublishWaitOptions { MaxAttempts = 0 }, Ct));

        Assert.Equal("MaxAttempts", ex.ParamName);
    }
}
