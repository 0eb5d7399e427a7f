using System.Net;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.AspNetCore.Tests;

/// <summary>Posts every signed fixture (Resources/Webhooks) through the endpoint and checks the typed event.</summary>
public class WebhookFixtureIntegrationTests
{
    private const string Oa = "388613280878808645";
    private const string User = "2468458835296197922";

    public static TheoryData<string> Names() => [.. Fixtures.Names("Webhooks")];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Every_fixture_is_accepted_and_parsed_into_its_typed_event(string name)
    {
        var body = Fixtures.Bytes("Webhooks", name);
        var stamped = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(WebhookSigner.TimestampOf(body), System.Globalization.CultureInfo.InvariantCulture));
        // Delivered when Zalo stamped it: inside the timestamp window.
        await using var app = await WebhookApp.StartAsync(now: stamped);

        var response = await app.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var e = Assert.Single(app.Recorder.Handled);
        Assert.Equal(body, e.RawBody.ToArray());
        Assert.Equal(ZaloTestHost.AppId, e.AppId);
        Assert.Equal(stamped, e.Timestamp);
        Check(name, e);
    }

    private static void Check(string name, ZaloWebhookEvent e)
    {
        switch (name)
        {
            case "user_send_text":
                var text = Assert.IsType<UserSendTextEvent>(e);
                Assert.Equal(("Xin chào", "m-text", Oa, User, "552177279717587730"), (text.Text, text.MessageId, text.OaId, text.UserId, text.UserIdByApp));
                break;
            case "user_send_image":
                var image = Assert.IsType<UserSendImageEvent>(e);
                Assert.Equal(("ảnh hiện trường", "image", "https://zalo.example/i.jpg", "https://zalo.example/t.jpg"), (image.Text, image.Attachments[0].Type, image.FirstPayload!.Url, image.FirstPayload.Thumbnail));
                break;
            case "user_send_gif":
                Assert.Equal("https://zalo.example/g.gif", Assert.IsType<UserSendGifEvent>(e).FirstPayload!.Url);
                break;
            case "user_send_sticker":
                var sticker = Assert.IsType<UserSendStickerEvent>(e);
                Assert.Equal(("bfe458bf64fa8da4d4eb", "https://zalo.example/s.png"), (sticker.FirstPayload!.Id, sticker.FirstPayload.Url));
                break;
            case "user_send_audio":
                Assert.Equal("https://zalo.example/a.aac", Assert.IsType<UserSendAudioEvent>(e).FirstPayload!.Url);
                break;
            case "user_send_video":
                var video = Assert.IsType<UserSendVideoEvent>(e);
                Assert.Equal(("https://zalo.example/v.mp4", "https://zalo.example/v.jpg", "clip"), (video.FirstPayload!.Url, video.FirstPayload.Thumbnail, video.FirstPayload.Description));
                break;
            case "user_send_file":
                var file = Assert.IsType<UserSendFileEvent>(e).FirstPayload!;
                Assert.Equal(("don-trinh-bao.pdf", 52341L, "pdf", "abc123"), (file.Name, file.SizeBytes!.Value, file.FileType, file.Checksum));
                break;
            case "user_send_link":
                var link = Assert.IsType<UserSendLinkEvent>(e).FirstPayload!;
                Assert.Equal(("https://vnexpress.net/a", "Tiêu đề", "desc"), (link.Url, link.Title, link.Description));
                break;
            case "user_send_location":
                var location = Assert.IsType<UserSendLocationEvent>(e);
                Assert.Equal((10.7642473, 106.6564314), (location.Coordinates!.LatitudeValue!.Value, location.Coordinates.LongitudeValue!.Value));
                Assert.Equal(("oa-1", "sender-1", "m-1"), (location.OaId, location.UserId, location.MessageId));
                break;
            case "user_send_business_card":
                var card = Assert.IsType<UserSendBusinessCardEvent>(e);
                Assert.Equal(("Nguyễn Văn A", "84912345678", "https://zalo.example/qr.png"), (card.Text, card.BusinessCard!.Phone, card.BusinessCard.QrCodeUrl));
                break;
            case "oa_send_text":
                var echo = Assert.IsType<OaSendMessageEvent>(e);
                Assert.Equal((Oa, User, "777", "Chúng tôi đã nhận"), (echo.OaId, echo.UserId, echo.AdminId, echo.Text));
                break;
            case "anonymous_send_text":
                var anon = Assert.IsType<AnonymousMessageEvent>(e);
                Assert.Equal((Oa, "anon-1", false, "c-1"), (anon.OaId, anon.UserId, anon.IsFromOa, anon.Message!.AdditionalProperties!["conversation_id"].GetString()));
                break;
            case "user_send_group_text":
                var group = Assert.IsType<GroupMessageEvent>(e);
                Assert.Equal((Oa, User, "chào nhóm"), (group.OaId, group.UserId, group.Text));
                break;
            case "user_received_message":
                var received = Assert.IsType<UserReceivedMessageEvent>(e);
                Assert.Equal((Oa, User, "m-recv"), (received.OaId, received.UserId, received.MessageId));
                break;
            case "user_seen_message":
                var seen = Assert.IsType<UserSeenMessageEvent>(e);
                Assert.Equal(["m-a", "m-b"], seen.MessageIds);
                Assert.Equal((Oa, User), (seen.OaId, seen.UserId));
                break;
            case "zns_user_received_message":
                var zns = Assert.IsType<ZnsDeliveryReceiptEvent>(e);
                Assert.Equal((Oa, "84123456789", "order-88213", "15a0cc0bbb13bd4ce403"), (zns.OaId, zns.Phone, zns.TrackingId, zns.MessageId));
                Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1602960467432), zns.DeliveryTime);
                break;
            case "user_reacted_message":
                var reaction = Assert.IsType<MessageReactionEvent>(e);
                Assert.Equal(("m-react", "/-heart", false, Oa), (reaction.MessageId, reaction.Message!.ReactIcon, reaction.IsFromOa, reaction.OaId));
                break;
            case "follow":
                var follow = Assert.IsType<FollowEvent>(e);
                Assert.Equal((Oa, User, "oa_profile"), (follow.OaId, follow.UserId, follow.Source));
                break;
            case "unfollow":
                Assert.Equal(User, Assert.IsType<UnfollowEvent>(e).Follower!.Id);
                break;
            case "user_submit_info":
                var info = Assert.IsType<UserSubmitInfoEvent>(e).Info!;
                Assert.Equal(("Name Example", "84912345678", "Nam", "Thành phố Hồ Chí Minh", "Phường Tân Thuận", "Đường số 13, KCX Tân Thuận Đông"), (info.Name, info.Phone, info.Gender, info.City, info.Ward, info.Address));
                Assert.Equal(new DateOnly(1999, 10, 30), info.DateOfBirth);
                break;
            case "user_click_chatnow":
                var chat = Assert.IsType<UserClickChatNowEvent>(e);
                Assert.Equal((Oa, User), (chat.OaId, chat.UserId));
                break;
            case "add_user_to_tag":
                var tag = Assert.IsType<AddUserToTagEvent>(e);
                Assert.Equal((Oa, "example", User), (tag.OaId, tag.Tag!.Name, tag.UserId));
                break;
            case "widget_interaction_accepted":
                Assert.Equal(Oa, Assert.IsType<WidgetEvent>(e).OaId);
                break;
            case "user_call_oa":
                Assert.Equal((Oa, User), (Assert.IsType<CallEvent>(e).OaId, e.UserId));
                break;
            case "shop_has_order":
                Assert.Equal("o-1", Assert.IsType<ShopHasOrderEvent>(e).AdditionalProperties!["order"].GetProperty("id").GetString());
                break;
            case "permission_revoked":
                Assert.Equal(Oa, Assert.IsType<PermissionRevokedEvent>(e).OaId);
                break;
            case "create_group":
                Assert.Equal("group-1", Assert.IsType<GroupEvent>(e).GroupId);
                break;
            case "change_template_status":
                var status = Assert.IsType<ZnsTemplateEvent>(e);
                Assert.Equal(("255123", "PENDING_REVIEW", "REJECT", "Nội dung không hợp lệ", Oa), (status.TemplateId, status.Status!.PreviousStatus, status.Status.NewStatus, status.Reason, status.OaId));
                break;
            case "change_oa_daily_quota":
                var quota = Assert.IsType<ZnsTemplateEvent>(e).Quota!;
                Assert.Equal(("500", "1000"), (quota.PreviousValue, quota.NewValue));
                break;
            case "unknown_event":
                var unknown = Assert.IsType<UnknownZaloEvent>(e);
                Assert.Equal(("user_dsr_request", Oa), (unknown.EventName.Value, unknown.OaId));
                break;
            default:
                Assert.Fail($"Fixture {name} has no assertions; add them.");
                break;
        }
    }
}
