using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Webhooks;

/// <summary>
/// The table of recorded webhooks (Resources/Webhooks, the one copy; the endpoint and emulator
/// tests link it): each fixture parses into its typed event with the fields it carries, and a
/// <see cref="ZaloWebhookProcessor"/> hands it to its method. Together with the coverage checks
/// below, adding an event is its type, its registry row and a fixture with a line here.
/// </summary>
public class EventFixtureTests
{
    private const string Oa = "388613280878808645";
    private const string User = "2468458835296197922";

    /// <summary>Fixture → the processor method it must reach.</summary>
    private static readonly Dictionary<string, string> Methods = new(StringComparer.Ordinal)
    {
        ["user_send_text"] = nameof(ZaloWebhookProcessor.OnUserSendTextAsync),
        ["user_send_image"] = nameof(ZaloWebhookProcessor.OnUserSendImageAsync),
        ["user_send_gif"] = nameof(ZaloWebhookProcessor.OnUserSendGifAsync),
        ["user_send_sticker"] = nameof(ZaloWebhookProcessor.OnUserSendStickerAsync),
        ["user_send_audio"] = nameof(ZaloWebhookProcessor.OnUserSendAudioAsync),
        ["user_send_video"] = nameof(ZaloWebhookProcessor.OnUserSendVideoAsync),
        ["user_send_file"] = nameof(ZaloWebhookProcessor.OnUserSendFileAsync),
        ["user_send_link"] = nameof(ZaloWebhookProcessor.OnUserSendLinkAsync),
        ["user_send_location"] = nameof(ZaloWebhookProcessor.OnUserSendLocationAsync),
        ["user_send_business_card"] = nameof(ZaloWebhookProcessor.OnUserSendBusinessCardAsync),
        ["user_send_contact"] = nameof(ZaloWebhookProcessor.OnUserSendContactAsync),
        ["oa_send_text"] = nameof(ZaloWebhookProcessor.OnOaSendMessageAsync),
        ["oa_send_image"] = nameof(ZaloWebhookProcessor.OnOaSendMessageAsync),
        ["anonymous_send_text"] = nameof(ZaloWebhookProcessor.OnAnonymousMessageAsync),
        ["user_send_group_text"] = nameof(ZaloWebhookProcessor.OnUserSendGroupTextAsync),
        ["user_send_group_image"] = nameof(ZaloWebhookProcessor.OnUserSendGroupImageAsync),
        ["user_send_group_gif"] = nameof(ZaloWebhookProcessor.OnUserSendGroupGifAsync),
        ["user_send_group_sticker"] = nameof(ZaloWebhookProcessor.OnUserSendGroupStickerAsync),
        ["user_send_group_audio"] = nameof(ZaloWebhookProcessor.OnUserSendGroupAudioAsync),
        ["user_send_group_video"] = nameof(ZaloWebhookProcessor.OnUserSendGroupVideoAsync),
        ["user_send_group_file"] = nameof(ZaloWebhookProcessor.OnUserSendGroupFileAsync),
        ["user_send_group_link"] = nameof(ZaloWebhookProcessor.OnUserSendGroupLinkAsync),
        ["user_send_group_location"] = nameof(ZaloWebhookProcessor.OnUserSendGroupLocationAsync),
        ["user_send_group_business_card"] = nameof(ZaloWebhookProcessor.OnUserSendGroupBusinessCardAsync),
        ["oa_send_group_text"] = nameof(ZaloWebhookProcessor.OnOaSendGroupMessageAsync),
        ["user_received_message"] = nameof(ZaloWebhookProcessor.OnUserReceivedMessageAsync),
        ["user_seen_message"] = nameof(ZaloWebhookProcessor.OnUserSeenMessageAsync),
        ["zns_user_received_message"] = nameof(ZaloWebhookProcessor.OnZnsDeliveryReceiptAsync),
        ["user_reacted_message"] = nameof(ZaloWebhookProcessor.OnMessageReactionAsync),
        ["oa_reacted_message"] = nameof(ZaloWebhookProcessor.OnMessageReactionAsync),
        ["follow"] = nameof(ZaloWebhookProcessor.OnFollowAsync),
        ["unfollow"] = nameof(ZaloWebhookProcessor.OnUnfollowAsync),
        ["user_submit_info"] = nameof(ZaloWebhookProcessor.OnUserSubmitInfoAsync),
        ["user_click_chatnow"] = nameof(ZaloWebhookProcessor.OnUserClickChatNowAsync),
        ["add_user_to_tag"] = nameof(ZaloWebhookProcessor.OnAddUserToTagAsync),
        ["widget_interaction_accepted"] = nameof(ZaloWebhookProcessor.OnWidgetEventAsync),
        ["user_call_oa"] = nameof(ZaloWebhookProcessor.OnCallEventAsync),
        ["shop_has_order"] = nameof(ZaloWebhookProcessor.OnShopHasOrderAsync),
        ["permission_revoked"] = nameof(ZaloWebhookProcessor.OnPermissionRevokedAsync),
        ["create_group"] = nameof(ZaloWebhookProcessor.OnGroupCreatedAsync),
        ["user_join_group"] = nameof(ZaloWebhookProcessor.OnUserJoinGroupAsync),
        ["user_request_join_group"] = nameof(ZaloWebhookProcessor.OnGroupJoinRequestAsync),
        ["user_leave_group"] = nameof(ZaloWebhookProcessor.OnUserLeaveGroupAsync),
        ["add_group_admin"] = nameof(ZaloWebhookProcessor.OnGroupAdminChangedAsync),
        ["update_group_info"] = nameof(ZaloWebhookProcessor.OnGroupUpdatedAsync),
        ["delete_group"] = nameof(ZaloWebhookProcessor.OnGroupDeletedAsync),
        ["change_template_status"] = nameof(ZaloWebhookProcessor.OnZnsTemplateEventAsync),
        ["change_oa_daily_quota"] = nameof(ZaloWebhookProcessor.OnZnsTemplateEventAsync),
        ["unknown_event"] = nameof(ZaloWebhookProcessor.OnUnknownEventAsync),
    };

    public static TheoryData<string> Names() => [.. Fixtures.Names("Webhooks")];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Every_fixture_parses_into_its_typed_event_and_reaches_its_processor_method(string name)
    {
        var body = Fixtures.Bytes("Webhooks", name);
        Assert.True(Methods.TryGetValue(name, out var method), $"Fixture {name} has no processor method in the table; add it.");

        var e = ZaloWebhookParser.Parse(body);
        var processor = new RecordingProcessor();
        await processor.DispatchAsync(e, TestContext.Current.CancellationToken);

        Check(name, e);
        Assert.Equal(body, e.RawBody.ToArray());
        Assert.Equal([method], processor.Calls);
    }

    [Fact]
    public void Every_registered_event_type_has_a_fixture()
    {
        var covered = Fixtures.Names("Webhooks").Select(n => ZaloWebhookParser.Parse(Fixtures.Bytes("Webhooks", n)).GetType()).ToHashSet();

        var uncovered = ZaloWebhookEventRegistry.Rows.Select(r => r.Type).Except(covered);

        Assert.Empty(uncovered);
    }

    [Fact]
    public void Every_processor_method_is_reached_by_a_fixture()
    {
        var methods = typeof(ZaloWebhookProcessor).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.IsVirtual && m.Name.StartsWith("On", StringComparison.Ordinal))
            .Select(m => m.Name);

        Assert.Empty(methods.Except(Methods.Values));
    }

    /// <summary>Every literal the registry lists (and a prefix of the group-message family) parses
    /// into its row's type: the row's fixture with the <c>event_name</c> replaced.</summary>
    public static TheoryData<string, string> RegisteredNames()
    {
        var data = new TheoryData<string, string>();
        var fixtureOf = Fixtures.Names("Webhooks").ToLookup(n => ZaloWebhookParser.Parse(Fixtures.Bytes("Webhooks", n)).GetType());
        foreach (var row in ZaloWebhookEventRegistry.Rows)
        {
            var fixture = fixtureOf[row.Type].First();
            foreach (var name in row.Names.Concat(row.Prefixes.Select(p => p + "video")))
            {
                data.Add(name, fixture);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredNames))]
    public void Every_registered_name_parses_into_its_rows_type(string eventName, string fixture)
    {
        var original = ZaloWebhookParser.Parse(Fixtures.Bytes("Webhooks", fixture));
        var renamed = Encoding.UTF8.GetBytes(Fixtures.Text("Webhooks", fixture).Replace($"\"event_name\":\"{original.EventName}\"", $"\"event_name\":\"{eventName}\"", StringComparison.Ordinal));

        var e = ZaloWebhookParser.Parse(renamed);

        Assert.Equal((eventName, original.GetType()), (e.EventName.Value, e.GetType()));
    }

    private static void Check(string name, ZaloWebhookEvent e)
    {
        Assert.Equal("1234567890123456789", e.AppId);
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
            case "user_send_contact":
                var contact = Assert.IsType<UserSendContactEvent>(e);
                Assert.Equal(("Trần Thị B", "m-contact", Oa, User), (contact.Text, contact.MessageId, contact.OaId, contact.UserId));
                Assert.Equal(("contact", "84987654321"), (contact.Attachments[0].Type, contact.FirstPayload!.BusinessCard!.Phone));
                break;
            case "oa_send_text":
                var echo = Assert.IsType<OaSendMessageEvent>(e);
                Assert.Equal((Oa, User, "777", "Chúng tôi đã nhận", "m-oa"), (echo.OaId, echo.UserId, echo.AdminId, echo.Text, echo.MessageId));
                break;
            case "oa_send_image":
                var echoImage = Assert.IsType<OaSendMessageEvent>(e);
                Assert.Equal((Oa, User, null, "m-oa-image", "https://zalo.example/map.jpg"), (echoImage.OaId, echoImage.UserId, echoImage.AdminId, echoImage.MessageId, echoImage.FirstPayload!.Url));
                break;
            case "anonymous_send_text":
                var anon = Assert.IsType<AnonymousMessageEvent>(e);
                Assert.Equal((Oa, "anon-1", false, "c-1"), (anon.OaId, anon.UserId, anon.IsFromOa, anon.Message!.AdditionalProperties!["conversation_id"].GetString()));
                break;
            case "user_send_group_text":
                // The group in recipient.id (a production integration's shape), the OA in oa_id.
                var group = Assert.IsType<UserSendGroupTextEvent>(e);
                Assert.Equal(("group-1", Oa, User, "chào nhóm", "m-group", false), (group.GroupId, group.OaId, group.UserId, group.Text, group.MessageId, group.IsFromOa));
                break;
            case "user_send_group_image":
                // The group in recipient.group_id, the member's id as a JSON number.
                var groupImage = Assert.IsType<UserSendGroupImageEvent>(e);
                Assert.Equal(("f414c8f76fa586fbdfb4", User, Oa, "ảnh hiện trường", "https://zalo.example/gi.jpg"), (groupImage.GroupId, groupImage.UserId, groupImage.OaId, groupImage.Text, groupImage.FirstPayload!.Url));
                break;
            case "user_send_group_gif":
                // A top-level group_id wins over a recipient that is the OA.
                var groupGif = Assert.IsType<UserSendGroupGifEvent>(e);
                Assert.Equal(("group-1", Oa, "https://zalo.example/gg.gif"), (groupGif.GroupId, groupGif.OaId, groupGif.FirstPayload!.Url));
                break;
            case "user_send_group_sticker":
                var groupSticker = Assert.IsType<UserSendGroupStickerEvent>(e);
                Assert.Equal(("group-1", "bfe458bf64fa8da4d4eb", "m-group-sticker"), (groupSticker.GroupId, groupSticker.FirstPayload!.Id, groupSticker.MessageId));
                break;
            case "user_send_group_audio":
                Assert.Equal("https://zalo.example/ga.aac", Assert.IsType<UserSendGroupAudioEvent>(e).FirstPayload!.Url);
                break;
            case "user_send_group_video":
                var groupVideo = Assert.IsType<UserSendGroupVideoEvent>(e).FirstPayload!;
                Assert.Equal(("https://zalo.example/gv.mp4", "clip"), (groupVideo.Url, groupVideo.Description));
                break;
            case "user_send_group_file":
                var groupFile = Assert.IsType<UserSendGroupFileEvent>(e).FirstPayload!;
                Assert.Equal(("danh-sach-to-an-ninh.pdf", 2048L, "pdf"), (groupFile.Name, groupFile.SizeBytes!.Value, groupFile.FileType));
                break;
            case "user_send_group_link":
                var groupLink = Assert.IsType<UserSendGroupLinkEvent>(e).FirstPayload!;
                Assert.Equal(("https://vnexpress.net/b", "Cảnh báo"), (groupLink.Url, groupLink.Title));
                break;
            case "user_send_group_location":
                var groupLocation = Assert.IsType<UserSendGroupLocationEvent>(e);
                Assert.Equal((9.9347, 106.3455, "group-1"), (groupLocation.Coordinates!.LatitudeValue!.Value, groupLocation.Coordinates.LongitudeValue!.Value, groupLocation.GroupId));
                break;
            case "user_send_group_business_card":
                var groupCard = Assert.IsType<UserSendGroupBusinessCardEvent>(e);
                Assert.Equal(("Trưởng ấp Trần Văn C", "84901234567"), (groupCard.Text, groupCard.BusinessCard!.Phone));
                break;
            case "oa_send_group_text":
                // The OA's own post: sender is the OA, the recipient the group, no member.
                var oaGroup = Assert.IsType<OaSendGroupMessageEvent>(e);
                Assert.Equal((Oa, "group-1", (string?)null, "777", "Cảnh báo lừa đảo", true), (oaGroup.OaId, oaGroup.GroupId, oaGroup.UserId, oaGroup.AdminId, oaGroup.Text, oaGroup.IsFromOa));
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
                Assert.Equal(("m-react", "/-heart", false, Oa, User), (reaction.MessageId, reaction.Message!.ReactIcon, reaction.IsFromOa, reaction.OaId, reaction.UserId));
                break;
            case "oa_reacted_message":
                var oaReaction = Assert.IsType<MessageReactionEvent>(e);
                Assert.Equal(("m-text", "/-ok", true, Oa, User), (oaReaction.MessageId, oaReaction.Message!.ReactIcon, oaReaction.IsFromOa, oaReaction.OaId, oaReaction.UserId));
                break;
            case "follow":
                var follow = Assert.IsType<FollowEvent>(e);
                Assert.Equal((Oa, User, "oa_profile"), (follow.OaId, follow.UserId, follow.Source));
                break;
            case "unfollow":
                var unfollow = Assert.IsType<UnfollowEvent>(e);
                Assert.Equal((Oa, User), (unfollow.OaId, unfollow.Follower!.Id));
                break;
            case "user_submit_info":
                var submitted = Assert.IsType<UserSubmitInfoEvent>(e);
                var info = submitted.Info;
                Assert.Equal((Oa, User), (submitted.OaId, submitted.UserId));
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
                var created = Assert.IsType<GroupCreatedEvent>(e);
                Assert.Equal(("group-1", Oa), (created.GroupId, created.OaId));
                break;
            case "user_join_group":
                var joined = Assert.IsType<UserJoinGroupEvent>(e);
                Assert.Equal(("group-1", Oa, User), (joined.GroupId, joined.OaId, joined.UserId));
                break;
            case "user_request_join_group":
                // The group as the recipient is never taken for the OA.
                var request = Assert.IsType<GroupJoinRequestEvent>(e);
                Assert.Equal(("group-1", Oa, User, (bool?)null), (request.GroupId, request.OaId, request.UserId, request.IsAccepted));
                break;
            case "user_leave_group":
                var left = Assert.IsType<UserLeaveGroupEvent>(e);
                Assert.Equal(("group-1", User), (left.GroupId, left.UserId));
                Assert.Equal([User], left.MemberUserIds);
                break;
            case "add_group_admin":
                var admins = Assert.IsType<GroupAdminChangedEvent>(e);
                Assert.Equal(("group-1", true), (admins.GroupId, admins.IsAdded));
                Assert.Equal([User, "5551234567890123456"], admins.MemberUserIds);
                break;
            case "update_group_info":
                var updated = Assert.IsType<GroupUpdatedEvent>(e);
                Assert.Equal(("group-1", "Tổ an ninh ấp 3"), (updated.GroupId, updated.AdditionalProperties!["group_info"].GetProperty("name").GetString()));
                break;
            case "delete_group":
                Assert.Equal(("group-1", Oa), (Assert.IsType<GroupDeletedEvent>(e).GroupId, e.OaId));
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

    /// <summary>Records which method the processor called, for every method it has.</summary>
    private sealed class RecordingProcessor : ZaloWebhookProcessor
    {
        public List<string> Calls { get; } = [];

        public override Task OnUserSendTextAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendImageAsync(UserSendImageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGifAsync(UserSendGifEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendStickerAsync(UserSendStickerEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendAudioAsync(UserSendAudioEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendVideoAsync(UserSendVideoEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendFileAsync(UserSendFileEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendLinkAsync(UserSendLinkEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendLocationAsync(UserSendLocationEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendBusinessCardAsync(UserSendBusinessCardEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendContactAsync(UserSendContactEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnOaSendMessageAsync(OaSendMessageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnAnonymousMessageAsync(AnonymousMessageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupTextAsync(UserSendGroupTextEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupImageAsync(UserSendGroupImageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupGifAsync(UserSendGroupGifEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupStickerAsync(UserSendGroupStickerEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupAudioAsync(UserSendGroupAudioEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupVideoAsync(UserSendGroupVideoEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupFileAsync(UserSendGroupFileEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupLinkAsync(UserSendGroupLinkEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupLocationAsync(UserSendGroupLocationEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSendGroupBusinessCardAsync(UserSendGroupBusinessCardEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnOaSendGroupMessageAsync(OaSendGroupMessageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserReceivedMessageAsync(UserReceivedMessageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSeenMessageAsync(UserSeenMessageEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnZnsDeliveryReceiptAsync(ZnsDeliveryReceiptEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnMessageReactionAsync(MessageReactionEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnFollowAsync(FollowEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUnfollowAsync(UnfollowEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserSubmitInfoAsync(UserSubmitInfoEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserClickChatNowAsync(UserClickChatNowEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnAddUserToTagAsync(AddUserToTagEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnWidgetEventAsync(WidgetEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnCallEventAsync(CallEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnShopHasOrderAsync(ShopHasOrderEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnPermissionRevokedAsync(PermissionRevokedEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnGroupCreatedAsync(GroupCreatedEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserJoinGroupAsync(UserJoinGroupEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnGroupJoinRequestAsync(GroupJoinRequestEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUserLeaveGroupAsync(UserLeaveGroupEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnGroupAdminChangedAsync(GroupAdminChangedEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnGroupUpdatedAsync(GroupUpdatedEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnGroupDeletedAsync(GroupDeletedEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnZnsTemplateEventAsync(ZnsTemplateEvent webhookEvent, CancellationToken cancellationToken) => Record();

        public override Task OnUnknownEventAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) => Record();

        private Task Record([CallerMemberName] string method = "")
        {
            Calls.Add(method);
            return Task.CompletedTask;
        }
    }
}
