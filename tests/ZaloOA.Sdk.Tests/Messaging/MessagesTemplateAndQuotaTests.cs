using ZaloOA.Tests.Common;
using ZaloOA.Sdk.Messaging;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Messaging;

public class MessagesTemplateAndQuotaTests
{
    private const string UserId = "2468458835296197922";

    private static ZaloTransactionMessage Order() => new()
    {
        TemplateType = ZaloTransactionTemplateType.Order,
        Language = ZaloTemplateLanguage.English,
        Elements =
        [
            ZaloTemplateElement.BannerFromUrl("https://example.com/banner.png"),
            ZaloTemplateElement.Header("Order status", ZaloTextAlign.Left),
            ZaloTemplateElement.Text("Thank you", ZaloTextAlign.Center),
            ZaloTemplateElement.Table([new ZaloTableRow("Status", "Paid", ZaloTableRowStyle.Green), new ZaloTableRow("Code", "A-1")]),
        ],
        Buttons =
        [
            new ZaloButton("Track", ZaloAction.OpenUrl("https://example.com/t")),
            new ZaloButton("Call", ZaloAction.OpenPhone("84912345678")) { ImageIcon = "icon-id" },
        ],
    };

    [Fact]
    public async Task Transaction_posts_typed_elements_language_and_buttons_with_image_icon()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/message/transaction", """{"message_id":"t1","user_id":"2468458835296197922"}""");

        var result = await host.Client.Messages.SendTransactionAsync(UserId, Order(), Ct);

        host.ReceivedJson("/v3.0/oa/message/transaction", """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"transaction_order","language":"EN",
              "elements":[
                {"type":"banner","image_url":"https://example.com/banner.png"},
                {"type":"header","content":"Order status","align":"left"},
                {"type":"text","content":"Thank you","align":"center"},
                {"type":"table","content":[{"key":"Status","value":"Paid","style":"green"},{"key":"Code","value":"A-1"}]}],
              "buttons":[
                {"title":"Track","image_icon":"","type":"oa.open.url","payload":{"url":"https://example.com/t"}},
                {"title":"Call","image_icon":"icon-id","type":"oa.open.phone","payload":{"phone_code":"84912345678"}}]}}}}
            """);
        Assert.Equal("t1", result.MessageId);
    }

    [Fact]
    public async Task Promotion_posts_template_type_promotion_in_vietnamese_by_default()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/message/promotion", """{"message_id":"p1"}""");

        await host.Client.Messages.SendPromotionAsync(UserId, new ZaloPromotionMessage { Elements = [ZaloTemplateElement.BannerFromAttachment("att-9"), ZaloTemplateElement.Text("Ưu đãi")] }, Ct);

        host.ReceivedJson("/v3.0/oa/message/promotion", """
            {"recipient":{"user_id":"2468458835296197922"},"message":{"attachment":{"type":"template","payload":{
              "template_type":"promotion","language":"VI",
              "elements":[{"type":"banner","attachment_id":"att-9"},{"type":"text","content":"Ưu đãi"}]}}}}
            """);
    }

    [Fact]
    public async Task Transaction_button_title_over_35_characters_is_refused()
    {
        await using var host = new ZaloTestHost();
        var message = new ZaloTransactionMessage
        {
            TemplateType = ZaloTransactionTemplateType.Billing,
            Elements = [ZaloTemplateElement.Text("x")],
            Buttons = [new ZaloButton(new string('b', 36), ZaloAction.QueryShow("q"))],
        };

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendTransactionAsync(UserId, message, Ct));

        Assert.Equal("message.attachment.payload.buttons[0].title", ex.ParamName);
        Assert.Contains("at most 35", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Transaction_with_five_buttons_is_refused()
    {
        await using var host = new ZaloTestHost();
        var message = new ZaloTransactionMessage
        {
            TemplateType = ZaloTransactionTemplateType.Billing,
            Elements = [ZaloTemplateElement.Text("x")],
            Buttons = [.. Enumerable.Range(0, 5).Select(i => new ZaloButton("b", ZaloAction.QueryShow("q")))],
        };

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.Messages.SendTransactionAsync(UserId, message, Ct));

        Assert.Equal("message.attachment.payload.buttons", ex.ParamName);
        Assert.Contains("at most 4", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public void Education_template_type_is_not_the_official_sdk_typo()
    {
        Assert.Equal("transaction_education", ZaloTransactionTemplateType.Education.Value);
    }

#pragma warning disable ZALO001
    [Fact]
    public async Task Template_by_uid_posts_user_template_and_data()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/message/template", """{"message_id":"z1","user_id":"2468458835296197922"}""");

        var result = await host.Client.Messages.SendTemplateByUserIdAsync(UserId, "301234", new Dictionary<string, string> { ["ho_ten"] = "Nguyễn Văn A", ["ma_ho_so"] = "HS-01" }, Ct);

        host.ReceivedJson("/v3.0/oa/message/template", """{"user_id":"2468458835296197922","template_id":"301234","template_data":{"ho_ten":"Nguyễn Văn A","ma_ho_so":"HS-01"}}""");
        Assert.Equal("z1", result.MessageId);
    }
#pragma warning restore ZALO001

    [Fact]
    public async Task V2_quota_without_arguments_posts_no_body()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/quota/message", """{"type":"active","remain":"5","total":10}""");

        var quota = await host.Client.Messages.GetProactiveQuotaAsync(Ct);

        var request = host.Received("POST", "/v2.0/oa/quota/message");
        Assert.True(request.BodyAsBytes is null || request.BodyAsBytes.Length == 0);
        Assert.Equal("active", quota.Type);
        Assert.Equal(5, quota.Remain);
        Assert.Equal(10, quota.Total);
    }

    [Fact]
    public async Task V2_reply_quota_posts_the_message_id()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/quota/message", """{"type":"reply","remain":7,"total":8}""");

        var quota = await host.Client.Messages.GetReplyQuotaAsync("in-1", Ct);

        host.ReceivedJson("/v2.0/oa/quota/message", """{"message_id":"in-1"}""");
        Assert.Equal(7, quota.Remain);
    }

    [Fact]
    public async Task V2_promotion_quota_posts_user_id_and_type()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v2.0/oa/quota/message", """{"type":"promotion","remain":1,"total":1}""");

        await host.Client.Messages.GetPromotionQuotaAsync(UserId, Ct);

        host.ReceivedJson("/v2.0/oa/quota/message", """{"user_id":"2468458835296197922","type":"promotion"}""");
    }

    [Fact]
    public async Task V3_quota_reads_last_interaction_and_quotas()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/v3.0/oa/quota/message", """
            {"last_interaction":"1764316800000","cs_reply":{"remain":"8","total":8},
             "promotion":{"daily_remain":1,"daily_total":"1","monthly_remain":"","monthly_total":null}}
            """);

        var quota = await host.Client.Messages.GetUserQuotaAsync(UserId, Ct);

        host.ReceivedJson("/v3.0/oa/quota/message", """{"user_id":"2468458835296197922"}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764316800000), quota.LastInteraction);
        Assert.Equal(8, quota.CsReply!.Remain);
        Assert.Equal(1, quota.Promotion!.DailyTotal);
        Assert.Null(quota.Promotion.MonthlyRemain);
        Assert.Null(quota.Promotion.MonthlyTotal);
    }

    [Fact]
    public async Task Window_is_evaluated_from_the_v3_quota_at_the_injected_time()
    {
        await using var host = new ZaloTestHost();
        var last = host.Time.GetUtcNow().AddDays(-3);
        host.RespondData("/v3.0/oa/quota/message", $$"""{"last_interaction":{{last.ToUnixTimeMilliseconds()}}}""");

        var window = await host.Client.Messages.GetWindowAsync(UserId, Ct);

        Assert.Equal(ZaloMessageWindowState.Paid, window.State);
        Assert.Equal(TimeSpan.FromDays(3), window.Elapsed);
        Assert.Equal(last.AddDays(7), window.ChangesAt);
    }

    [Theory]
    [InlineData(-230, "User has not interacted with the OA in the past 7 days", false)]
    [InlineData(-213, "User has not followed OA", false)]
    [InlineData(-32, "Your OA reached limit call api", true)]
    public async Task Zalo_errors_surface_as_ZaloApiException_with_code_and_transience(int code, string message, bool transient)
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/v3.0/oa/message/cs", code, message);

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Messages.SendTextAsync(UserId, "x", Ct));

        Assert.Equal(new ZaloErrorCode(code), ex.ErrorCode);
        Assert.Equal(message, ex.ZaloMessage);
        Assert.Equal(transient, ex.IsTransient);
        Assert.Equal("messages.send", ex.Operation);
        // Sends are not idempotent: even a transient failure is not replayed.
        Assert.Single(host.Server.LogEntries);
    }

    [Fact]
    public async Task Interaction_window_closed_is_the_named_code()
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/v3.0/oa/message/cs", -230, "User has not interacted with the OA in the past 7 days");

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Messages.SendTextAsync(UserId, "x", Ct));

        Assert.True(ex.ErrorCode == ZaloErrorCode.InteractionWindowClosed);
    }

    [Theory]
    [InlineData(-230, "User has not interacted with the OA in the past 7 days", "Zalo (messages.send) returned error -230: The user has not interacted with the OA in the past 7 days, so a consultation message cannot be sent; use a ZBS template message or wait for the user to write.")]
    [InlineData(-213, "User has not followed OA", "Zalo (messages.send) returned error -213: User has not followed OA. The user does not follow the OA.")]
    [InlineData(-999, "Something new.", "Zalo (messages.send) returned error -999: Something new.")]
    public async Task The_exception_message_says_each_sentence_once(int code, string zaloMessage, string expected)
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/v3.0/oa/message/cs", code, zaloMessage);

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.Messages.SendTextAsync(UserId, "x", Ct));

        Assert.Equal(expected, ex.Message);
        Assert.Equal(zaloMessage, ex.ZaloMessage);
    }
}
