using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Messaging;

/// <summary>The send body is written into a reused per-thread buffer; a refused body must leave nothing
/// behind. Text is written as UTF-8, escaping only what JSON requires (the bytes are compared exactly).</summary>
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

    [Fact]
    public async Task Vietnamese_text_is_sent_as_utf8_not_as_unicode_escapes()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendTextAsync(UserId, "Công an phường 5 đã tiếp nhận phản ánh của anh/chị 👮", Ct);

        var sent = host.Server.SingleRequestTo(Cs).BodyAsBytes!;
        Assert.Equal(
            System.Text.Encoding.UTF8.GetBytes("""{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Công an phường 5 đã tiếp nhận phản ánh của anh/chị 👮"}}"""),
            sent);
    }

    [Fact]
    public void Only_what_json_requires_is_escaped()
    {
        var body = MessagesClient.WriteSendBody(ZaloRecipient.User(UserId), new ZaloTextMessage("\"<Đơn> & 'số' 1+1\\\n\tcuối\u0001\u007F\u2028"));

        Assert.Equal(
            System.Text.Encoding.UTF8.GetBytes("{\"recipient\":{\"user_id\":\"2468458835296197922\"},\"message\":{\"text\":\"\\\"<Đơn> & 'số' 1+1\\\\\\n\\tcuối\\u0001\u007F\u2028\"}}"),
            body);
    }

    [Fact]
    public void A_typical_vietnamese_reply_is_at_least_a_quarter_smaller_than_with_unicode_escapes()
    {
        const string reply = "Công an phường 5 đã tiếp nhận phản ánh số PA-2026-0142 của anh/chị. Cán bộ sẽ liên hệ trong 24 giờ.";

        var body = MessagesClient.WriteSendBody(ZaloRecipient.User(UserId), new ZaloTextMessage(reply));
        var escaped = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(reply).Length - System.Text.Encoding.UTF8.GetByteCount(reply) - 2;

        Assert.Equal(197, body.Length);
        Assert.Equal(258, body.Length + escaped);
    }

    [Fact]
    public void Bodies_serialised_from_wire_types_are_utf8_too()
    {
        var request = Internal.ZaloApiRequest.PostJson(
            "messages.template",
            "v3.0/oa/message/template",
            new TemplateByUidBody { UserId = UserId, TemplateId = "1", TemplateData = new() { ["ten"] = "Nguyễn Văn Ả" } },
            MessagingJsonContext.Default.TemplateByUidBody);

        Assert.Equal(
            """{"user_id":"2468458835296197922","template_id":"1","template_data":{"ten":"Nguyễn Văn Ả"}}""",
            System.Text.Encoding.UTF8.GetString(request.JsonBody!));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, Internal.ZaloJsonBody.WriterOptions))
        {
            writer.WriteStringValue("a\uD800b😊");
        }

        Assert.Equal("\"a\\uFFFDb😊\"", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
