using System.Text;
using CsCheck;
using ZaloOA.Sdk.Webhooks;

namespace ZaloOA.Sdk.Tests.Webhooks;

public class ParserTests
{
    [Fact]
    public void User_send_text_reads_every_envelope_field()
    {
        const string body = """{"app_id":"360846524940903967","sender":{"id":"246845883529197922"},"recipient":{"id":"388613280878808645"},"user_id_by_app":"552177279717587730","event_name":"user_send_text","message":{"text":"message","msg_id":"96d3cdf3af150460909"},"timestamp":"154390853474"}""";

        var e = Assert.IsType<UserSendTextEvent>(ZaloWebhookParser.Parse(body));

        Assert.Equal(ZaloEventName.UserSendText, e.EventName);
        Assert.Equal("360846524940903967", e.AppId);
        Assert.Equal("388613280878808645", e.OaId);
        Assert.Equal("246845883529197922", e.UserId);
        Assert.Equal("552177279717587730", e.UserIdByApp);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(154390853474), e.Timestamp);
        Assert.Equal("message", e.Text);
        Assert.Equal("96d3cdf3af150460909", e.MessageId);
        Assert.Equal(body, e.RawJson);
        Assert.Equal("user_send_text:96d3cdf3af150460909", e.DeduplicationKey);
    }

    [Fact]
    public void Event_name_is_found_wherever_it_sits()
    {
        var last = ZaloWebhookParser.Parse("""{"message":{"text":"a","msg_id":"m"},"sender":{"id":"u"},"recipient":{"id":"o"},"timestamp":"1","event_name":"user_send_text"}""");
        Assert.Equal("a", Assert.IsType<UserSendTextEvent>(last).Text);
    }

    [Fact]
    public void Ids_sent_as_json_numbers_keep_every_digit()
    {
        var e = ZaloWebhookParser.Parse("""{"event_name":"follow","oa_id":388613280878808645,"follower":{"id":2468458835296197922},"app_id":1234567890123456789,"timestamp":1700000000001}""");
        Assert.Equal("388613280878808645", e.OaId);
        Assert.Equal("2468458835296197922", e.UserId);
        Assert.Equal("1234567890123456789", e.AppId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000001), e.Timestamp);
    }

    [Fact]
    public void An_unknown_event_keeps_its_fields_and_raw_json()
    {
        const string body = """{"event_name":"user_dsr_request","app_id":"1","oa_id":"2","timestamp":"3","request":{"kind":"erase"}}""";

        var e = Assert.IsType<UnknownZaloEvent>(ZaloWebhookParser.Parse(body));

        Assert.Equal("user_dsr_request", e.EventName.Value);
        Assert.Equal("2", e.OaId);
        Assert.Equal(body, e.RawJson);
        Assert.Equal("erase", e.AdditionalProperties!["request"].GetProperty("kind").GetString());
        Assert.StartsWith("sha256:", e.DeduplicationKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmodelled_fields_of_known_events_are_kept()
    {
        var e = ZaloWebhookParser.Parse("""{"event_name":"follow","oa_id":"1","follower":{"id":"2","extra":true},"timestamp":"3","new_field":"x"}""");
        Assert.Equal("x", e.AdditionalProperties!["new_field"].GetString());
        Assert.True(Assert.IsType<FollowEvent>(e).Follower!.AdditionalProperties!["extra"].GetBoolean());
    }

    [Fact]
    public void User_seen_message_accepts_a_single_msg_id_or_an_array()
    {
        var many = Assert.IsType<UserSeenMessageEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_seen_message","sender":{"id":"oa"},"recipient":{"id":"u"},"message":{"msg_ids":["a","b"]},"timestamp":"1"}"""));
        var one = Assert.IsType<UserSeenMessageEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_seen_message","sender":{"id":"oa"},"recipient":{"id":"u"},"message":{"msg_id":"a"},"timestamp":"1"}"""));

        Assert.Equal(["a", "b"], many.MessageIds);
        Assert.Null(many.MessageId);
        Assert.Equal(["a"], one.MessageIds);
        Assert.Equal("a", one.MessageId);
        Assert.Equal("oa", one.OaId);
        Assert.Equal("u", one.UserId);
    }

    [Fact]
    public void User_received_message_with_delivery_fields_is_a_zns_receipt()
    {
        var zns = ZaloWebhookParser.Parse("""{"sender":{"id":"2893352839501541173"},"recipient":{"id":"84123456789"},"event_name":"user_received_message","message":{"delivery_time":"1602960467432","msg_id":"15a0","tracking_id":"order-88213"},"app_id":"2074138120372622546","timestamp":"1602560967477"}""");
        var oa = ZaloWebhookParser.Parse("""{"sender":{"id":"oa"},"recipient":{"id":"u"},"event_name":"user_received_message","message":{"msg_id":"m"},"timestamp":"1"}""");

        var receipt = Assert.IsType<ZnsDeliveryReceiptEvent>(zns);
        Assert.Equal("84123456789", receipt.Phone);
        Assert.Equal("order-88213", receipt.TrackingId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1602960467432), receipt.DeliveryTime);
        Assert.Equal("2893352839501541173", receipt.OaId);
        Assert.IsType<UserReceivedMessageEvent>(oa);
    }

    [Fact]
    public void Submitted_info_reads_the_nested_and_the_flat_address_shapes()
    {
        var nested = Assert.IsType<UserSubmitInfoEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_submit_info","sender":{"id":"u"},"recipient":{"id":"o"},"timestamp":"1","info":{"name":"A","user_dob":"30/10/1999","full_address":{"user_city":"HCM","user_ward":"W","user_address":"S"}}}"""));
        var flat = Assert.IsType<UserSubmitInfoEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_submit_info","sender":{"id":"u"},"recipient":{"id":"o"},"timestamp":"1","info":{"name":"A","address":"S","city":"HCM","district":"D","ward":"W"}}"""));

        Assert.Equal(("S", "HCM", "W"), (nested.Info!.Address, nested.Info.City, nested.Info.Ward));
        Assert.Equal(new DateOnly(1999, 10, 30), nested.Info.DateOfBirth);
        Assert.Equal(("S", "HCM", "D", "W"), (flat.Info!.Address, flat.Info.City, flat.Info.District, flat.Info.Ward));
    }

    [Theory]
    [InlineData("user_out_group", typeof(UserLeaveGroupEvent))]
    [InlineData("user_leave_group", typeof(UserLeaveGroupEvent))]
    [InlineData("disperse_group", typeof(GroupDeletedEvent))]
    [InlineData("delete_group", typeof(GroupDeletedEvent))]
    [InlineData("react_request_join_group", typeof(GroupJoinRequestEvent))]
    [InlineData("react_request_join_group_accept", typeof(GroupJoinRequestEvent))]
    public void Both_spellings_of_unconfirmed_group_events_parse_without_any_id(string name, Type type)
    {
        var e = ZaloWebhookParser.Parse($$"""{"event_name":"{{name}}","timestamp":"1"}""");

        Assert.IsType(type, e);
        Assert.Equal((null, null, null), (((GroupEvent)e).GroupId, e.OaId, e.UserId));
    }

    [Theory]
    [InlineData("react_request_join_group_accept", true)]
    [InlineData("react_request_join_group", true)]
    [InlineData("react_request_join_group_reject", false)]
    [InlineData("reject_request_join_group", false)]
    [InlineData("user_request_join_group", null)]
    public void A_join_request_event_says_whether_it_was_accepted(string name, bool? accepted)
    {
        var e = Assert.IsType<GroupJoinRequestEvent>(ZaloWebhookParser.Parse($$"""{"event_name":"{{name}}","group_id":"g","timestamp":"1"}"""));

        Assert.Equal(accepted, e.IsAccepted);
    }

    [Fact]
    public void A_member_message_whose_recipient_is_the_oa_takes_the_group_from_the_conversation_id()
    {
        var e = Assert.IsType<UserSendGroupTextEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_send_group_text","oa_id":"o","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"text":"a","msg_id":"m","conversation_id":"g"},"timestamp":"1"}"""));

        Assert.Equal(("g", "o", "u"), (e.GroupId, e.OaId, e.UserId));
    }

    [Fact]
    public void A_member_message_is_not_a_message_to_the_oa()
    {
        var e = ZaloWebhookParser.Parse("""{"event_name":"user_send_group_text","sender":{"id":"u"},"recipient":{"id":"g"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}""");

        Assert.IsNotType<UserMessageEvent>(e, exactMatch: false);
        Assert.Equal(("g", null), (((GroupMessageEvent)e).GroupId, e.OaId));
    }

    [Fact]
    public void A_member_message_kind_not_listed_yet_is_kept_as_an_unknown_event()
    {
        var e = ZaloWebhookParser.Parse("""{"event_name":"user_send_group_poll","sender":{"id":"u"},"recipient":{"id":"g"},"message":{"msg_id":"m"},"timestamp":"1"}""");

        Assert.Equal("g", Assert.IsType<UnknownZaloEvent>(e).Recipient!.Id);
    }

    [Fact]
    public void Every_oa_group_post_kind_maps_to_the_oa_group_message_event()
    {
        var e = ZaloWebhookParser.Parse("""{"event_name":"oa_send_group_poll","sender":{"id":"o"},"recipient":{"group_id":"g"},"message":{"msg_id":"m"},"timestamp":"1"}""");

        Assert.Equal(("o", "g"), (Assert.IsType<OaSendGroupMessageEvent>(e).OaId, ((OaSendGroupMessageEvent)e).GroupId));
    }

    [Fact]
    public void Oa_echo_reads_the_admin_and_swaps_the_parties()
    {
        var e = Assert.IsType<OaSendMessageEvent>(ZaloWebhookParser.Parse("""{"event_name":"oa_send_text","sender":{"id":"oa","admin_id":"admin"},"recipient":{"id":"u"},"message":{"text":"hi","msg_id":"m"},"timestamp":"1"}"""));
        Assert.Equal(("oa", "u", "admin"), (e.OaId, e.UserId, e.AdminId));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"user_send_text\"")]
    [InlineData("{}")]
    [InlineData("""{"event_name":5}""")]
    [InlineData("""{"event_name":""}""")]
    [InlineData("""{"event_name":"user_send_text","sender":"u"}""")]
    [InlineData("""{"event_name":"user_send_text","timestamp":"yesterday"}""")]
    [InlineData("""{"event_name":"user_send_text","message":{"attachments":{}}}""")]
    [InlineData("""{"event_name":"follow"} {}""")]
    [InlineData("""{"event_name":"follow",}""")]
    [InlineData("""{"event_name":"follow" /* c */}""")]
    public void Malformed_bodies_throw_the_documented_parse_exception(string body)
    {
        Assert.Throws<ZaloWebhookParseException>(() => ZaloWebhookParser.Parse(body));
    }

    [Theory]
    [InlineData("""{"event_name":"user_send_text","recipient":{"id":"o"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}""", "the user id (sender.id)")]
    [InlineData("""{"event_name":"user_send_image","sender":{"id":"u"},"message":{"msg_id":"m"},"timestamp":"1"}""", "the OA id (recipient.id)")]
    [InlineData("""{"event_name":"user_send_file","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"attachments":[]},"timestamp":"1"}""", "message.msg_id")]
    [InlineData("""{"event_name":"user_send_text","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"msg_id":"m"},"timestamp":"1"}""", "message.text")]
    [InlineData("""{"event_name":"user_send_text","sender":{"id":""},"recipient":{"id":"o"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}""", "the user id (sender.id)")]
    [InlineData("""{"event_name":"user_send_group_text","oa_id":"o","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}""", "the group id (recipient.group_id, group_id or recipient.id)")]
    [InlineData("""{"event_name":"user_send_group_image","recipient":{"id":"g"},"message":{"msg_id":"m"},"timestamp":"1"}""", "the user id (sender.id)")]
    [InlineData("""{"event_name":"user_send_group_sticker","sender":{"id":"u"},"recipient":{"id":"g"},"message":{},"timestamp":"1"}""", "message.msg_id")]
    [InlineData("""{"event_name":"user_send_group_text","sender":{"id":"u"},"recipient":{"id":"g"},"message":{"msg_id":"m"},"timestamp":"1"}""", "message.text")]
    [InlineData("""{"event_name":"oa_send_group_text","recipient":{"id":"g"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}""", "the OA id (oa_id or sender.id)")]
    [InlineData("""{"event_name":"oa_send_group_image","sender":{"id":"o"},"message":{"msg_id":"m"},"timestamp":"1"}""", "the group id (recipient.group_id, group_id or recipient.id)")]
    [InlineData("""{"event_name":"oa_send_text","recipient":{"id":"u"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}""", "the OA id (sender.id)")]
    [InlineData("""{"event_name":"follow","oa_id":"o","timestamp":"1"}""", "the user id (follower.id)")]
    [InlineData("""{"event_name":"unfollow","follower":{"id":"u"},"timestamp":"1"}""", "the OA id (oa_id)")]
    [InlineData("""{"event_name":"user_seen_message","sender":{"id":"o"},"message":{"msg_ids":["m"]},"timestamp":"1"}""", "the user id (recipient.id)")]
    [InlineData("""{"event_name":"user_received_message","recipient":{"id":"u"},"message":{"msg_id":"m"},"timestamp":"1"}""", "the OA id (sender.id)")]
    [InlineData("""{"event_name":"user_click_chatnow","oa_id":"o","timestamp":"1"}""", "the user id (user_id)")]
    [InlineData("""{"event_name":"user_submit_info","sender":{"id":"u"},"recipient":{"id":"o"},"timestamp":"1"}""", "info")]
    public void An_event_without_a_field_zalo_always_sends_is_refused_naming_the_field(string body, string field)
    {
        var ex = Assert.Throws<ZaloWebhookParseException>(() => ZaloWebhookParser.Parse(body));

        Assert.Contains("lacks " + field + ",", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event_name":"user_reacted_message","message":{"msg_id":"m","react_icon":"/-heart"},"timestamp":"1"}""", typeof(MessageReactionEvent))]
    [InlineData("""{"event_name":"add_user_to_tag","tag":{"name":"t"},"timestamp":"1"}""", typeof(AddUserToTagEvent))]
    [InlineData("""{"event_name":"anonymous_send_text","message":{"text":"a"},"timestamp":"1"}""", typeof(AnonymousMessageEvent))]
    [InlineData("""{"event_name":"user_received_message","message":{"tracking_id":"t"},"timestamp":"1"}""", typeof(ZnsDeliveryReceiptEvent))]
    public void Events_whose_shape_is_single_source_parse_without_their_ids(string body, Type type)
    {
        var e = ZaloWebhookParser.Parse(body);

        Assert.IsType(type, e);
        Assert.Null(e.OaId);
    }

    [Fact]
    public void An_oa_echo_needs_its_parties_but_not_a_message()
    {
        var e = Assert.IsType<OaSendMessageEvent>(ZaloWebhookParser.Parse("""{"event_name":"oa_send_list","sender":{"id":"o"},"recipient":{"id":"u"},"timestamp":"1"}"""));

        Assert.Equal(("o", "u", null, null), (e.OaId, e.UserId, e.MessageId, e.Text));
    }

    [Fact]
    public void Guaranteed_fields_are_typed_non_nullable()
    {
        var text = Assert.IsType<UserSendTextEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_send_text","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"text":"a","msg_id":"m"},"timestamp":"1"}"""));
        var follow = Assert.IsType<FollowEvent>(ZaloWebhookParser.Parse("""{"event_name":"follow","oa_id":"o","follower":{"id":"u"},"timestamp":"1"}"""));

        // Assigned to non-nullable locals without '!': the build (warnings as errors) is the check.
        string oa = text.OaId, user = text.UserId, body = text.Text, id = text.MessageId, followOa = follow.OaId, follower = follow.UserId;

        Assert.Equal(("o", "u", "a", "m", "o", "u"), (oa, user, body, id, followOa, follower));
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var body = """{"event_name":"follow","timestamp":"1","x":""" + new string('[', 40) + new string(']', 40) + "}";
        var ex = Assert.Throws<ZaloWebhookParseException>(() => ZaloWebhookParser.Parse(body));
        Assert.Contains("depth", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Arbitrary_bytes_either_parse_or_throw_only_the_parse_exception()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            try
            {
                ZaloWebhookParser.Parse(bytes);
            }
            catch (ZaloWebhookParseException)
            {
            }
        });
    }

    [Fact]
    public void Arbitrary_values_in_known_fields_either_parse_or_throw_only_the_parse_exception()
    {
        var value = Gen.OneOfConst("1", "\"s\"", "null", "true", "[]", "{}", "[1,\"a\"]", "{\"id\":[]}", "1e400", "-1", "\"\\ud800\"");
        var field = Gen.OneOfConst("sender", "recipient", "message", "timestamp", "app_id", "info", "follower", "tag", "status", "quota");
        var name = Gen.OneOfConst("user_send_text", "user_send_location", "follow", "user_seen_message", "user_submit_info", "add_user_to_tag", "change_template_status", "x");
        Gen.Select(name, field, value, (n, f, v) => (n, f, v)).Sample(t =>
        {
            try
            {
                ZaloWebhookParser.Parse($$"""{"event_name":"{{t.n}}","{{t.f}}":{{t.v}}}""");
            }
            catch (ZaloWebhookParseException)
            {
            }
        });
    }

    [Fact]
    public void Null_attachment_elements_are_left_out_instead_of_failing_the_handler()
    {
        // Found by the SharpFuzz harness: "attachments":[null] made FirstPayload (and so Url,
        // Coordinates, BusinessCard) throw NullReferenceException in the handler.
        var e = Assert.IsType<UserSendGifEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_send_gif","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"msg_id":"m","attachments":[null,{"type":"gif","payload":{"url":"https://zalo.me/g.gif"}},null]},"timestamp":"1"}"""));

        var only = Assert.Single(e.Attachments);
        Assert.Equal("https://zalo.me/g.gif", only.Payload!.Url);
        Assert.Equal("https://zalo.me/g.gif", e.FirstPayload!.Url);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("\"-9223372036854775808\"")]
    [InlineData("\"253402300800000\"")]
    public void Zns_delivery_time_out_of_range_reads_as_null(string deliveryTime)
    {
        // Found by the SharpFuzz harness: DeliveryTime threw ArgumentOutOfRangeException.
        var e = Assert.IsType<ZnsDeliveryReceiptEvent>(ZaloWebhookParser.Parse($$"""{"event_name":"user_received_message","sender":{"id":"oa"},"recipient":{"id":"84123456789"},"message":{"delivery_time":{{deliveryTime}},"msg_id":"m","tracking_id":"t"},"timestamp":"1"}"""));

        Assert.Null(e.DeliveryTime);
        Assert.Equal("t", e.TrackingId);
    }

    [Fact]
    public void Only_null_attachments_read_as_none()
    {
        var e = Assert.IsType<UserSendLocationEvent>(ZaloWebhookParser.Parse("""{"event_name":"user_send_location","sender":{"id":"u"},"recipient":{"id":"o"},"message":{"msg_id":"m","attachments":[null]},"timestamp":"1"}"""));

        Assert.Empty(e.Attachments);
        Assert.Null(e.FirstPayload);
        Assert.Null(e.Coordinates);
    }

    [Fact]
    public void Parse_keeps_the_exact_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes("{ \"event_name\" : \"follow\", \"oa_id\":\"o\", \"follower\":{\"id\":\"u\"}, \"timestamp\":\"1\" }");
        Assert.Equal(bytes, ZaloWebhookParser.Parse(bytes).RawBody.ToArray());
    }
}
