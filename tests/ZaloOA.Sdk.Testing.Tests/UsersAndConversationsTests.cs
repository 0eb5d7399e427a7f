using System.Text;
using System.Text.Json;
using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk.Testing.Tests;

public sealed class UsersAndConversationsTests
{
    private const string OtherUser = "5555555555555555555";

    [Fact]
    public async Task User_list_reads_the_data_parameter_and_filters_by_a_tag_set_through_tagfollower()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        host.Emulator.AddFollower(EmulatorSdkHost.OaId, OtherUser, "Trần Thị Bình");
        var ct = TestContext.Current.CancellationToken;
        await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, ZaloApiRequest.PostJsonBytes("tags.tag", "v2.0/oa/tag/tagfollower", Encoding.UTF8.GetBytes($$"""{"user_id":"{{OtherUser}}","tag_name":"to-dan-pho-3"}""")), ct);

        var list = await host.Connection.SendRawAsync(
            EmulatorSdkHost.OaId,
            ZaloApiRequest.Get("users.list", "v3.0/oa/user/getlist", "data=" + Uri.EscapeDataString("""{"offset":0,"count":50,"tag_name":"to-dan-pho-3"}""")),
            ct);

        Assert.Equal("""{"total":1,"count":1,"offset":0,"users":[{"user_id":"5555555555555555555"}]}""", Encoding.UTF8.GetString(list.DataSpan));
    }

    [Fact]
    public async Task Recent_chat_lists_the_latest_message_per_user_from_recorded_traffic()
    {
        await using var host = await EmulatorSdkHost.StartAsync();
        await host.SeedTokensAsync();
        var ct = TestContext.Current.CancellationToken;
        host.Emulator.AddFollower(EmulatorSdkHost.OaId, OtherUser, "Trần Thị Bình");
        var inbound = host.Emulator.Events.UserSendText(EmulatorSdkHost.OaId, OtherUser, "Cho hỏi thủ tục tạm trú");
        using (var sink = new HttpClient(new StubHandler()))
        {
            await host.Emulator.PostWebhookAsync(sink, new Uri("http://app.invalid/zalo/webhook"), inbound, ct);
        }

        host.Time.Advance(TimeSpan.FromMinutes(1));
        var reply = """{"recipient":{"message_id":"MID"},"message":{"text":"Bạn mang CCCD đến phường."}}""".Replace("MID", inbound.MessageId, StringComparison.Ordinal);
        await host.Connection.SendRawAsync(EmulatorSdkHost.OaId, ZaloApiRequest.PostJsonBytes("messages.cs", "v3.0/oa/message/cs", Encoding.UTF8.GetBytes(reply)), ct);

        var chats = await host.Connection.SendRawAsync(
            EmulatorSdkHost.OaId,
            ZaloApiRequest.Get("conversations.recent", "v2.0/oa/listrecentchat", "data=" + Uri.EscapeDataString("""{"offset":0,"count":10}""")),
            ct);

        using var data = JsonDocument.Parse(chats.DataSpan.ToArray());
        var latest = Assert.Single(data.RootElement.EnumerateArray());
        Assert.Equal(0, latest.GetProperty("src").GetInt32());
        Assert.Equal("Bạn mang CCCD đến phường.", latest.GetProperty("message").GetString());
        Assert.Equal(OtherUser, latest.GetProperty("to_id").GetString());
        Assert.Equal(OtherUser, Assert.Single(host.Emulator.SentMessages).UserId);
    }

    private sealed class StubHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }
}
