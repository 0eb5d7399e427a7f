using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ZaloOA.Sdk.Testing.Internal;

// The page behind an article's link: cover, title, author, description and body blocks (text,
// image, video, product), as a reader opens it from a chat. Every value is the OA's input and is
// HTML-encoded; only http(s) URLs become src/href. No script, no inline style.
internal static class ArticlePage
{
    public static string Render(JsonObject article, DateTimeOffset createdAt, string stylesheet, Func<string, string> rewrite)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(Wire.Str(article, "title"))).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Encode(stylesheet)).Append("\"></head><body><article class=\"zalo-article\">");
        if (article["cover"] is JsonObject cover && Url(Wire.Str(cover, "photo_url"), rewrite) is { } coverUrl)
        {
            html.Append("<img class=\"cover\" alt=\"\" src=\"").Append(coverUrl).Append("\">");
        }

        html.Append("<h1>").Append(Encode(Wire.Str(article, "title"))).Append("</h1><p class=\"meta\">");
        if (Wire.Str(article, "author") is { Length: > 0 } author)
        {
            html.Append(Encode(author)).Append(" · ");
        }

        html.Append(Encode(createdAt.ToOffset(Wire.VietnamOffset).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture))).Append("</p>");
        if (Wire.Str(article, "description") is { Length: > 0 } description)
        {
            html.Append("<p class=\"description\">").Append(Encode(description)).Append("</p>");
        }

        foreach (var block in (article["body"] as JsonArray ?? []).OfType<JsonObject>())
        {
            switch (Wire.Str(block, "type"))
            {
                case "text":
                    foreach (var paragraph in PlainText(Wire.Str(block, "content")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        html.Append("<p>").Append(Encode(paragraph)).Append("</p>");
                    }

                    break;
                case "image" when Url(Wire.Str(block, "url"), rewrite) is { } image:
                    html.Append("<figure><img alt=\"\" src=\"").Append(image).Append("\">");
                    if (Wire.Str(block, "caption") is { Length: > 0 } caption)
                    {
                        html.Append("<figcaption>").Append(Encode(caption)).Append("</figcaption>");
                    }

                    html.Append("</figure>");
                    break;
                case "video":
                    var thumb = Url(Wire.Str(block, "thumb"), rewrite);
                    var link = Url(Wire.Str(block, "url"), rewrite);
                    html.Append("<figure class=\"video\">");
                    if (link is not null)
                    {
                        html.Append("<a href=\"").Append(link).Append("\" rel=\"noopener noreferrer\" target=\"_blank\">");
                    }

                    html.Append(thumb is null ? "<span>▶ Video</span>" : "<img alt=\"Video\" src=\"" + thumb + "\">");
                    html.Append(link is null ? string.Empty : "</a>").Append("</figure>");
                    break;
                case "product":
                    html.Append("<p class=\"product\">Sản phẩm ").Append(Encode(Wire.Str(block, "id"))).Append("</p>");
                    break;
            }
        }

        return html.Append("</article></body></html>").ToString();
    }

    // The page of a published article (processed, not removed), or 404.
    public static IResult Result(ZaloEmulator emulator, string id, string stylesheet, Func<string, string> rewrite) =>
        emulator.PublishedArticle(id) is { } article
            ? new HtmlResult(Render(article.Body, article.CreatedAt, stylesheet, rewrite))
            : Results.NotFound();

    // Zalo accepts simple HTML in text blocks (<p>, <br>, <b>...): shown as its text, paragraphs
    // kept, tags dropped; the result is encoded again like every other value.
    private static string PlainText(string? content)
    {
        var text = Regex.Replace(content ?? string.Empty, @"<\s*br\s*/?>|<\s*/\s*p\s*>", "\n", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        text = Regex.Replace(text, "<[^>]*>", string.Empty, RegexOptions.None, TimeSpan.FromSeconds(1));
        return WebUtility.HtmlDecode(text);
    }

    // Vietnamese stays readable; <, >, &, quotes and the like become entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string? value) => Encoder.Encode(value ?? string.Empty);

    private static string? Url(string? value, Func<string, string> rewrite) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? Encode(rewrite(uri.AbsoluteUri))
            : null;

    private sealed class HtmlResult(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            return httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
