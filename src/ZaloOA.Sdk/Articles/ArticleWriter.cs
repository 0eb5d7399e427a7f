using System.Text;
using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Articles;

/// <summary>Validates articles and writes the exact JSON of <c>/v2.0/article/create|update</c>.</summary>
internal static class ArticleWriter
{
    public static byte[] Write(ZaloArticle article, string? id)
    {
        ArgumentNullException.ThrowIfNull(article);
        var title = ZaloText.Required(article.Title, "title", ArticleLimits.MaxTitleLength, " (Zalo states 150 but refuses exactly 150)");
        var description = ZaloText.Required(article.Description, "description", ArticleLimits.MaxDescriptionLength, " (Zalo states 300 but refuses exactly 300)");

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ZaloJsonBody.WriterOptions))
        {
            w.WriteStartObject();
            if (id is not null)
            {
                w.WriteString("id", id);
            }

            switch (article)
            {
                case NormalArticle normal:
                    WriteNormal(w, normal, title, description);
                    break;
                case VideoArticle video:
                    WriteVideo(w, video, title, description);
                    break;
                default:
                    throw new ZaloValidationException($"Unsupported article type {article.GetType().Name}; use NormalArticle or VideoArticle.", nameof(article));
            }

            w.WriteString("status", Wire(article.Status));
            w.WriteString("comment", Wire(article.Comment));
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteNormal(Utf8JsonWriter w, NormalArticle a, string title, string description)
    {
        var author = ZaloText.Required(a.Author, "author", ArticleLimits.MaxAuthorLength, string.Empty);
        if (a.Cover is null)
        {
            throw ZaloText.Invalid("cover is required for a normal article: use ArticleCover.Photo(url) or ArticleCover.Video(videoId).", "cover");
        }

        if (a.Body is null || a.Body.Count == 0)
        {
            throw ZaloText.Invalid("body must have at least one block: add ArticleBlock.Text(...) or another block.", "body");
        }

        w.WriteString("type", "normal");
        w.WriteString("title", title);
        w.WriteString("author", author);
        w.WriteString("description", description);

        w.WriteStartObject("cover");
        if (a.Cover.PhotoUrl is not null)
        {
            w.WriteString("cover_type", "photo");
            w.WriteString("photo_url", ZaloUrl.Normalize(a.Cover.PhotoUrl, "cover.photo_url"));
        }
        else
        {
            w.WriteString("cover_type", "video");
            w.WriteString("video_id", ZaloText.Id(a.Cover.VideoId, "cover.video_id"));
            w.WriteString("cover_view", a.Cover.View switch
            {
                ArticleCoverView.Vertical => "vertical",
                ArticleCoverView.Square => "square",
                _ => "horizontal",
            });
        }

        w.WriteString("status", Wire(a.Cover.Status));
        w.WriteEndObject();

        w.WriteStartArray("body");
        for (var i = 0; i < a.Body.Count; i++)
        {
            WriteBlock(w, a.Body[i] ?? throw new ZaloValidationException($"body[{i}] is null.", $"body[{i}]"), $"body[{i}]");
        }

        w.WriteEndArray();

        if (a.RelatedArticleIds is { Count: > 0 } related)
        {
            w.WriteStartArray("related_medias");
            for (var i = 0; i < related.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", ZaloText.Id(related[i], $"related_medias[{i}].id"));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (a.TrackingLink is not null)
        {
            w.WriteString("tracking_link", ZaloUrl.Normalize(a.TrackingLink, "tracking_link"));
        }
    }

    private static void WriteBlock(Utf8JsonWriter w, ArticleBlock block, string path)
    {
        w.WriteStartObject();
        switch (block.Kind)
        {
            case ArticleBlockKind.Text:
                w.WriteString("type", "text");
                w.WriteString("content", ZaloText.Required(block.Content, path + ".content", int.MaxValue, string.Empty));
                break;
            case ArticleBlockKind.Image:
                w.WriteString("type", "image");
                w.WriteString("url", ZaloUrl.Normalize(block.Url, path + ".url"));
                if (!string.IsNullOrEmpty(block.Caption))
                {
                    w.WriteString("caption", block.Caption.Normalize(NormalizationForm.FormC));
                }

                break;
            case ArticleBlockKind.Video:
                w.WriteString("type", "video");
                if (block.VideoId is not null)
                {
                    w.WriteString("video_id", ZaloText.Id(block.VideoId, path + ".video_id"));
                }
                else
                {
                    w.WriteString("url", ZaloUrl.Normalize(block.Url, path + ".url"));
                }

                w.WriteString("thumb", ZaloUrl.Normalize(block.Thumb, path + ".thumb"));
                break;
            default:
                w.WriteString("type", "product");
                w.WriteString("id", ZaloText.Id(block.ProductId, path + ".id"));
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteVideo(Utf8JsonWriter w, VideoArticle a, string title, string description)
    {
        w.WriteString("type", "video");
        w.WriteString("title", title);
        w.WriteString("description", description);
        w.WriteString("video_id", ZaloText.Id(a.VideoId, "video_id"));
        w.WriteString("avatar", ZaloUrl.Normalize(a.Avatar, "avatar"));
    }

    public static string Wire(ArticleVisibility visibility) => visibility == ArticleVisibility.Hide ? "hide" : "show";

    public static string Wire(ArticleType type) => type == ArticleType.Video ? "video" : "normal";
}

/// <summary>NFC-normalised text checks shared by articles and broadcast.</summary>
internal static class ZaloText
{
    /// <summary>NFC-normalises <paramref name="value"/> and checks it is 1..<paramref name="max"/> characters.</summary>
    public static string Required(string? value, string paramName, int max, string note)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ZaloValidationException($"{paramName} is required and must not be blank.", paramName);
        }

        return Max(value, paramName, max, note);
    }

    /// <summary>NFC-normalises <paramref name="value"/> and checks it is at most <paramref name="max"/> characters.</summary>
    public static string Max(string value, string paramName, int max, string note)
    {
        var nfc = value.Normalize(NormalizationForm.FormC);
        if (nfc.Length > max)
        {
            throw new ZaloValidationException($"{paramName} has {nfc.Length} characters (after NFC normalisation); at most {max} are accepted{note}. Shorten it.", paramName);
        }

        return nfc;
    }

    /// <summary>A validation failure naming the JSON path (a helper so paths need not be parameter names).</summary>
    public static ZaloValidationException Invalid(string message, string path) => new(message, path);

    /// <summary>Checks an id is present and trims nothing (ids are opaque).</summary>
    public static string Id(string? value, string paramName)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ZaloValidationException($"{paramName} is required: give the id Zalo returned.", paramName);
        }

        return value;
    }
}
