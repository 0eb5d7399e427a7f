using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing;

// The Article API (v2.0): create/update → token, verify → id, getslice, getdetail, remove.
public sealed partial class ZaloEmulator
{
    private void MapArticles()
    {
        Map("POST", "/v2.0/article/create", r => SaveArticle(r, update: false));
        Map("POST", "/v2.0/article/update", r => SaveArticle(r, update: true));
        Map("POST", "/v2.0/article/verify", VerifyArticle);
        Map("POST", "/v2.0/article/remove", RemoveArticle);
        Map("GET", "/v2.0/article/getslice", ArticleSlice);
        Map("GET", "/v2.0/article/getdetail", ArticleDetail);
        MapPrefix("GET", "/article/*", ArticlePageResponse);
        Map("GET", "/assets/article.css", _ => Wire.Bytes(EmbeddedAssets.Find("article.css")!.Value.Content, "text/css; charset=utf-8"));
    }

    // The page behind an article's link (what getslice/getdetail answer as "link"): readers open
    // it from the chat. Published articles only (processed by verify, not removed).
    private IResponseMessage ArticlePageResponse(IRequestMessage request)
    {
        var id = request.Path["/article/".Length..];
        return PublishedArticle(id) is { } article
            ? Wire.Text(ArticlePage.Render(article.Body, article.CreatedAt, "/assets/article.css", url => url), "text/html; charset=utf-8")
            : Wire.Text("Not found", "text/plain; charset=utf-8", 404);
    }

    internal (JsonObject Body, DateTimeOffset CreatedAt)? PublishedArticle(string id)
    {
        lock (_gate)
        {
            return _articlesById.TryGetValue(id, out var article) && article.Processed && !article.Removed
                ? ((JsonObject)article.Body.DeepClone(), article.CreatedAt)
                : null;
        }
    }

    // Create/update: checks type (normal|video) and the documented limits — title under 150,
    // description under 300, author ≤ 50 characters (a real log shows exactly 150/300 rejected
    // [S]), a cover for normal articles, video_id and avatar for video ones — with Zalo's -201
    // messages, e.g. title allow 1 to 150 characters. Answers data.token, never the id.
    private IResponseMessage SaveArticle(IRequestMessage request, bool update)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var text = Wire.BodyText(request);
        var body = Wire.ParseObject(text);
        if (body is null)
        {
            return Wire.Invalid("body");
        }

        var type = Wire.Str(body, "type");
        if (type is not ("normal" or "video"))
        {
            return Wire.Error(-201, "type accept only 2 value normal and video");
        }

        if ((LengthError(body, "title", 150, required: true) ?? LengthError(body, "description", 300, required: true)) is { } lengthError)
        {
            return lengthError;
        }

        if (type == "normal")
        {
            if (Wire.Str(body, "author") is { } author && author.Normalize(NormalizationForm.FormC).Length > 50)
            {
                return Wire.Error(-201, "author allow 1 to 50 characters");
            }

            if (body["cover"] is not JsonObject cover
                || Wire.Str(cover, "cover_type") switch
                {
                    "photo" => Wire.Str(cover, "photo_url") is null,
                    "video" => Wire.Str(cover, "video_id") is null,
                    _ => true,
                })
            {
                return Wire.Error(-201, "cover value is invalid");
            }

            if (body["body"] is not JsonArray { Count: > 0 })
            {
                return Wire.Invalid("body");
            }
        }
        else
        {
            if (Wire.Str(body, "video_id") is null)
            {
                return Wire.Invalid("video_id");
            }

            if (Wire.Str(body, "avatar") is null)
            {
                return Wire.Invalid("avatar");
            }
        }

        var now = Now;
        lock (_gate)
        {
            ArticleState article;
            if (update)
            {
                if (Wire.Str(body, "id") is not { } id || !_articlesById.TryGetValue(id, out article!) || article.OaId != oa.OaId || article.Removed)
                {
                    return Wire.Invalid("id");
                }

                _articlesByToken.Remove(article.Token);
                article.UpdatedAt = now;
            }
            else
            {
                article = new ArticleState(oa.OaId, Wire.HexId(), now);
                _articlesById[article.Id] = article;
                _articleOrder.Add(article);
            }

            article.Type = type;
            article.RequestJson = text;
            article.Body = body;
            article.Token = Wire.OpaqueId(36);
            article.PollsRemaining = _options.ArticleProcessingPolls;
            _articlesByToken[article.Token] = article;
            return Wire.Success(new JsonObject { ["token"] = article.Token });
        }
    }

    private static IResponseMessage? LengthError(JsonObject body, string field, int limit, bool required)
    {
        var value = Wire.Str(body, field);
        if (value is null)
        {
            return required ? Wire.Error(-201, $"{field} allow 1 to {limit} characters") : null;
        }

        var length = value.Normalize(NormalizationForm.FormC).Length;
        return length is 0 || length >= limit ? Wire.Error(-201, $"{field} allow 1 to {limit} characters") : null;
    }

    // POST /v2.0/article/verify {"token"}: -214 Article is being processed
    // for ArticleProcessingPolls polls, then data.id.
    private IResponseMessage VerifyArticle(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        lock (_gate)
        {
            if (Wire.Str(body, "token") is not { } token || !_articlesByToken.TryGetValue(token, out var article) || article.OaId != oa.OaId)
            {
                return Wire.Invalid("token");
            }

            if (article.PollsRemaining > 0)
            {
                article.PollsRemaining--;
                return Wire.Error(-214, "Article is being processed");
            }

            article.Processed = true;
            return Wire.Success(new JsonObject { ["id"] = article.Id });
        }
    }

    // POST /v2.0/article/remove {"id"}.
    private IResponseMessage RemoveArticle(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var body = Wire.ParseObject(Wire.BodyText(request));
        lock (_gate)
        {
            if (Wire.Str(body, "id") is not { } id || !_articlesById.TryGetValue(id, out var article) || article.OaId != oa.OaId || article.Removed)
            {
                return Wire.Invalid("id");
            }

            article.Removed = true;
            return Wire.Success(null);
        }
    }

    // GET /v2.0/article/getslice?offset&limit&type: type required
    // (normal|video), limit ≤ 10 (-201 maximum limit is 10); data.medias newest
    // first plus data.total.
    private IResponseMessage ArticleSlice(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var type = Wire.QueryValue(request, "type");
        if (type is not ("normal" or "video"))
        {
            return Wire.Error(-201, "type accept only 2 value normal and video");
        }

        var offset = int.TryParse(Wire.QueryValue(request, "offset"), out var o) ? o : 0;
        var limit = int.TryParse(Wire.QueryValue(request, "limit"), out var l) ? l : 10;
        if (limit > 10)
        {
            return Wire.Error(-201, "maximum limit is 10");
        }

        if (offset < 0 || limit < 1)
        {
            return Wire.Invalid(offset < 0 ? "offset" : "limit");
        }

        lock (_gate)
        {
            var all = _articleOrder
                .Where(a => a.OaId == oa.OaId && a.Type == type && a.Processed && !a.Removed)
                .OrderByDescending(a => a.CreatedAt)
                .ToList();
            var medias = all.Skip(offset).Take(limit).Select(a => (JsonNode?)new JsonObject
            {
                ["id"] = a.Id,
                ["type"] = a.Type,
                ["title"] = Wire.Str(a.Body, "title"),
                ["status"] = Wire.Str(a.Body, "status") ?? "hide",
                ["total_view"] = 0,
                ["total_share"] = 0,
                ["create_date"] = a.CreatedAt.ToUnixTimeMilliseconds(),
                ["update_date"] = a.UpdatedAt.ToUnixTimeMilliseconds(),
                ["thumb"] = Thumb(a),
                ["link"] = ArticleLink(a),
            });
            return Wire.Success(new JsonObject { ["medias"] = new JsonArray([.. medias]), ["total"] = all.Count });
        }
    }

    // GET /v2.0/article/getdetail?id=: the saved body plus id, dates, link and counters.
    private IResponseMessage ArticleDetail(IRequestMessage request)
    {
        if (!TryAuthorize(request, out var oa, out var denied))
        {
            return denied;
        }

        var id = Wire.QueryValue(request, "id");
        lock (_gate)
        {
            if (id is null || !_articlesById.TryGetValue(id, out var article) || article.OaId != oa.OaId || article.Removed || !article.Processed)
            {
                return Wire.Invalid("id");
            }

            var data = new JsonObject { ["id"] = article.Id };
            foreach (var (key, value) in article.Body)
            {
                if (key != "id")
                {
                    data[key] = value?.DeepClone();
                }
            }

            data["status"] ??= "hide";
            data["create_date"] = article.CreatedAt.ToUnixTimeMilliseconds();
            data["update_date"] = article.UpdatedAt.ToUnixTimeMilliseconds();
            data["link"] = ArticleLink(article);
            data["total_view"] = 0;
            data["total_share"] = 0;
            return Wire.Success(data);
        }
    }

    private static string? Thumb(ArticleState article) =>
        article.Body["cover"] is JsonObject cover ? Wire.Str(cover, "photo_url") : Wire.Str(article.Body, "avatar");

    private string ArticleLink(ArticleState article) => new Uri(BaseUrl, "article/" + article.Id).AbsoluteUri;
}
