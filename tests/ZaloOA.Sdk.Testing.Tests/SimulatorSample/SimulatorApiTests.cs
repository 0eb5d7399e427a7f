using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Testing.Tests.SimulatorSample;

/// <summary>The chat simulator through its HTTP and SSE API, on the sample bot.</summary>
public sealed class SimulatorApiTests : IAsyncLifetime
{
    private ChatBotApp _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bot = await ChatBotApp.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string path, object body, bool csrfHeader = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "simulator/" + path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (csrfHeader)
        {
            request.Headers.Add("X-Zalo-Simulator", "1");
        }

        return _bot.Http.SendAsync(request, Ct);
    }

    private async Task<JsonObject> PostOkAsync(string path, object body)
    {
        using var response = await PostAsync(path, body);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<string> AddCitizenAsync(string name = "Trần Thị Bình")
    {
        var added = await PostOkAsync("api/citizens", new { oaId = ChatBotApp.OaId, displayName = name });
        Assert.Equal(200, (int)added["webhookStatus"]!);
        return (string)added["userId"]!;
    }

    private async Task<JsonArray> ConversationAsync(string userId)
    {
        var json = JsonNode.Parse(await _bot.Http.GetStringAsync($"simulator/api/conversation?oa={ChatBotApp.OaId}&user={userId}", Ct))!;
        return json["messages"]!.AsArray();
    }

    private Task SendTextAsync(string userId, string text, bool hidden = false) =>
        PostOkAsync("api/send", new { oaId = ChatBotApp.OaId, userId, type = "text", text, hidden });

    [Fact]
    public async Task Page_loads_its_script_and_styles_as_files_with_no_inline_code()
    {
        var html = await _bot.Http.GetStringAsync("simulator/", Ct);

        Assert.Contains("<script src=\"assets/simulator.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/simulator.css\">", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*src=)", html);
        Assert.DoesNotMatch(@"\sstyle=|<style|\son[a-z]+=", html);
        foreach (var (asset, type) in new[] { ("simulator.js", "text/javascript; charset=utf-8"), ("simulator.css", "text/css; charset=utf-8"), ("article.css", "text/css; charset=utf-8") })
        {
            using var response = await _bot.Http.GetAsync("simulator/assets/" + asset, Ct);
            Assert.Equal((HttpStatusCode.OK, type, "nosniff"), (response.StatusCode, response.Content.Headers.ContentType!.ToString(), response.Headers.GetValues("X-Content-Type-Options").Single()));
        }
    }

    [Fact]
    public async Task Mount_without_a_trailing_slash_redirects_to_the_page()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _bot.BaseUrl };
        using var response = await client.GetAsync("simulator?oa=1", Ct);

        Assert.Equal((HttpStatusCode.Redirect, "/simulator/?oa=1"), (response.StatusCode, response.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task Adding_a_citizen_posts_a_follow_and_lists_them_as_a_follower()
    {
        var userId = await AddCitizenAsync();

        var follow = await _bot.Inbox.WaitForAsync<FollowEvent>();
        Assert.Equal((ChatBotApp.OaId, userId), (follow.OaId, follow.UserId));
        var accounts = JsonNode.Parse(await _bot.Http.GetStringAsync("simulator/api/accounts", Ct))!.AsArray();
        var user = Assert.Single(accounts.Single(a => (string)a!["oaId"]! == ChatBotApp.OaId)!["users"]!.AsArray());
        Assert.Equal((userId, "Trần Thị Bình", true), ((string)user!["userId"]!, (string)user["displayName"]!, (bool)user["isFollower"]!));
    }

    [Fact]
    public async Task Text_reaches_the_bot_and_its_buttons_reply_follows_it_in_order_with_line_breaks()
    {
        var userId = await AddCitizenAsync();

        await SendTextAsync(userId, "Xin chào\nTôi cần giúp đỡ");

        var messages = await ConversationAsync(userId);
        Assert.Equal(2, messages.Count);
        Assert.Equal((false, "Xin chào\nTôi cần giúp đỡ", "delivered", 200), ((bool)messages[0]!["fromOa"]!, (string)messages[0]!["message"]!["text"]!, (string)messages[0]!["state"]!, (int)messages[0]!["webhookStatus"]!));
        var reply = messages[1]!;
        Assert.Equal((true, ChatBot.Greeting, "api", "sent"), ((bool)reply["fromOa"]!, (string)reply["message"]!["text"]!, (string)reply["origin"]!, (string)reply["state"]!));
        Assert.True((long)reply["seq"]! > (long)messages[0]!["seq"]!);
        var buttons = reply["message"]!["attachment"]!["payload"]!["buttons"]!.AsArray();
        Assert.Equal(["Tin tức", "Liên hệ", "Hồ sơ"], buttons.Select(b => (string)b!["title"]!));
        Assert.Equal(("oa.query.show", "#tintuc"), ((string)buttons[0]!["type"]!, (string)buttons[0]!["payload"]!));
    }

    [Fact]
    public async Task Images_files_videos_stickers_and_locations_reach_the_app_as_their_events_in_order()
    {
        var userId = await AddCitizenAsync();
        foreach (var (type, name) in new[] { ("image", "hien-truong.png"), ("file", "don.pdf"), ("video", "clip.mp4") })
        {
            using var upload = new HttpRequestMessage(HttpMethod.Post, $"simulator/api/upload?oaId={ChatBotApp.OaId}&userId={userId}&type={type}&name={name}") { Content = new ByteArrayContent(ChatBotApp.Png) };
            upload.Headers.Add("X-Zalo-Simulator", "1");
            using var response = await _bot.Http.SendAsync(upload, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await PostOkAsync("api/send", new { oaId = ChatBotApp.OaId, userId, type = "sticker", stickerId = "bfe458bf64fa8da4d4eb" });
        await PostOkAsync("api/send", new { oaId = ChatBotApp.OaId, userId, type = "location", latitude = "9.9347", longitude = "106.3455" });

        Assert.Equal(["follow", "user_send_image", "user_send_file", "user_send_video", "user_send_sticker", "user_send_location"], _bot.Inbox.Events.Select(e => e.EventName.Value));
        var image = (UserSendImageEvent)_bot.Inbox.Events[1];
        Assert.Equal(ChatBotApp.Png, await new HttpClient().GetByteArrayAsync(image.Attachments[0].Payload!.Url, Ct));
        var shown = await ConversationAsync(userId);
        Assert.Equal(["image", "file", "video", "sticker", "location"], shown.Select(m => (string)m!["message"]!["attachments"]![0]!["type"]!));
        Assert.StartsWith("zalo/media/", (string)shown[0]!["message"]!["attachments"]![0]!["payload"]!["url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hidden_query_reaches_the_bot_but_is_not_shown_in_the_chat()
    {
        var userId = await AddCitizenAsync();

        await SendTextAsync(userId, "#lienhe", hidden: true);

        var received = await _bot.Inbox.WaitForAsync<UserSendTextEvent>();
        Assert.Equal("#lienhe", received.Text);
        var shown = Assert.Single(await ConversationAsync(userId));
        Assert.Equal(ChatBot.Contact, (string)shown!["message"]!["text"]!);
    }

    [Fact]
    public async Task State_changing_call_without_the_simulator_header_is_refused_and_posts_nothing()
    {
        var userId = await AddCitizenAsync();
        var before = _bot.Inbox.Events.Count;

        using var response = await PostAsync("api/send", new { oaId = ChatBotApp.OaId, userId, type = "text", text = "giả mạo" }, csrfHeader: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, _bot.Inbox.Events.Count);
        Assert.Empty(await ConversationAsync(userId));
    }

    [Fact]
    public async Task Sending_as_an_unknown_user_or_to_an_unknown_oa_is_refused()
    {
        using var unknownUser = await PostAsync("api/send", new { oaId = ChatBotApp.OaId, userId = "999", type = "text", text = "x" });
        using var unknownOa = await PostAsync("api/send", new { oaId = "1", userId = "999", type = "text", text = "x" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknownUser.StatusCode, unknownOa.StatusCode));
        Assert.Empty(_bot.Inbox.Events);
    }

    [Fact]
    public async Task Event_stream_pushes_the_accounts_then_each_new_message()
    {
        var userId = await AddCitizenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"simulator/api/events?oa={ChatBotApp.OaId}&user={userId}");
        using var response = await _bot.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));

        var first = await ReadEventAsync(reader);
        Assert.Equal("accounts", first.Name);
        await SendTextAsync(userId, "Xin chào");
        var pushed = new List<JsonNode>();
        while (!pushed.Any(m => (bool)m["fromOa"]!))
        {
            var e = await ReadEventAsync(reader);
            if (e.Name == "messages")
            {
                pushed.AddRange(JsonNode.Parse(e.Data)!.AsArray()!);
            }
        }

        Assert.Equal("Xin chào", (string)pushed.First(m => !(bool)m["fromOa"]!)["message"]!["text"]!);
        Assert.Equal(ChatBot.Greeting, (string)pushed.Last(m => (bool)m["fromOa"]!)["message"]!["text"]!);
    }

    private static async Task<(string Name, string Data)> ReadEventAsync(StreamReader reader)
    {
        string? name = null;
        var data = new StringBuilder();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && name is not null)
            {
                return (name, data.ToString());
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line["data: ".Length..]);
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    [Fact]
    public async Task Every_api_send_reaches_the_app_as_its_echo_with_the_same_message_id()
    {
        var userId = await AddCitizenAsync();

        await SendTextAsync(userId, "#tintuc");

        var echo = await _bot.Inbox.WaitForAsync<OaSendMessageEvent>();
        var sent = Assert.Single(_bot.Emulator.SentMessages);
        Assert.Equal(("oa_send_list", sent.MessageId, ChatBotApp.OaId, userId, null), (echo.EventName.Value, echo.MessageId, echo.OaId, echo.UserId, echo.AdminId));
        var attachment = Assert.Single(echo.Message!.Attachments!);
        Assert.Equal("template", attachment.Type);
    }

    [Fact]
    public async Task Echoes_are_not_sent_when_the_options_turn_them_off()
    {
        await using var bot = await ChatBotApp.StartAsync(o => o.SendEchoEvents = false);
        var added = JsonNode.Parse(await (await bot.Http.SendAsync(Json("simulator/api/citizens", new { oaId = ChatBotApp.OaId, displayName = "An" }), Ct)).Content.ReadAsStringAsync(Ct))!;
        var userId = (string)added["userId"]!;
        using var sent = await bot.Http.SendAsync(Json("simulator/api/send", new { oaId = ChatBotApp.OaId, userId, type = "text", text = "Xin chào" }), Ct);
        await bot.Emulator.WaitForMessageAsync(_ => true, TimeSpan.FromSeconds(30), Ct);
        await bot.Emulator.SendFromOaManagerAsync(ChatBotApp.OaId, userId, "Sau khi tắt tiếng vọng", cancellationToken: Ct);

        // The OA Manager's echo is posted explicitly (and awaited); the API send's was not posted before it.
        await bot.Inbox.WaitForAsync<OaSendMessageEvent>();
        Assert.Equal(["follow", "user_send_text", "oa_send_text"], bot.Inbox.Events.Select(e => e.EventName.Value));
    }

    private static HttpRequestMessage Json(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Zalo-Simulator", "1");
        return request;
    }

    [Fact]
    public async Task A_message_from_the_oa_manager_is_shown_and_reaches_the_app_as_an_echo_with_the_admin()
    {
        var userId = await AddCitizenAsync();

        var delivery = await _bot.Emulator.SendFromOaManagerAsync(ChatBotApp.OaId, userId, "Chúng tôi đã nhận\nđơn của bạn", adminId: "777", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.OK, delivery.StatusCode);
        var echo = await _bot.Inbox.WaitForAsync<OaSendMessageEvent>();
        Assert.Equal(("oa_send_text", "Chúng tôi đã nhận\nđơn của bạn", "777"), (echo.EventName.Value, echo.Text, echo.AdminId));
        var shown = Assert.Single(await ConversationAsync(userId));
        Assert.Equal((echo.MessageId, "oa_manager"), ((string?)shown!["id"], (string)shown["origin"]!));
        Assert.Empty(_bot.Emulator.SentMessages);
    }

    [Fact]
    public async Task Shown_messages_are_reported_received_one_by_one_and_seen_together()
    {
        var userId = await AddCitizenAsync();
        var delivered = await _bot.Emulator.SendFromOaManagerAsync(ChatBotApp.OaId, userId, "Một", cancellationToken: Ct);
        var second = await _bot.Emulator.SendFromOaManagerAsync(ChatBotApp.OaId, userId, "Hai", cancellationToken: Ct);
        string[] ids = [delivered.Event.MessageId!, second.Event.MessageId!];

        await PostOkAsync("api/shown", new { oaId = ChatBotApp.OaId, userId, ids, seen = true });

        var seen = await _bot.Inbox.WaitForAsync<UserSeenMessageEvent>();
        Assert.Equal(ids, seen.MessageIds);
        var received = _bot.Inbox.Events.OfType<UserReceivedMessageEvent>().Select(e => e.MessageId).ToList();
        Assert.Equal(ids, received);
        Assert.All(await ConversationAsync(userId), m => Assert.Equal("seen", (string)m!["state"]!));
    }

    [Fact]
    public async Task A_user_reaction_reaches_the_app_and_shows_on_the_oa_message()
    {
        var userId = await AddCitizenAsync();
        var delivery = await _bot.Emulator.SendFromOaManagerAsync(ChatBotApp.OaId, userId, "Một", cancellationToken: Ct);

        await PostOkAsync("api/react", new { oaId = ChatBotApp.OaId, userId, messageId = delivery.Event.MessageId, icon = "/-heart" });

        var reaction = await _bot.Inbox.WaitForAsync<MessageReactionEvent>();
        Assert.Equal(("user_reacted_message", delivery.Event.MessageId, "/-heart", false), (reaction.EventName.Value, reaction.MessageId, reaction.Message!.ReactIcon, reaction.IsFromOa));
        Assert.Equal("/-heart", (string)Assert.Single(await ConversationAsync(userId))!["reaction"]!);
    }

    [Fact]
    public async Task An_oa_reaction_through_the_api_reaches_the_app_as_oa_reacted_message()
    {
        var userId = await AddCitizenAsync();
        var sent = await PostOkAsync("api/send", new { oaId = ChatBotApp.OaId, userId, type = "text", text = "#hoso" });
        var client = _bot.App.Services.GetRequiredService<IZaloOAClientFactory>().GetClient(ChatBotApp.OaId);

        await client.Messages.SendReactionAsync(userId, (string)sent["id"]!, ZaloReactionIcon.Heart, Ct);

        var reaction = await _bot.Inbox.WaitForAsync<MessageReactionEvent>();
        Assert.Equal(("oa_reacted_message", (string?)sent["id"], true), (reaction.EventName.Value, reaction.MessageId, reaction.IsFromOa));
        Assert.Equal("/-heart", (string)(await ConversationAsync(userId))[0]!["reaction"]!);
    }

    [Fact]
    public async Task An_image_send_is_echoed_as_oa_send_image_with_its_media_url()
    {
        var userId = await AddCitizenAsync();
        var client = _bot.App.Services.GetRequiredService<IZaloOAClientFactory>().GetClient(ChatBotApp.OaId);
        var upload = await client.Uploads.UploadImageAsync(ChatBotApp.Png, "anh.png", Ct);

        var sent = await client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(userId), Message = ZaloImageMessage.FromAttachment(upload.AttachmentId!, "Hiện trường") }, Ct);

        var echo = await _bot.Inbox.WaitForAsync<OaSendMessageEvent>(e => e.MessageId == sent.MessageId);
        var image = Assert.Single(echo.Message!.Attachments!);
        Assert.Equal(("oa_send_image", "Hiện trường", "image", Assert.Single(_bot.Emulator.UploadedFiles).MediaUrl.AbsoluteUri), (echo.EventName.Value, echo.Text, image.Type, image.Payload!.Url));
    }

    [Fact]
    public async Task Request_user_info_form_round_trip_reaches_the_app_as_user_submit_info()
    {
        var userId = await AddCitizenAsync();
        await SendTextAsync(userId, "#hoso");
        var form = (await ConversationAsync(userId)).Last()!;
        Assert.Equal("request_user_info", (string)form["message"]!["attachment"]!["payload"]!["template_type"]!);

        await PostOkAsync("api/submit-info", new { oaId = ChatBotApp.OaId, userId, messageId = (string)form["id"]!, name = "Trần Thị Bình", phone = "84987654321", dob = "01/02/1990", gender = "Nữ", city = "Trà Vinh", ward = "Phường 1", address = "Số 2 Lê Lợi" });

        var submitted = await _bot.Inbox.WaitForAsync<UserSubmitInfoEvent>();
        Assert.Equal(("Trần Thị Bình", "84987654321", "Phường 1", "Số 2 Lê Lợi"), (submitted.Info!.Name, submitted.Info.Phone, submitted.Info.FullAddress!.Ward, submitted.Info.FullAddress.Address));
        Assert.True((bool)(await ConversationAsync(userId)).Last()!["answered"]!);
    }

    [Fact]
    public async Task Submitting_info_for_a_message_that_is_not_a_form_is_refused()
    {
        var userId = await AddCitizenAsync();
        await SendTextAsync(userId, "Xin chào");
        var greeting = (await ConversationAsync(userId)).Last()!;

        using var response = await PostAsync("api/submit-info", new { oaId = ChatBotApp.OaId, userId, messageId = (string)greeting["id"]!, name = "X", phone = "84" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(_bot.Inbox.Events, e => e is UserSubmitInfoEvent);
    }

    [Fact]
    public async Task Uploaded_image_is_served_at_its_media_url_and_shown_in_the_chat_from_the_same_origin()
    {
        var userId = await AddCitizenAsync();
        var client = _bot.App.Services.GetRequiredService<IZaloOAClientFactory>().GetClient(ChatBotApp.OaId);
        var upload = await client.Uploads.UploadImageAsync(ChatBotApp.Png, "anh.png", Ct);
        await client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(userId), Message = ZaloImageMessage.FromAttachment(upload.AttachmentId!) }, Ct);

        var media = Assert.Single(_bot.Emulator.UploadedFiles).MediaUrl;
        using var direct = await new HttpClient().GetAsync(media, Ct);
        Assert.Equal((HttpStatusCode.OK, "image/png"), (direct.StatusCode, direct.Content.Headers.ContentType!.MediaType));
        var shown = (await ConversationAsync(userId)).Last()!;
        var url = (string)shown["message"]!["attachment"]!["payload"]!["elements"]![0]!["url"]!;
        Assert.Equal("zalo/media/" + media.Segments[^1], url);
        Assert.Equal(ChatBotApp.Png, await _bot.Http.GetByteArrayAsync("simulator/" + url, Ct));
    }

    [Fact]
    public async Task Article_link_opens_the_published_article_with_every_value_escaped()
    {
        using var direct = await new HttpClient().GetAsync(_bot.ArticleLink, Ct);
        var html = await direct.Content.ReadAsStringAsync(Ct);

        Assert.Equal((HttpStatusCode.OK, "text/html"), (direct.StatusCode, direct.Content.Headers.ContentType!.MediaType));
        Assert.Contains("<h1>Cảnh báo lừa đảo &lt;qua điện thoại&gt;</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Kẻ gian giả danh công an gọi điện.</p><p>Hãy gọi 113.</p>", html, StringComparison.Ordinal);
        var cover = Assert.Single(_bot.Emulator.Articles).Json.GetProperty("cover").GetProperty("photo_url").GetString()!;
        Assert.Contains($"<img class=\"cover\" alt=\"\" src=\"{cover}\">", html, StringComparison.Ordinal);

        // The simulator's copy, same origin as the app: the cover from the simulator too.
        var id = new Uri(_bot.ArticleLink).Segments[^1];
        var copy = await _bot.Http.GetStringAsync("simulator/zalo/article/" + id, Ct);
        var coverName = new Uri(cover).Segments[^1];
        Assert.Equal(html.Replace(cover, "../media/" + coverName, StringComparison.Ordinal).Replace("/assets/article.css", "../../assets/article.css", StringComparison.Ordinal), copy);
        Assert.Equal(ChatBotApp.Png, await _bot.Http.GetByteArrayAsync("simulator/zalo/media/" + coverName, Ct));
        using var missing = await new HttpClient().GetAsync(new Uri(_bot.Emulator.BaseUrl, "article/0000"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Simulator_is_not_mapped_outside_development_unless_allowed()
    {
        await using var emulator = await ZaloEmulator.StartAsync(cancellationToken: Ct);
        foreach (var (allow, expected) in new[] { (false, HttpStatusCode.NotFound), (true, HttpStatusCode.OK) })
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
            builder.WebHost.UseTestServer();
            var app = builder.Build();
            app.MapZaloChatSimulator("/simulator", o => (o.Emulator, o.AllowOutsideDevelopment) = (emulator, allow));
            await app.StartAsync(Ct);
            using var response = await app.GetTestClient().GetAsync("/simulator/", Ct);
            Assert.Equal(expected, response.StatusCode);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Emulator_accepts_raw_utf8_and_escaped_json_bodies_alike()
    {
        var userId = await AddCitizenAsync();
        await SendTextAsync(userId, "Xin chào");
        var token = _bot.Emulator.IssueTokens(ChatBotApp.OaId).AccessToken;
        using var http = new HttpClient { BaseAddress = _bot.Emulator.BaseUrl };
        foreach (var body in new[] { $"{{\"recipient\":{{\"user_id\":\"{userId}\"}},\"message\":{{\"text\":\"Đã nhận\"}}}}", $"{{\"recipient\":{{\"user_id\":\"{userId}\"}},\"message\":{{\"text\":\"\\u0110\\u00e3 nh\\u1eadn\"}}}}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v3.0/oa/message/cs") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("access_token", token);
            using var response = await http.SendAsync(request, Ct);
            Assert.Equal(0, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["error"]!);
        }

        Assert.Equal(["Đã nhận", "Đã nhận"], _bot.Emulator.SentMessages.Skip(1).Select(m => m.Text));
    }
}
