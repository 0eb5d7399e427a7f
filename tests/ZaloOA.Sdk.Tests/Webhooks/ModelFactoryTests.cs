using System.Text.Json.Nodes;
using ZaloOA.Sdk.Webhooks;
using ZaloOA.Tests.Common;

namespace ZaloOA.Sdk.Tests.Webhooks;

/// <summary><see cref="ZaloWebhookModelFactory"/>: the events users build in their handler tests
/// are the events a delivery of the same body gives.</summary>
public class ModelFactoryTests
{
    private const string Oa = "388613280878808645";
    private const string User = "2468458835296197922";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public void UserSendText_builds_the_body_zalo_sends_and_its_typed_event()
    {
        var e = ZaloWebhookModelFactory.UserSendText(Oa, User, "Xin chào công an phường", "m-1", At);

        Assert.Equal(
            """{"sender":{"id":"2468458835296197922"},"recipient":{"id":"388613280878808645"},"message":{"text":"Xin chào công an phường","msg_id":"m-1"},"event_name":"user_send_text","timestamp":"1700000000000"}""",
            e.RawJson);
        Assert.Equal((ZaloEventName.UserSendText, Oa, User, "Xin chào công an phường", "m-1", At), (e.EventName, e.OaId, e.UserId, e.Text, e.MessageId, e.Timestamp));
        Assert.Equal("user_send_text:m-1", e.DeduplicationKey);
    }

    [Fact]
    public void Events_built_without_a_message_id_are_never_taken_for_redeliveries_of_one()
    {
        var first = ZaloWebhookModelFactory.UserSendText(Oa, User, "một");
        var second = ZaloWebhookModelFactory.UserSendText(Oa, User, "một");

        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.NotEqual(first.DeduplicationKey, second.DeduplicationKey);
    }

    [Fact]
    public void UserSendImage_carries_the_image_and_its_caption()
    {
        var e = ZaloWebhookModelFactory.UserSendImage(Oa, User, new Uri("https://zalo.example/i.jpg"), "ảnh hiện trường", "m-2", At);

        var attachment = Assert.Single(e.Attachments);
        Assert.Equal(("image", "https://zalo.example/i.jpg", "https://zalo.example/i.jpg"), (attachment.Type, attachment.Payload!.Url, attachment.Payload.Thumbnail));
        Assert.Equal(("ảnh hiện trường", Oa, User, "m-2"), (e.Text, e.OaId, e.UserId, e.MessageId));
    }

    [Fact]
    public void Follow_and_unfollow_name_the_oa_and_the_follower()
    {
        var follow = ZaloWebhookModelFactory.Follow(Oa, User, "qr_code", At);
        var unfollow = ZaloWebhookModelFactory.Unfollow(Oa, User, At);

        Assert.Equal(
            """{"oa_id":"388613280878808645","follower":{"id":"2468458835296197922"},"source":"qr_code","event_name":"follow","timestamp":"1700000000000"}""",
            follow.RawJson);
        Assert.Equal((Oa, User, "qr_code"), (follow.OaId, follow.UserId, follow.Source));
        Assert.Equal((ZaloEventName.Unfollow, Oa, User, (string?)null), (unfollow.EventName, unfollow.OaId, unfollow.UserId, unfollow.Source));
    }

    public static TheoryData<string> Names() => [.. Fixtures.Names("Webhooks")];

    /// <summary>The generic path covers every recorded event, including the ones without a
    /// shortcut: the recorded body's fields give the same type and the same fields.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Create_builds_every_recorded_event_as_its_delivery_parses(string name)
    {
        var delivered = ZaloWebhookParser.Parse(Fixtures.Bytes("Webhooks", name));
        var fields = JsonNode.Parse(Fixtures.Text("Webhooks", name))!.AsObject();
        fields.Remove("event_name");

        var built = ZaloWebhookModelFactory.Create<ZaloWebhookEvent>(delivered.EventName, fields);

        Assert.IsType(delivered.GetType(), built);
        Assert.Equal(
            (delivered.EventName, delivered.AppId, delivered.OaId, delivered.UserId, delivered.MessageId, delivered.Timestamp),
            (built.EventName, built.AppId, built.OaId, built.UserId, built.MessageId, built.Timestamp));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(delivered.RawJson), JsonNode.Parse(built.RawJson)));
    }

    [Fact]
    public void Create_refuses_fields_without_what_zalo_always_sends_naming_it()
    {
        var fields = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = User },
            ["recipient"] = new JsonObject { ["id"] = Oa },
            ["message"] = new JsonObject { ["msg_id"] = "m-3" },
        };

        var ex = Assert.Throws<ArgumentException>(() => ZaloWebhookModelFactory.Create<UserSendTextEvent>(ZaloEventName.UserSendText, fields, At));

        Assert.Equal("fields", ex.ParamName);
        Assert.StartsWith("The fields do not make a user_send_text event: The user_send_text event lacks message.text, which Zalo always sends with it.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_refuses_an_event_name_of_another_type()
    {
        var fields = new JsonObject { ["oa_id"] = Oa, ["follower"] = new JsonObject { ["id"] = User } };

        var ex = Assert.Throws<ArgumentException>(() => ZaloWebhookModelFactory.Create<UnfollowEvent>(ZaloEventName.Follow, fields, At));

        Assert.StartsWith("event_name \"follow\" makes a FollowEvent, not a UnfollowEvent.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_leaves_the_callers_fields_unchanged_and_sets_the_app_id_when_given()
    {
        var fields = new JsonObject { ["oa_id"] = Oa, ["follower"] = new JsonObject { ["id"] = User } };

        var e = ZaloWebhookModelFactory.Create<FollowEvent>(ZaloEventName.Follow, fields, At, appId: "1234567890123456789");

        Assert.Equal("""{"oa_id":"388613280878808645","follower":{"id":"2468458835296197922"}}""", fields.ToJsonString());
        Assert.Equal("1234567890123456789", e.AppId);
    }

    [Fact]
    public async Task A_built_event_reaches_the_processor_method_a_delivery_reaches()
    {
        var processor = new TextRecorder();

        await processor.DispatchAsync(ZaloWebhookModelFactory.UserSendText(Oa, User, "#tintuc"), TestContext.Current.CancellationToken);

        Assert.Equal(["#tintuc"], processor.Texts);
    }

    private sealed class TextRecorder : ZaloWebhookProcessor
    {
        public List<string> Texts { get; } = [];

        public override Task OnUserSendTextAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken)
        {
            Texts.Add(webhookEvent.Text);
            return Task.CompletedTask;
        }
    }
}
