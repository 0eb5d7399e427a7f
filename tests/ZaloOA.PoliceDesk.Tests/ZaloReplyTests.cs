using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Domain;
using ZaloOA.Sdk.Testing;
using ZaloOA.Tests.Common;

namespace ZaloOA.PoliceDesk.Tests;

/// <summary>Staff replies from the case page through the SDK to the emulated Zalo.</summary>
public sealed class ZaloReplyTests : IAsyncDisposable
{
    private const string Citizen = EmulatorDeskFactory.Citizen;
    private const string Cs = "/v3.0/oa/message/cs";
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private readonly DeskState _state = new();
    private readonly EmulatorDeskFactory _desk;

    public ZaloReplyTests()
    {
        _desk = new EmulatorDeskFactory(_state);
        _desk.Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _desk.DisposeAsync();
        _state.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Oa => EmulatorDeskFactory.OaTpTraVinh;

    private async Task<int> CaseFromCitizenAsync(string text = "Có người lạ khả nghi")
    {
        _desk.Follow(Oa);
        Assert.Equal(HttpStatusCode.OK, await _desk.DeliverAsync(_desk.Emulator.Events.UserSendText(Oa, Citizen, text)));
        // The acknowledgement goes first; the tests look at what follows it.
        await _desk.SendQueuedAsync();
        _before = _desk.Emulator.SentMessages.Count;
        return await _desk.DbAsync(db => db.Cases.Select(c => c.Id).SingleAsync());
    }

    private int _before;

    private static async Task<HttpResponseMessage> ReplyAsync(HttpClient client, int caseId, string text, (string Name, string Type, byte[] Bytes)? file = null)
    {
        var token = await DeskFactory.AntiforgeryTokenAsync(client, $"/Cases/{caseId}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(text), "text" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        if (file is { } f)
        {
            var content = new ByteArrayContent(f.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue(f.Type);
            form.Add(content, "attachment", f.Name);
        }

        return await client.PostAsync($"/Cases/{caseId}?handler=Reply", form, Ct);
    }

    private List<EmulatedSentMessage> Replies => [.. _desk.Emulator.SentMessages.Skip(_before)];

    [Fact]
    public async Task Text_reply_reaches_zalo_with_the_exact_json()
    {
        var caseId = await CaseFromCitizenAsync();
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyAsync(client, caseId, "Chúng tôi đã cử cán bộ tới xác minh.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _desk.SendQueuedAsync();
        var sent = Assert.Single(Replies);
        Assert.Equal((Oa, Citizen, Cs), (sent.OaId, sent.UserId, sent.Path));
        WireMockExtensions.AssertJsonEqual(
            $$$"""{"recipient":{"user_id":"{{{Citizen}}}"},"message":{"text":"Chúng tôi đã cử cán bộ tới xác minh."}}""",
            sent.RequestJson);
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null));
        Assert.Equal((DeliveryStatus.Sent, sent.MessageId), (reply.Delivery, reply.OutboundZaloMessageId));
        Assert.Contains("Đã gửi", await client.GetStringAsync(response.Headers.Location, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_reply_is_uploaded_then_sent_by_attachment_id()
    {
        var caseId = await CaseFromCitizenAsync();
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyAsync(client, caseId, "Ảnh hiện trường", ("hien-truong.png", "image/png", Png));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _desk.SendQueuedAsync();
        var upload = Assert.Single(_desk.Emulator.UploadedFiles);
        Assert.Equal((Oa, EmulatedUploadKind.Image, "hien-truong.png"), (upload.OaId, upload.Kind, upload.FileName));
        Assert.Equal(Png, upload.Content.ToArray());
        WireMockExtensions.AssertJsonEqual(
            """
            {"recipient":{"user_id":"CITIZEN"},
             "message":{"text":"Ảnh hiện trường","attachment":{"type":"template","payload":{
               "template_type":"media","elements":[{"media_type":"image","attachment_id":"UPLOAD"}]}}}}
            """.Replace("CITIZEN", Citizen, StringComparison.Ordinal).Replace("UPLOAD", upload.Id, StringComparison.Ordinal),
            Assert.Single(Replies).RequestJson);
    }

    [Fact]
    public async Task File_reply_is_uploaded_then_sent_by_file_token()
    {
        var caseId = await CaseFromCitizenAsync();
        var client = await _desk.SignInAsync("canbo.tptravinh");
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();

        using var response = await ReplyAsync(client, caseId, "", ("giay-hen.pdf", "application/pdf", pdf));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _desk.SendQueuedAsync();
        var upload = Assert.Single(_desk.Emulator.UploadedFiles);
        Assert.Equal((EmulatedUploadKind.File, "giay-hen.pdf"), (upload.Kind, upload.FileName));
        WireMockExtensions.AssertJsonEqual(
            """{"recipient":{"user_id":"CITIZEN"},"message":{"attachment":{"type":"file","payload":{"token":"UPLOAD"}}}}"""
                .Replace("CITIZEN", Citizen, StringComparison.Ordinal).Replace("UPLOAD", upload.Id, StringComparison.Ordinal),
            Assert.Single(Replies).RequestJson);
    }

    [Fact]
    public async Task File_reply_with_text_sends_the_file_then_the_text()
    {
        var caseId = await CaseFromCitizenAsync();
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyAsync(client, caseId, "Giấy hẹn của bạn", ("giay-hen.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray()));
        await _desk.SendQueuedAsync();

        Assert.Equal(2, Replies.Count);
        Assert.Contains("\"type\":\"file\"", Replies[0].RequestJson, StringComparison.Ordinal);
        WireMockExtensions.AssertJsonEqual($$$"""{"recipient":{"user_id":"{{{Citizen}}}"},"message":{"text":"Giấy hẹn của bạn"}}""", Replies[1].RequestJson);
    }

    [Fact]
    public async Task Reply_to_a_citizen_silent_for_eight_days_shows_the_230_reason_on_the_message()
    {
        var caseId = await CaseFromCitizenAsync();
        _state.Time.Advance(TimeSpan.FromDays(8));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyAsync(client, caseId, "Xin chào");
        await _desk.SendQueuedAsync();
        var page = await client.GetStringAsync(response.Headers.Location, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Người dân chưa tương tác với Zalo OA của đơn vị trong 7 ngày qua (Zalo trả mã -230).", page, StringComparison.Ordinal);
        Assert.Contains("Cửa sổ tư vấn đã đóng", page, StringComparison.Ordinal);
        Assert.Empty(Replies);
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null));
        Assert.Equal(DeliveryStatus.WindowClosed, reply.Delivery);
        Assert.StartsWith("Người dân chưa tương tác", reply.DeliveryError, StringComparison.Ordinal);
        Assert.Null(await _desk.DbAsync(db => db.Cases.Select(c => c.FirstResponseAt).SingleAsync()));
    }

    [Fact]
    public async Task Reply_to_a_citizen_who_unfollowed_explains_213()
    {
        var caseId = await CaseFromCitizenAsync();
        await _desk.DeliverAsync(_desk.Emulator.Events.Unfollow(Oa, Citizen));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        using var response = await ReplyAsync(client, caseId, "Xin chào");
        await _desk.SendQueuedAsync();
        var page = await client.GetStringAsync(response.Headers.Location, Ct);

        Assert.Contains("Người dân không còn quan tâm (theo dõi) Zalo OA của đơn vị nên Zalo từ chối tin nhắn (mã -213).", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Replies, m => m.Text == "Xin chào");
        var reply = await _desk.DbAsync(db => db.Messages.SingleAsync(m => m.SentById != null));
        Assert.Equal(DeliveryStatus.Failed, reply.Delivery);
    }

    [Fact]
    public async Task Case_page_shows_the_window_as_zalo_reports_it()
    {
        var caseId = await CaseFromCitizenAsync();
        _state.Time.Advance(TimeSpan.FromHours(3));
        var client = await _desk.SignInAsync("canbo.tptravinh");

        var page = await client.GetStringAsync($"/Cases/{caseId}", Ct);

        Assert.Contains("Cửa sổ tư vấn đang mở: tin tư vấn miễn phí đến 12/03/2026 09:00", page, StringComparison.Ordinal);
        Assert.Contains("(theo Zalo)", page, StringComparison.Ordinal);
    }
}
