using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using ZaloOA.Sdk.Tests.Messaging;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Conversations;

public class ConversationsTests
{
    [Fact]
    public async Task Conversation_gets_v2_with_user_offset_and_count_and_reads_both_message_shapes()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v2.0/oa/conversation", Fixtures.Text("Conversations", "conversation"));

        var messages = await host.Client.Conversations.GetMessagesAsync("2468458835296197922", 0, 10, Ct);

        host.ReceivedData("/v2.0/oa/conversation", """{"user_id":"2468458835296197922","offset":0,"count":10}""");
        Assert.Equal(2, messages.Count);
        Assert.True(messages[0].IsFromUser);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732867200000), messages[0].Time);
        Assert.Equal("m-2", messages[0].Id);
        Assert.Equal("2468458835296197922", messages[0].FromId);
        Assert.False(messages[1].IsFromUser);
        Assert.Equal("m-1", messages[1].Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1732867100000), messages[1].Time);
        Assert.Equal("21.0", messages[1].Location!.Value.GetProperty("latitude").GetString());
    }

    [Fact]
    public async Task Count_over_10_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Conversations.GetRecentAsync(0, 11, Ct));

        Assert.Equal("count", ex.ParamName);
        Assert.Contains("between 1 and 10", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Recent_chats_get_v2_listrecentchat()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/listrecentchat", """[{"src":1,"time":1,"type":"text","message":"hi","message_id":"x"}]""");

        var recent = await host.Client.Conversations.GetRecentAsync(5, 3, Ct);

        host.ReceivedData("/v2.0/oa/listrecentchat", """{"offset":5,"count":3}""");
        Assert.Equal("hi", Assert.Single(recent).Message);
    }

    [Fact]
    public async Task All_recent_chats_page_until_a_short_page()
    {
        await using var host = new ZaloTestHost();
        var full = "[" + string.Join(",", Enumerable.Range(0, 10).Select(i => $$"""{"message_id":"a{{i}}"}""")) + "]";
        host.Server.Given(Request.Create().WithPath("/v2.0/oa/listrecentchat").WithParam("data", """{"offset":0,"count":10}"""))
            .RespondWith(Response.Create().WithBody("{\"error\":0,\"data\":" + full + "}"));
        host.Server.Given(Request.Create().WithPath("/v2.0/oa/listrecentchat").WithParam("data", """{"offset":10,"count":10}"""))
            .RespondWith(Response.Create().WithBody("""{"error":0,"data":[{"message_id":"b0"}]}"""));

        var count = 0;
        await foreach (var _ in host.Client.Conversations.GetAllRecentAsync(Ct))
        {
            count++;
        }

        Assert.Equal(11, count);
        Assert.Equal(2, host.Server.LogEntries.Count);
    }
}
