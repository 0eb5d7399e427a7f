using System.Text;
using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Messaging;

public class MessagesSendTests
{
    private const string UserId = "2468458835296197922";
    private const string Cs = "/v3.0/oa/message/cs";

    [Fact]
    public async Task Send_text_posts_exact_json_to_v3_cs_and_reads_the_typed_result()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody(Cs, Fixtures.Text("Messaging", "send-success"));

        var result = await host.Client.Messages.SendTextAsync(UserId, "Xin chào", Ct);

        host.ReceivedJson(Cs, """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Xin chào"}}""");
        Assert.Equal("6d3771b5c7f5d0a889e7", result.MessageId);
        Assert.Equal(UserId, result.UserId);
        Assert.Equal("1732867200000", result.SentTime);
        Assert.False(result.IsBillable);
        Assert.Equal(ZaloSendQuota.Reply, result.Quota!.QuotaType);
        Assert.Equal(7, result.Quota.Remain);
        Assert.Equal(8, result.Quota.Total);
        Assert.Equal("", result.Quota.ExpiredDate);
        Assert.True(result.AdditionalProperties!.ContainsKey("tracking"));
    }

    [Fact]
    public async Task Send_result_without_quota_is_billable()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody(Cs, Fixtures.Text("Messaging", "send-billable"));

        var result = await host.Client.Messages.SendTextAsync(UserId, "x", Ct);

        Assert.Equal("msg-2", result.MessageId);
        Assert.Null(result.Quota);
        Assert.True(result.IsBillable);
    }

    [Fact]
    public async Task Send_text_sends_the_nfc_form_and_counts_length_after_normalisation()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");
        var nfd = "Việt Nam".Normalize(NormalizationForm.FormD);
        // 1,992 letters plus "Việt Nam" decomposed: 2,002 characters in NFD, exactly 2,000 in NFC.
        var text = new string('a', 2000 - 8) + nfd;
        Assert.True(text.Length > 2000);

        await host.Client.Messages.SendTextAsync(UserId, text, Ct);

        var nfc = text.Normalize(NormalizationForm.FormC);
        Assert.Equal(2000, nfc.Length);
        host.ReceivedJson(Cs, $$$"""{"recipient":{"user_id":"{{{UserId}}}"},"message":{"text":"{{{nfc}}}"}}""");
    }

    [Fact]
    public async Task Text_over_2000_characters_after_nfc_is_refused_before_sending()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendTextAsync(UserId, new string('a', 2001), Ct));

        Assert.Equal("message.text", ex.ParamName);
        Assert.Contains("2,001", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 2,000", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Empty_text_and_empty_user_id_are_refused_before_sending()
    {
        await using var host = new ZaloTestHost();

        var text = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendTextAsync(UserId, "", Ct));
        var user = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendTextAsync(" ", "x", Ct));

        Assert.Equal("message.text", text.ParamName);
        Assert.Equal("recipient.user_id", user.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Image_by_url_with_caption_posts_a_media_template()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = ZaloImageMessage.FromUrl("https://example.com/a.jpg", "caption") }, Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},
             "message":{"text":"caption","attachment":{"type":"template","payload":{
               "template_type":"media","elements":[{"media_type":"image","url":"https://example.com/a.jpg"}]}}}}
            """);
    }

    [Fact]
    public async Task Image_by_attachment_id_without_caption_has_no_text()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = ZaloImageMessage.FromAttachment("att-1") }, Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},
             "message":{"attachment":{"type":"template","payload":{
               "template_type":"media","elements":[{"media_type":"image","attachment_id":"att-1"}]}}}}
            """);
    }

    [Fact]
    public async Task Image_url_that_is_not_http_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = ZaloImageMessage.FromUrl("ftp://x/a.jpg") }, Ct));

        Assert.Equal("message.attachment.payload.elements[0].url", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Gif_posts_attachment_id_width_and_height()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloGifMessage("gif-1", 120, 90) }, Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},
             "message":{"attachment":{"type":"template","payload":{
               "template_type":"media","elements":[{"media_type":"gif","attachment_id":"gif-1","width":120,"height":90}]}}}}
            """);
    }

    [Fact]
    public async Task Gif_without_a_size_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloGifMessage("gif-1", 0, 90) }, Ct));

        Assert.Equal("message.attachment.payload.elements[0].width", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Sticker_posts_a_sticker_media_element()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloStickerMessage("bfe458bf64fa8da4d4eb") }, Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},
             "message":{"attachment":{"type":"template","payload":{
               "template_type":"media","elements":[{"media_type":"sticker","attachment_id":"bfe458bf64fa8da4d4eb"}]}}}}
            """);
    }

    [Fact]
    public async Task File_posts_the_upload_token()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloFileMessage("file-token") }, Ct);

        host.ReceivedJson(Cs, """{"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"file","payload":{"token":"file-token"}}}}""");
    }

    [Fact]
    public async Task Request_user_info_posts_one_element()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloRequestUserInfoMessage("Công an phường", "Đang yêu cầu thông tin từ bạn", "https://example.com/logo.png") }, Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"request_user_info",
              "elements":[{"title":"Công an phường","subtitle":"Đang yêu cầu thông tin từ bạn","image_url":"https://example.com/logo.png"}]}}}}
            """);
    }

    [Theory]
    [InlineData(101, 10, "message.attachment.payload.elements[0].title", "at most 100")]
    [InlineData(10, 501, "message.attachment.payload.elements[0].subtitle", "at most 500")]
    public async Task Request_user_info_limits_are_checked(int titleLength, int subtitleLength, string param, string limit)
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloRequestUserInfoMessage(new string('t', titleLength), new string('s', subtitleLength)) }, Ct));

        Assert.Equal(param, ex.ParamName);
        Assert.Contains(limit, ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task List_posts_elements_with_flat_default_actions_and_every_button_payload_shape()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendListAsync(
            UserId,
            [
                new ZaloListElement("Thủ tục", "Hướng dẫn", "https://example.com/main.png", ZaloAction.OpenUrl("https://example.com/tt")),
                new ZaloListElement("Hỏi đáp", DefaultAction: ZaloAction.QueryHide("#faq")),
            ],
            [
                new ZaloButton("Web", ZaloAction.OpenUrl("https://example.com")),
                new ZaloButton("Hiện", ZaloAction.QueryShow("menu")),
                new ZaloButton("Ẩn", ZaloAction.QueryHide("#hidden")),
                new ZaloButton("SMS", ZaloAction.OpenSms("84912345678", "Xin chào")),
                new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113")),
            ],
            Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"list",
              "elements":[
                {"title":"Thủ tục","subtitle":"Hướng dẫn","image_url":"https://example.com/main.png","default_action":{"type":"oa.open.url","url":"https://example.com/tt"}},
                {"title":"Hỏi đáp","default_action":{"type":"oa.query.hide","payload":"#faq"}}],
              "buttons":[
                {"title":"Web","type":"oa.open.url","payload":{"url":"https://example.com"}},
                {"title":"Hiện","type":"oa.query.show","payload":"menu"},
                {"title":"Ẩn","type":"oa.query.hide","payload":"#hidden"},
                {"title":"SMS","type":"oa.open.sms","payload":{"content":"Xin chào","phone_code":"84912345678"}},
                {"title":"Gọi 113","type":"oa.open.phone","payload":{"phone_code":"113"}}]}}}}
            """);
    }

    [Fact]
    public async Task List_default_actions_for_sms_and_phone_keep_their_payload_object()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendListAsync(
            UserId,
            [
                new ZaloListElement("Nhắn tin", "Gửi SMS cho trực ban", DefaultAction: ZaloAction.OpenSms("84912345678", "Xin chào")),
                new ZaloListElement("Gọi 113", DefaultAction: ZaloAction.OpenPhone("113")),
            ],
            null,
            Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"list",
              "elements":[
                {"title":"Nhắn tin","subtitle":"Gửi SMS cho trực ban","default_action":{"type":"oa.open.sms","payload":{"content":"Xin chào","phone_code":"84912345678"}}},
                {"title":"Gọi 113","default_action":{"type":"oa.open.phone","payload":{"phone_code":"113"}}}]}}}}
            """);
    }

    [Fact]
    public async Task List_with_text_posts_the_text_beside_the_template()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloListMessage([new ZaloListElement("Tin tức", "Tin mới nhất")]) { Text = "Chọn mục" } }, Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Chọn mục","attachment":{"type":"template","payload":{
              "template_type":"list","elements":[{"title":"Tin tức","subtitle":"Tin mới nhất"}]}}}}
            """);
    }

    [Fact]
    public async Task Urls_with_spaces_and_vietnamese_are_sent_percent_encoded()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendListAsync(
            UserId,
            [new ZaloListElement("Thủ tục", "Hướng dẫn", "https://example.com/ảnh bìa.png", ZaloAction.OpenUrl("https://example.com/thủ tục"))],
            [new ZaloButton("Web", ZaloAction.OpenUrl("https://example.com/tra cứu?q=đăng ký"))],
            Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"list",
              "elements":[{"title":"Thủ tục","subtitle":"Hướng dẫn","image_url":"https://example.com/%E1%BA%A3nh%20b%C3%ACa.png",
                           "default_action":{"type":"oa.open.url","url":"https://example.com/th%E1%BB%A7%20t%E1%BB%A5c"}}],
              "buttons":[{"title":"Web","type":"oa.open.url","payload":{"url":"https://example.com/tra%20c%E1%BB%A9u?q=%C4%91%C4%83ng%20k%C3%BD"}}]}}}}
            """);
    }

    [Fact]
    public async Task List_whose_first_element_has_no_subtitle_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendListAsync(UserId, [new ZaloListElement("Only title")], null, Ct));

        Assert.Equal("message.attachment.payload.elements[0].subtitle", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task List_with_six_elements_is_refused()
    {
        await using var host = new ZaloTestHost();
        var elements = Enumerable.Range(0, 6).Select(i => new ZaloListElement("t" + i, "s")).ToList();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendListAsync(UserId, elements, null, Ct));

        Assert.Equal("message.attachment.payload.elements", ex.ParamName);
        Assert.Contains("6 item(s); Zalo allows 1 to 5", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Send_buttons_posts_text_with_a_button_template()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendButtonsAsync(UserId, "Chọn dịch vụ", [new ZaloButton("Trình báo", ZaloAction.QueryShow("#report"))], Ct);

        host.ReceivedJson(Cs, """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Chọn dịch vụ","attachment":{"type":"template","payload":{
              "buttons":[{"title":"Trình báo","type":"oa.query.show","payload":"#report"}]}}}}
            """);
    }

    [Fact]
    public async Task Six_buttons_are_refused()
    {
        await using var host = new ZaloTestHost();
        var buttons = Enumerable.Range(0, 6).Select(i => new ZaloButton("b" + i, ZaloAction.QueryShow("q"))).ToList();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendButtonsAsync(UserId, "x", buttons, Ct));

        Assert.Equal("message.attachment.payload.buttons", ex.ParamName);
        Assert.Contains("1 to 5", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    public static TheoryData<ZaloButton, string, string> InvalidButtons => new()
    {
        { new ZaloButton(new string('t', 101), ZaloAction.QueryShow("q")), "message.attachment.payload.buttons[0].title", "at most 100" },
        { new ZaloButton("t", ZaloAction.QueryShow(new string('q', 1001))), "message.attachment.payload.buttons[0].payload.payload", "at most 1,000" },
        { new ZaloButton("t", ZaloAction.QueryHide("")), "message.attachment.payload.buttons[0].payload.payload", "at most 1,000" },
        { new ZaloButton("t", ZaloAction.OpenSms("84912345678", new string('s', 161))), "message.attachment.payload.buttons[0].payload.content", "at most 160" },
        { new ZaloButton("t", ZaloAction.OpenPhone("call me")), "message.attachment.payload.buttons[0].payload.phone_code", "digits only" },
        { new ZaloButton("t", ZaloAction.OpenUrl("not a url")), "message.attachment.payload.buttons[0].payload.url", "absolute http or https" },
    };

    [Theory]
    [MemberData(nameof(InvalidButtons))]
    public async Task Invalid_button_payloads_are_refused_naming_the_field_and_limit(ZaloButton button, string param, string limit)
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendButtonsAsync(UserId, "x", [button], Ct));

        Assert.Equal(param, ex.ParamName);
        Assert.Contains(limit, ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Quote_reply_posts_quote_message_id()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.User(UserId), Message = new ZaloTextMessage("Đã nhận") { QuoteMessageId = "in-1" } }, Ct);

        host.ReceivedJson(Cs, """{"recipient":{"user_id":"2468458835296197922"},"message":{"text":"Đã nhận","quote_message_id":"in-1"}}""");
    }

    [Fact]
    public async Task Reply_to_an_inbound_message_uses_recipient_message_id()
    {
        await using var host = new ZaloTestHost();
        host.RespondData(Cs, """{"message_id":"m"}""");

        await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.ReplyTo("in-1"), Message = new ZaloTextMessage("Cảm ơn") }, Ct);

        host.ReceivedJson(Cs, """{"recipient":{"message_id":"in-1"},"message":{"text":"Cảm ơn"}}""");
    }

    [Fact]
    public async Task Anonymous_recipient_is_sent_on_the_v2_message_endpoint()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/message", """{"message_id":"m","anonymous_id":"anon","conversation_id":"conv"}""");

        var result = await host.Client.Messages.SendAsync(new ZaloSendMessageRequest { Recipient = ZaloRecipient.Anonymous("anon", "conv"), Message = new ZaloTextMessage("Chào bạn") }, Ct);

        host.ReceivedJson("/v2.0/oa/message", """{"recipient":{"anonymous_id":"anon","conversation_id":"conv"},"message":{"text":"Chào bạn"}}""");
        Assert.Equal("anon", result.AnonymousId);
        Assert.Equal("conv", result.ConversationId);
    }

    [Fact]
    public async Task Anonymous_recipient_needs_both_ids()
    {
        var ex = Assert.Throws<ZaloValidationException>(() => ZaloRecipient.Anonymous("anon", ""));
        Assert.Equal("recipient.conversation_id", ex.ParamName);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Reaction_posts_sender_action_on_v2_and_accepts_a_bare_envelope()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/v2.0/oa/message", """{"error":0,"message":"Success"}""");

        var result = await host.Client.Messages.SendReactionAsync(UserId, "6d3771b5c7f5d0a889e7", ZaloReactionIcon.Like, Ct);

        host.ReceivedJson("/v2.0/oa/message", """{"recipient":{"user_id":"2468458835296197922"},"sender_action":{"react_icon":"/-strong","react_message_id":"6d3771b5c7f5d0a889e7"}}""");
        Assert.Null(result.MessageId);
    }

    [Fact]
    public void Reaction_icons_carry_the_documented_codes()
    {
        Assert.Equal(
            ["/-strong", "/-heart", ":>", ":o", ":-((", ":-h", "--b", "/-remove"],
            new[] { ZaloReactionIcon.Like, ZaloReactionIcon.Heart, ZaloReactionIcon.Haha, ZaloReactionIcon.Wow, ZaloReactionIcon.Cry, ZaloReactionIcon.Angry, ZaloReactionIcon.Sweat, ZaloReactionIcon.Remove }.Select(i => i.Value));
        Assert.Equal(ZaloReactionIcon.Like, new ZaloReactionIcon("/-strong"));
    }
}
