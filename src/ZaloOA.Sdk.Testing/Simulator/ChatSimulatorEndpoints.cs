using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZaloOA.Sdk.Testing.Internal;

namespace ZaloOA.Sdk.Testing.Simulator;

// The simulator's endpoints. Everything the page shows comes from the emulator's conversation
// (ZaloEmulator.Chat.cs); everything the page does goes out as a signed webhook through the
// emulator, exactly as EmulatedCitizen does. Media and article URLs on the emulator are rewritten
// to this mount ("zalo/...") so the page needs nothing from another origin.
internal sealed class ChatSimulatorEndpoints(ZaloChatSimulatorOptions options)
{
    // State-changing calls must carry this header: a cross-site form or image cannot set it, and
    // a cross-site fetch that sets it needs a CORS preflight the app does not grant.
    private const string CsrfHeader = "X-Zalo-Simulator";
    private const int MaxJsonBytes = 64 * 1024;
    private const int MaxUploadBytes = 10 * 1024 * 1024;
    private const int MaxTextLength = 2000;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    public void Map(RouteGroupBuilder group)
    {
        // The page's URLs are relative ("assets/...", "api/..."): it must be at the mount with a '/'.
        group.MapGet("/", (HttpContext c) => c.Request.Path.Value?.EndsWith('/') == true
            ? Asset("simulator.html")
            : Results.Redirect(c.Request.PathBase + c.Request.Path + "/" + c.Request.QueryString));
        group.MapGet("/assets/{name}", (string name) => Asset(name));
        group.MapGet("/api/accounts", (HttpContext c) => Json(Emulator(c).AccountsJson()));
        group.MapGet("/api/conversation", Conversation);
        group.MapGet("/api/events", EventsAsync);
        group.MapPost("/api/citizens", (Delegate)AddCitizenAsync);
        group.MapPost("/api/send", (Delegate)SendAsync);
        group.MapPost("/api/upload", (Delegate)UploadAsync);
        group.MapPost("/api/follow", (Delegate)FollowAsync);
        group.MapPost("/api/submit-info", (Delegate)SubmitInfoAsync);
        group.MapPost("/api/react", (Delegate)ReactAsync);
        group.MapPost("/api/shown", (Delegate)ShownAsync);
        group.MapPost("/api/group", (Delegate)GroupMembershipAsync);
        group.MapGet("/zalo/media/{name}", ServeMedia);
        group.MapGet("/zalo/article/{id}", (HttpContext c, string id) => ArticlePage.Result(Emulator(c), id, "../../assets/article.css", Rewriter(Emulator(c), "../")));
    }

    private ZaloEmulator Emulator(HttpContext context) => options.Emulator ?? context.RequestServices.GetRequiredService<ZaloEmulator>();

    private IResult Conversation(HttpContext context, string? oa, string? user, long? since, string? group)
    {
        var emulator = Emulator(context);
        if (Known(emulator, oa, user, group) is { } problem)
        {
            return problem;
        }

        var (messages, version) = Chat(emulator, oa!, user!, group, since ?? 0);
        return Json(new JsonObject { ["version"] = version, ["messages"] = Rewrite(emulator, messages) });
    }

    // Server-sent events: "accounts" when the OAs, users or follow states changed, "messages" with
    // each message of this conversation that changed (new, delivered, received, seen, reacted). One
    // request per open page, woken by the emulator, never polled; a comment every 20 s keeps
    // proxies from closing it.
    private async Task EventsAsync(HttpContext context, string? oa, string? user, string? group)
    {
        var emulator = Emulator(context);
        if (Known(emulator, oa, user, group) is { } problem)
        {
            await problem.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = linked.Token;
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        long since = 0;
        string? accountsSent = null;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var accounts = emulator.AccountsJson().ToJsonString();
                if (accounts != accountsSent)
                {
                    await WriteEventAsync(response, "accounts", accounts, cancellationToken).ConfigureAwait(false);
                    accountsSent = accounts;
                }

                var (messages, version) = Chat(emulator, oa!, user!, group, since);
                if (messages.Count > 0)
                {
                    await WriteEventAsync(response, "messages", Rewrite(emulator, messages).ToJsonString(), cancellationToken).ConfigureAwait(false);
                }

                since = version;
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await emulator.WaitForChatChangeAsync(since, cancellationToken).WaitAsync(Heartbeat, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await response.WriteAsync(": ping\n\n", cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed, or the app is stopping.
        }
    }

    // The 1:1 chat of the user with the OA, or a group chat of the OA seen by the user.
    private static (JsonArray Messages, long Version) Chat(ZaloEmulator emulator, string oa, string user, string? group, long since) =>
        group is null ? emulator.ChatJson(oa, user, since) : emulator.GroupChatJson(oa, group, user, since);

    private static Task WriteEventAsync(HttpResponse response, string name, string json, CancellationToken cancellationToken) =>
        response.WriteAsync("event: " + name + "\ndata: " + json + "\n\n", cancellationToken);

    // {oaId, displayName, userId?}: a new user of the OA, who then follows it (as after scanning
    // its QR code), so the follow webhook is the first thing the app hears of them.
    private async Task<IResult> AddCitizenAsync(HttpContext context)
    {
        var (body, problem) = await ReadJsonAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var emulator = Emulator(context);
        var oaId = Wire.Str(body, "oaId");
        if (Known(emulator, oaId, null) is { } unknown)
        {
            return unknown;
        }

        var name = Wire.Str(body, "displayName")?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 60)
        {
            return Problem(400, "displayName: 1 to 60 characters.");
        }

        var userId = Wire.Str(body, "userId")?.Trim();
        if (string.IsNullOrEmpty(userId))
        {
            userId = Wire.NumericId(oaId + ":" + name + ":" + Guid.NewGuid());
        }
        else if (userId.Length > 30 || !userId.All(char.IsAsciiDigit))
        {
            return Problem(400, "userId: digits only, at most 30.");
        }

        emulator.AddUser(oaId!, userId, name);
        return await DeliverAsync(context, emulator, emulator.Events.Follow(oaId!, userId), new JsonObject { ["userId"] = userId }).ConfigureAwait(false);
    }

    // {oaId, userId, type: text|location|sticker, text, hidden, latitude, longitude, stickerId}.
    private async Task<IResult> SendAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var (emulator, body, oaId, userId) = request;
        if (Wire.Str(body, "groupId") is { } groupId)
        {
            return await SendToGroupAsync(context, emulator, body, oaId, userId, groupId).ConfigureAwait(false);
        }

        EmulatedWebhook webhook;
        switch (Wire.Str(body, "type"))
        {
            case "text":
                if (TextOf(body) is not { } text)
                {
                    return Problem(400, "text: 1 to 2000 characters.");
                }

                webhook = emulator.Events.UserSendText(oaId, userId, text);
                // oa.query.hide: the OA receives the payload; the chat does not show it.
                webhook.Effect.Entry!.Hidden = body["hidden"]?.GetValueKind() == JsonValueKind.True;
                break;
            case "location":
                if (!double.TryParse(Wire.Str(body, "latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90
                    || !double.TryParse(Wire.Str(body, "longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
                {
                    return Problem(400, "latitude -90..90 and longitude -180..180.");
                }

                webhook = emulator.Events.UserSendLocation(oaId, userId, lat, lon);
                break;
            case "sticker":
                if (StickerOf(body) is not { } sticker)
                {
                    return Problem(400, "stickerId: letters and digits.");
                }

                webhook = emulator.Events.UserSendSticker(oaId, userId, sticker);
                break;
            default:
                return Problem(400, "type: text, location or sticker (files go to api/upload).");
        }

        return await DeliverAsync(context, emulator, webhook, new JsonObject { ["id"] = webhook.MessageId }).ConfigureAwait(false);
    }

    // The text of a text message from the page: 1 to 2,000 characters, not blank.
    private static string? TextOf(JsonObject body) =>
        Wire.Str(body, "text") is { } text && !string.IsNullOrWhiteSpace(text) && text.Length <= MaxTextLength ? text : null;

    // A sticker id from the page: letters and digits.
    private static string? StickerOf(JsonObject body) =>
        Wire.Str(body, "stickerId") is { Length: > 0 and <= 64 } sticker && sticker.All(char.IsAsciiLetterOrDigit) ? sticker : null;

    // {oaId, userId, groupId, type: text|sticker, text, stickerId}: the user writes in a group they are a member of.
    private static async Task<IResult> SendToGroupAsync(HttpContext context, ZaloEmulator emulator, JsonObject body, string oaId, string userId, string groupId)
    {
        if (!emulator.IsGroupOf(oaId, groupId))
        {
            return Problem(404, "Unknown group of this OA.");
        }

        if (!emulator.IsGroupMember(groupId, userId))
        {
            return Problem(409, "Join the group before writing in it.");
        }

        EmulatedWebhook webhook;
        switch (Wire.Str(body, "type"))
        {
            case "text":
                if (TextOf(body) is not { } text)
                {
                    return Problem(400, "text: 1 to 2000 characters.");
                }

                webhook = emulator.Events.UserSendGroupText(oaId, groupId, userId, text);
                break;
            case "sticker":
                if (StickerOf(body) is not { } sticker)
                {
                    return Problem(400, "stickerId: letters and digits.");
                }

                webhook = emulator.Events.UserSendGroupSticker(oaId, groupId, userId, sticker);
                break;
            default:
                return Problem(400, "type: text or sticker in a group.");
        }

        return await DeliverAsync(context, emulator, webhook, new JsonObject { ["id"] = webhook.MessageId }).ConfigureAwait(false);
    }

    // {oaId, userId, groupId, join: true|false}: joins (or asks to join) a group, or leaves it.
    private async Task<IResult> GroupMembershipAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var (emulator, body, oaId, userId) = request;
        if (Wire.Str(body, "groupId") is not { } groupId || !emulator.IsGroupOf(oaId, groupId))
        {
            return Problem(404, "Unknown group of this OA.");
        }

        EmulatedWebhook webhook;
        try
        {
            if (body["join"]?.GetValueKind() == JsonValueKind.False)
            {
                emulator.RequireGroupMember(oaId, groupId, userId);
                webhook = emulator.Events.UserLeaveGroup(oaId, groupId, userId);
            }
            else
            {
                webhook = emulator.NeedsJoinApproval(oaId, groupId, userId)
                    ? emulator.Events.UserRequestJoinGroup(oaId, groupId, userId)
                    : emulator.Events.UserJoinGroup(oaId, groupId, userId);
            }
        }
        catch (InvalidOperationException ex)
        {
            return Problem(409, ex.Message);
        }

        return await DeliverAsync(context, emulator, webhook, []).ConfigureAwait(false);
    }

    // ?oaId&userId&type=image|file|video&name=...&caption=..., the file's bytes as the body.
    private async Task<IResult> UploadAsync(HttpContext context, string? oaId, string? userId, string? type, string? name, string? caption)
    {
        if (!context.Request.Headers.ContainsKey(CsrfHeader))
        {
            return Problem(400, "Missing " + CsrfHeader + " header.");
        }

        var emulator = Emulator(context);
        if (Known(emulator, oaId, userId) is { } unknown)
        {
            return unknown;
        }

        if (context.Request.ContentLength is not { } length || length is <= 0 or > MaxUploadBytes)
        {
            return Problem(400, "Send the file as the body, 1 byte to 10 MB.");
        }

        var fileName = Path.GetFileName(name ?? string.Empty);
        if (fileName.Length is 0 or > 200)
        {
            return Problem(400, "name: the file name.");
        }

        var bytes = new byte[length];
        await context.Request.Body.ReadExactlyAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        var extension = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim()[..Math.Min(caption.Trim().Length, MaxTextLength)];
        EmulatedWebhook webhook;
        switch (type)
        {
            case "image" when extension is "jpg" or "jpeg" or "png":
                webhook = emulator.Events.UserSendImage(oaId!, userId!, caption, bytes);
                break;
            case "image" when extension == "gif":
                webhook = emulator.Events.UserSendGif(oaId!, userId!);
                break;
            case "video" when extension == "mp4":
                webhook = emulator.Events.UserSendVideo(oaId!, userId!, caption ?? string.Empty, bytes);
                break;
            case "file":
                webhook = emulator.Events.UserSendFile(oaId!, userId!, fileName, bytes);
                break;
            default:
                return Problem(400, "type=image (jpg, png, gif), video (mp4) or file.");
        }

        return await DeliverAsync(context, emulator, webhook, new JsonObject { ["id"] = webhook.MessageId }).ConfigureAwait(false);
    }

    // {oaId, userId, follow: true|false}.
    private async Task<IResult> FollowAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var (emulator, body, oaId, userId) = request;

        var webhook = body["follow"]?.GetValueKind() == JsonValueKind.False
            ? emulator.Events.Unfollow(oaId, userId)
            : emulator.Events.Follow(oaId, userId);
        return await DeliverAsync(context, emulator, webhook, []).ConfigureAwait(false);
    }

    // {oaId, userId, messageId (the request_user_info message), name, phone, dob, gender, city, ward, address}.
    private async Task<IResult> SubmitInfoAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var (emulator, body, oaId, userId) = request;
        var messageId = Wire.Str(body, "messageId");

        if (messageId is null || !emulator.IsOaMessage(oaId, userId, messageId, "request_user_info"))
        {
            return Problem(400, "messageId: a request_user_info message of this conversation.");
        }

        string Field(string field, int max)
        {
            var value = (Wire.Str(body, field) ?? string.Empty).Trim();
            return value.Length > max ? value[..max] : value;
        }

        var info = new EmulatedUserInfo
        {
            Name = Field("name", 100),
            Phone = Field("phone", 20),
            UserDob = Field("dob", 10),
            Gender = Field("gender", 10),
            City = Field("city", 100),
            Ward = Field("ward", 100),
            Address = Field("address", 200),
        };
        if (info.Name.Length == 0 || info.Phone.Length == 0)
        {
            return Problem(400, "name and phone are required.");
        }

        emulator.MarkAnswered(oaId, userId, messageId);
        return await DeliverAsync(context, emulator, emulator.Events.UserSubmitInfo(oaId, userId, info), []).ConfigureAwait(false);
    }

    // {oaId, userId, messageId, icon}.
    private async Task<IResult> ReactAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var (emulator, body, oaId, userId) = request;
        var messageId = Wire.Str(body, "messageId");
        var icon = Wire.Str(body, "icon");

        if (messageId is null || !emulator.IsOaMessage(oaId, userId, messageId))
        {
            return Problem(400, "messageId: an OA message of this conversation.");
        }

        if (icon is not (":>" or "--b" or ":-((" or "/-strong" or "/-heart" or ":-h" or ":o" or "/-remove"))
        {
            return Problem(400, "icon: one of Zalo's reaction codes.");
        }

        return await DeliverAsync(context, emulator, emulator.Events.UserReactedMessage(oaId, userId, messageId, icon), []).ConfigureAwait(false);
    }

    // {oaId, userId, ids: [...], seen: bool}: the page showed these OA messages (seen when visible).
    private async Task<IResult> ShownAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        var (emulator, body, oaId, userId) = request;

        if (body["ids"] is not JsonArray { Count: > 0 and <= 500 } array || array.Any(i => i?.GetValueKind() != JsonValueKind.String))
        {
            return Problem(400, "ids: 1 to 500 message ids.");
        }

        emulator.ReportShown(oaId, userId, [.. array.Select(i => i!.GetValue<string>())], body["seen"]?.GetValueKind() == JsonValueKind.True);
        return Json(new JsonObject());
    }

    private IResult ServeMedia(HttpContext context, string name)
    {
        if (Emulator(context).Media(name) is not { } media)
        {
            return Results.NotFound();
        }

        // Only types a browser shows inertly are served inline; anything else downloads. nosniff
        // keeps a browser from guessing HTML or script out of a user's file.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var inline = media.ContentType.StartsWith("image/", StringComparison.Ordinal) && media.ContentType != "image/svg+xml"
            || media.ContentType.StartsWith("video/", StringComparison.Ordinal)
            || media.ContentType.StartsWith("audio/", StringComparison.Ordinal)
            || media.ContentType == "application/pdf";
        return inline
            ? Results.Bytes(media.Content, media.ContentType)
            : Results.File(media.Content, "application/octet-stream", name);
    }

    private static async Task<IResult> DeliverAsync(HttpContext context, ZaloEmulator emulator, EmulatedWebhook webhook, JsonObject answer)
    {
        if (emulator.WebhookUrl is not { } url)
        {
            return Problem(409, "The emulator has no WebhookUrl: set ZaloEmulator.WebhookUrl to the app's webhook endpoint.");
        }

        try
        {
            var status = await emulator.PostWebhookAsync(emulator.WebhookClient, url, webhook, context.RequestAborted).ConfigureAwait(false);
            answer["webhookStatus"] = (int)status;
            return Json(answer);
        }
        catch (HttpRequestException ex)
        {
            return Problem(502, "The app's webhook could not be reached: " + ex.Message);
        }
    }

    // A state-changing call about one user of one OA: its JSON body, the emulator, and the OA and
    // user it names, both checked to exist.
    private async Task<(SimulatorRequest? Request, IResult? Problem)> ReadAsync(HttpContext context)
    {
        var (body, problem) = await ReadJsonAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return (null, problem);
        }

        var emulator = Emulator(context);
        var (oaId, userId) = (Wire.Str(body, "oaId"), Wire.Str(body, "userId"));
        return Known(emulator, oaId, userId ?? string.Empty) is { } unknown
            ? (null, unknown)
            : (new SimulatorRequest(emulator, body, oaId!, userId!), null);
    }

    private sealed record SimulatorRequest(ZaloEmulator Emulator, JsonObject Body, string OaId, string UserId);

    private static async Task<(JsonObject? Body, IResult? Problem)> ReadJsonAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Headers.ContainsKey(CsrfHeader))
        {
            return (null, Problem(400, "Missing " + CsrfHeader + " header."));
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Problem(415, "Send application/json."));
        }

        if (request.ContentLength is > MaxJsonBytes)
        {
            return (null, Problem(413, "At most 64 KB of JSON."));
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxJsonBytes)
        {
            return (null, Problem(413, "At most 64 KB of JSON."));
        }

        return Wire.ParseObject(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)) is { } body
            ? (body, null)
            : (null, Problem(400, "The body is not a JSON object."));
    }

    // Ids from the page are claims: the OA must exist, the user (when given) be one of its users,
    // and the group (when given) be one of its groups.
    private static IResult? Known(ZaloEmulator emulator, string? oaId, string? userId, string? groupId) =>
        Known(emulator, oaId, userId) ?? (groupId is not null && !emulator.IsGroupOf(oaId!, groupId) ? Problem(404, "Unknown group of this OA.") : null);

    private static IResult? Known(ZaloEmulator emulator, string? oaId, string? userId)
    {
        var accounts = emulator.AccountsJson();
        var oa = accounts.OfType<JsonObject>().FirstOrDefault(a => Wire.Str(a, "oaId") == oaId);
        if (oa is null)
        {
            return Problem(404, "Unknown OA.");
        }

        if (userId is not null && !(oa["users"] as JsonArray)!.OfType<JsonObject>().Any(u => Wire.Str(u, "userId") == userId))
        {
            return Problem(404, "Unknown user of this OA.");
        }

        return null;
    }

    // Emulator URLs as paths relative to where they are used: "zalo/..." from the page at the
    // mount, "../..." from an article page at zalo/article/{id}.
    private static Func<string, string> Rewriter(ZaloEmulator emulator, string relativeRoot)
    {
        var prefix = emulator.BaseUrl.AbsoluteUri;
        return url => url.StartsWith(prefix + "media/", StringComparison.Ordinal) || url.StartsWith(prefix + "article/", StringComparison.Ordinal)
            ? relativeRoot + url[prefix.Length..]
            : url;
    }

    // Every URL on the emulator becomes a path under this mount, relative to the page.
    private static JsonNode Rewrite(ZaloEmulator emulator, JsonNode node)
    {
        var rewrite = Rewriter(emulator, "zalo/");
        Walk(node);
        return node;

        void Walk(JsonNode? current)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var key in obj.Select(p => p.Key).ToList())
                    {
                        if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                        {
                            obj[key] = rewrite(value.GetValue<string>());
                        }
                        else
                        {
                            Walk(obj[key]);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }
    }

    private static IResult Asset(string name) =>
        EmbeddedAssets.Find(name) is { } asset
            ? new AssetResult(asset.Content, asset.ContentType)
            : Results.NotFound();

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(Wire.JsonOptions), "application/json; charset=utf-8");

    private static IResult Problem(int status, string message) =>
        Results.Text(new JsonObject { ["error"] = message }.ToJsonString(Wire.JsonOptions), "application/json; charset=utf-8", statusCode: status);

    private sealed class AssetResult(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-cache";
            httpContext.Response.ContentType = contentType;
            return httpContext.Response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
