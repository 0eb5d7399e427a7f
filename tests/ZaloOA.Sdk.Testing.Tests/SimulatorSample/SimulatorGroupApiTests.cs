using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Testing.Tests.SimulatorSample;

/// <summary>The chat simulator's group conversations through its API, on the sample bot: the OA's
/// groups in the picker, joining and leaving, writing in a group, who wrote what.</summary>
public sealed class SimulatorGroupApiTests : IAsyncLifetime
{
    private ChatBotApp _bot = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bot = await ChatBotApp.StartAsync();

    public async ValueTask DisposeAsync() => await _bot.DisposeAsync();

    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "simulator/" + path)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Zalo-Simulator", "1");
        return await _bot.Http.SendAsync(request, Ct);
    }

    private async Task<string> AddCitizenAsync(string name)
    {
        using var response = await PostAsync("api/citizens", new { oaId = ChatBotApp.OaId, displayName = name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["userId"]!;
    }

    private async Task<JsonObject> GroupAsync(string groupId)
    {
        var accounts = JsonNode.Parse(await _bot.Http.GetStringAsync("simulator/api/accounts", Ct))!.AsArray();
        return accounts.Single(a => (string)a!["oaId"]! == ChatBotApp.OaId)!["groups"]!.AsArray().Single(g => (string)g!["groupId"]! == groupId)!.AsObject();
    }

    [Fact]
    public async Task The_oas_groups_are_offered_with_their_members()
    {
        var userId = await AddCitizenAsync("Trần Thị Bình");
        var groupId = _bot.Emulator.AddGroup(ChatBotApp.OaId, "Tổ an ninh khu phố 2", [userId]);

        var group = await GroupAsync(groupId);

        Assert.Equal(("Tổ an ninh khu phố 2", true), ((string)group["name"]!, (bool)group["enabled"]!));
        Assert.Equal([userId], group["members"]!.AsArray().Select(m => (string)m!));
    }

    [Fact]
    public async Task Joining_writing_and_leaving_a_group_reach_the_bot_as_group_events()
    {
        var userId = await AddCitizenAsync("Trần Thị Bình");
        var groupId = _bot.Emulator.AddGroup(ChatBotApp.OaId, "Tổ an ninh khu phố 2");

        using var joined = await PostAsync("api/group", new { oaId = ChatBotApp.OaId, userId, groupId, join = true });
        using var sent = await PostAsync("api/send", new { oaId = ChatBotApp.OaId, userId, groupId, type = "text", text = "Có người lạ trước nhà số 5" });
        using var left = await PostAsync("api/group", new { oaId = ChatBotApp.OaId, userId, groupId, join = false });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (joined.StatusCode, sent.StatusCode, left.StatusCode));
        var join = await _bot.Inbox.WaitForAsync<UserJoinGroupEvent>();
        var text = await _bot.Inbox.WaitForAsync<UserSendGroupTextEvent>();
        var leave = await _bot.Inbox.WaitForAsync<UserLeaveGroupEvent>();
        Assert.Equal((groupId, userId), (join.GroupId, join.UserId));
        Assert.Equal((groupId, userId, ChatBotApp.OaId, "Có người lạ trước nhà số 5"), (text.GroupId, text.UserId, text.OaId, text.Text));
        Assert.Equal((groupId, userId), (leave.GroupId, leave.UserId));
        Assert.Empty((await GroupAsync(groupId))["members"]!.AsArray());
    }

    [Fact]
    public async Task The_group_conversation_shows_who_wrote_each_message_and_the_oas_posts()
    {
        var binh = await AddCitizenAsync("Trần Thị Bình");
        var an = await AddCitizenAsync("Nguyễn Văn An");
        var groupId = _bot.Emulator.AddGroup(ChatBotApp.OaId, "Tổ an ninh khu phố 2", [binh, an]);
        await _bot.Emulator.Citizen(ChatBotApp.OaId, an).SendGroupTextAsync(groupId, "Chào cả nhóm", Ct);
#pragma warning disable ZALO003 // the OA posts through the SDK's experimental group API
        await _bot.App.Services.GetRequiredService<IZaloOAClientFactory>().GetClient(ChatBotApp.OaId).Groups.SendTextAsync(groupId, "Cảnh báo: giả danh công an", Ct);
#pragma warning restore ZALO003
        using var sent = await PostAsync("api/send", new { oaId = ChatBotApp.OaId, userId = binh, groupId, type = "sticker", stickerId = "bfe458bf64fa8da4d4eb" });

        var json = JsonNode.Parse(await _bot.Http.GetStringAsync($"simulator/api/conversation?oa={ChatBotApp.OaId}&user={binh}&group={groupId}", Ct))!;

        var messages = json["messages"]!.AsArray();
        Assert.Equal(
            [("Nguyễn Văn An", false, false), (ChatBotApp.OaName, true, false), ("Trần Thị Bình", false, true)],
            messages.Select(m => ((string)m!["sender"]!, (bool)m["fromOa"]!, (bool)m["mine"]!)));
        Assert.Equal(("Chào cả nhóm", "Cảnh báo: giả danh công an"), ((string)messages[0]!["message"]!["text"]!, (string)messages[1]!["message"]!["text"]!));
        Assert.Equal("sticker", (string)messages[2]!["message"]!["attachments"]![0]!["type"]!);
        // The group's messages stay out of the member's 1:1 chat with the OA.
        Assert.DoesNotContain(JsonNode.Parse(await _bot.Http.GetStringAsync($"simulator/api/conversation?oa={ChatBotApp.OaId}&user={binh}", Ct))!["messages"]!.AsArray(), m => (string?)m!["message"]!["text"] == "Chào cả nhóm");
    }

    [Fact]
    public async Task Writing_in_a_group_without_being_a_member_or_in_another_oas_group_is_refused()
    {
        var userId = await AddCitizenAsync("Trần Thị Bình");
        var groupId = _bot.Emulator.AddGroup(ChatBotApp.OaId, "Tổ an ninh khu phố 2");
        _bot.Emulator.AddOfficialAccount("4000000000000000004", "OA khác");
        var foreign = _bot.Emulator.AddGroup("4000000000000000004", "Nhóm OA khác");

        using var notMember = await PostAsync("api/send", new { oaId = ChatBotApp.OaId, userId, groupId, type = "text", text = "Xin chào" });
        using var otherOa = await PostAsync("api/send", new { oaId = ChatBotApp.OaId, userId, groupId = foreign, type = "text", text = "Xin chào" });
        using var otherOaView = await _bot.Http.GetAsync($"simulator/api/conversation?oa={ChatBotApp.OaId}&user={userId}&group={foreign}", Ct);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (notMember.StatusCode, otherOa.StatusCode, otherOaView.StatusCode));
        Assert.DoesNotContain(_bot.Inbox.Events, e => e is GroupMessageEvent);
    }
}
