using ZaloOA.Sdk.Messaging;
using ZaloOA.Tests.Common;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.Messaging;

/// <summary>The README "Messages" snippets, compiled and run so they cannot rot. Keep the two in sync.</summary>
public class ReadmeMessagesSnippetTests
{
    private static async Task ReadmeSnippet(ZaloOAClient oa, string userId, string phone, string templateId)
    {
        // Text
        ZaloSendResult sent = await oa.Messages.SendTextAsync(userId, "Xin chào! Công an phường đã nhận tin của bạn.");

        // Image (by URL; or upload first with oa.Uploads.UploadImageAsync and use FromAttachment).
        // Text, buttons and lists have a short method each; every other shape, a reply to one
        // message or an anonymous recipient goes through the full request.
        await oa.Messages.SendAsync(new ZaloSendMessageRequest
        {
            Recipient = ZaloRecipient.User(userId),
            Message = ZaloImageMessage.FromUrl("https://example.com/huong-dan.jpg", "Hướng dẫn"),
        });

        // A list with buttons: oa.query.* buttons come back to your webhook as the follower's text
        await oa.Messages.SendListAsync(
            userId,
            [
                new ZaloListElement("Thủ tục hành chính", "Chọn thủ tục cần hướng dẫn", "https://example.com/banner.png",
                    ZaloAction.OpenUrl("https://example.com/thu-tuc")),
                new ZaloListElement("Trình báo", DefaultAction: ZaloAction.QueryShow("#trinh-bao")),
            ],
            [
                new ZaloButton("Hỏi đáp", ZaloAction.QueryHide("#hoi-dap")),
                new ZaloButton("Gọi 113", ZaloAction.OpenPhone("113")),
            ]);

        // Outside the 7-day window Zalo answers -230: fall back to an approved ZBS (ZNS) template by phone
        try
        {
            await oa.Messages.SendTextAsync(userId, "Hồ sơ của bạn đã được xử lý.");
        }
        catch (ZaloApiException ex) when (ex.ErrorCode == ZaloErrorCode.InteractionWindowClosed)
        {
            await oa.TemplateMessages.SendAsync(phone, templateId, new Dictionary<string, string> { ["ma_ho_so"] = "HS-01" });
        }

        GC.KeepAlive(sent);
    }

    [Fact]
    public async Task Readme_snippet_sends_text_image_list_and_falls_back_to_zns_on_minus_230()
    {
        await using var host = new ZaloTestHost();
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/message/cs").WithBody((string? body) => body is not null && (System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("message").TryGetProperty("text", out var t) && t.GetString() == "Hồ sơ của bạn đã được xử lý.")))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":-230,"message":"User has not interacted with the OA in the past 7 days"}"""));
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v3.0/oa/message/cs")).AtPriority(10)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"error":0,"data":{"message_id":"m"}}"""));
        host.RespondData("/message/template", """{"msg_id":"z"}""");

        await ReadmeSnippet(host.Client, "2468458835296197922", "0912345678", "301234");

        Assert.Equal(4, host.Server.RequestsTo("/v3.0/oa/message/cs").Count);
        host.ReceivedJson("/message/template", """{"phone":"84912345678","template_id":"301234","template_data":{"ma_ho_so":"HS-01"}}""");
    }
}
