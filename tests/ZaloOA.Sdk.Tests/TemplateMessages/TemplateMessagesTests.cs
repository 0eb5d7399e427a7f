using ZaloOA.Tests.Common;
using ZaloOA.Sdk.TemplateMessages;
using ZaloOA.Sdk.Tests.Messaging;
using static ZaloOA.Sdk.Tests.Messaging.ZaloWire;

namespace ZaloOA.Sdk.Tests.TemplateMessages;

public class TemplateMessagesTests
{
    [Fact]
    public async Task Send_by_phone_normalises_to_84_and_posts_the_exact_body()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/message/template", """{"msg_id":"a1","sent_time":"1732867200000","sending_mode":"1","quota":{"dailyQuota":"500","remainingQuota":"499"}}""");

        var result = await host.Client.TemplateMessages.SendAsync("0912 345 678", "301234", new Dictionary<string, string> { ["ma_ho_so"] = "HS-01" }, "case-42", Ct);

        host.ReceivedJson("/message/template", """{"phone":"84912345678","template_id":"301234","template_data":{"ma_ho_so":"HS-01"},"tracking_id":"case-42"}""");
        Assert.Equal("a1", result.MsgId);
        Assert.Equal("1", result.SendingMode);
        Assert.Equal(499, result.Quota!.RemainingQuota);
    }

    [Fact]
    public async Task Development_mode_adds_mode_development()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/message/template", """{"msg_id":"a1"}""");

        await host.Client.TemplateMessages.SendAsync(new ZaloTemplateMessageRequest { Phone = "+84 912-345-678", TemplateId = "1", DevelopmentMode = true }, Ct);

        host.ReceivedJson("/message/template", """{"mode":"development","phone":"84912345678","template_id":"1","template_data":{}}""");
    }

    [Fact]
    public async Task Send_by_hashed_phone_posts_hash_phone()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/message/template/hashphone", """{"msg_id":"h1"}""");
        var hash = ZaloPhoneNumber.Hash("0912345678");

        await host.Client.TemplateMessages.SendAsync(new ZaloTemplateMessageRequest { HashPhone = hash, TemplateId = "1" }, Ct);

        host.ReceivedJson("/message/template/hashphone", $$$"""{"hash_phone":"{{{hash}}}","template_id":"1","template_data":{}}""");
    }

    [Fact]
    public void Hash_is_the_sha256_hex_of_the_normalised_number()
    {
        // SHA-256("84912345678")
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("84912345678"u8)),
            ZaloPhoneNumber.Hash("0912.345.678"));
        Assert.Equal("84912345678", ZaloPhoneNumber.Normalize("(+84) 912 345 678"));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0912abc678")]
    [InlineData("+1 415 555 0100")]
    public async Task Non_vietnamese_phone_is_refused(string phone)
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.TemplateMessages.SendAsync(phone, "1", new Dictionary<string, string>(), null, Ct));

        Assert.Equal("phone", ex.ParamName);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Tracking_id_over_48_characters_is_refused()
    {
        await using var host = new ZaloTestHost();

        var ex = await Assert.ThrowsAsync<ZaloValidationException>(() => host.Client.TemplateMessages.SendAsync("0912345678", "1", new Dictionary<string, string>(), new string('t', 49), Ct));

        Assert.Equal("tracking_id", ex.ParamName);
        Assert.Contains("at most 48", ex.Message, StringComparison.Ordinal);
        host.ReceivedNothing();
    }

    [Fact]
    public async Task Templates_list_gets_template_all_with_paging_and_status()
    {
        await using var host = new ZaloTestHost();
        host.RespondBody("/template/all", """{"error":0,"message":"Success","data":[{"templateId":203972,"templateName":"Lịch hẹn","createdTime":1621308960000,"status":"ENABLE","templateQuality":"HIGH"}],"metadata":{"total":1}}""");

        var templates = await host.Client.TemplateMessages.GetTemplatesAsync(0, 20, 1, Ct);

        var request = host.Received("GET", "/template/all");
        Assert.Equal("0", request.Query!["offset"][0]);
        Assert.Equal("20", request.Query["limit"][0]);
        Assert.Equal("1", request.Query["status"][0]);
        var t = Assert.Single(templates);
        Assert.Equal("203972", t.TemplateId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1621308960000), t.CreatedTime);
    }

    [Fact]
    public async Task Template_detail_gets_info_v2()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/template/info/v2", """{"templateId":"203972","templateName":"Lịch hẹn","status":"ENABLE","listParams":[{"name":"ho_ten","require":true,"type":"STRING","maxLength":30,"minLength":0,"acceptNull":false}],"timeout":7200000,"previewUrl":"https://p","templateTag":"TRANSACTION","price":"200.0"}""");

        var info = await host.Client.TemplateMessages.GetTemplateAsync("203972", Ct);

        var request = host.Received("GET", "/template/info/v2");
        Assert.Equal("203972", request.Query!["template_id"][0]);
        Assert.Equal("ho_ten", info.ListParams![0].Name);
        Assert.True(info.ListParams[0].Require);
        Assert.Equal(30, info.ListParams[0].MaxLength);
        Assert.Equal("200.0", info.Price);
    }

    [Fact]
    public async Task Quota_gets_message_quota()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/message/quota", """{"dailyQuota":"500","remainingQuota":499}""");

        var quota = await host.Client.TemplateMessages.GetQuotaAsync(Ct);

        host.Received("GET", "/message/quota");
        Assert.Equal(500, quota.DailyQuota);
        Assert.Equal(499, quota.RemainingQuota);
    }

    [Fact]
    public async Task Status_gets_message_status_with_normalised_phone()
    {
        await using var host = new ZaloTestHost();
        host.RespondData("/message/status", """{"delivery_time":"1732867200000","status":1,"message":"Tin nhắn đã được gửi"}""");

        var status = await host.Client.TemplateMessages.GetMessageStatusAsync("a1", "0912345678", Ct);

        var request = host.Received("GET", "/message/status");
        Assert.Equal("a1", request.Query!["message_id"][0]);
        Assert.Equal("84912345678", request.Query["phone"][0]);
        Assert.Equal("1", status.Status);
    }

    [Fact]
    public async Task Business_token_error_minus_124_is_refreshed_once_by_the_connection()
    {
        await using var host = new ZaloTestHost();
        host.RespondError("/message/quota", -124, "Access token invalid");
        host.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/v4/oa/access_token"))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody("""{"access_token":"new","refresh_token":"r2","expires_in":"90000"}"""));

        var ex = await Assert.ThrowsAsync<ZaloApiException>(() => host.Client.TemplateMessages.GetQuotaAsync(Ct));

        Assert.Equal(ZaloErrorCode.BusinessAccessTokenInvalid, ex.ErrorCode);
        Assert.Equal(2, host.Server.RequestsTo("/message/quota").Count);
    }
}
