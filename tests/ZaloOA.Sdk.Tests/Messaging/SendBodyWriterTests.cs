using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Messaging;

/// <summary>The send body is written into a reused per-thread buffer; a refused body must leave nothing behind.</summary>
public class SendBodyWriterTests
{
    private const string UserId = "2468458835296197922";
    private const string Cs = "/v3.0/oa/message/cs";

    [Fact]
    public async Task A_text_sent_after_a_list_refused_half_way_has_a_clean_body()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");
        var list = new ZaloListMessage(
        [
            new ZaloListElement("Tin tức", "Tuần này", "https://example.com/a.jpg"),
            new ZaloListElement("Thủ tục", DefaultAction: ZaloAction.OpenUrl("not a url")),
        ]);

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = list }, Ct));
        await host.Client.Messages.SendTextAsync(UserId, "Xin chào", Ct);

        Assert.Equal("message.attachment.payload.elements[1].default_action.url", ex.ParamName);
        host.ReceivedJson(Cs, """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Xin chào"}}""");
    }

    [Fact]
    public void Bodies_written_one_after_another_on_one_thread_are_independent()
    {
        var recipient = ZaloRecipient.User(UserId);

        var first = MessagesClient.WriteSendBody(recipient, new ZaloTextMessage(new string('a', 1500)));
        var second = MessagesClient.WriteSendBody(recipient, new ZaloTextMessage("b"));

        Assert.Equal("""{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"b"}}""", System.Text.Encoding.UTF8.GetString(second));
        Assert.Equal("{\"recipient\":{\"user_id\":\"2468458835296197922\"},\"message\":{\"text\":\"" + new string('a', 1500) + "\"}}", System.Text.Encoding.UTF8.GetString(first));
    }
}
