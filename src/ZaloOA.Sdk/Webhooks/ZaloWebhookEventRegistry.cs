using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// The one table of webhook events: for each event type, the <c>event_name</c> literals that map
/// to it, its source-generated <see cref="JsonTypeInfo"/> and its <see cref="ZaloWebhookProcessor"/>
/// method. <see cref="ZaloWebhookParser"/> picks the type here, <see cref="ZaloWebhookDispatcher"/>
/// and <see cref="ZaloWebhookProcessor"/> find the invoker here. Adding an event is its type (which
/// declares what Zalo guarantees in <see cref="ZaloWebhookEvent.FindMissingField"/>), one row below
/// with its <c>[JsonSerializable]</c> on <see cref="ZaloWebhookJsonContext"/>, and a fixture
/// (the registry test fails for a row without one).
/// </summary>
internal static class ZaloWebhookEventRegistry
{
    private static readonly ZaloWebhookJsonContext Json = ZaloWebhookJsonContext.Default;

    /// <summary>The fallback for names no row claims: the base fields, every other field kept.</summary>
    public static ZaloWebhookEventRow Unknown { get; } = Row(Json.UnknownZaloEvent, static (p, e, ct) => p.OnUnknownEventAsync(e, ct));

    /// <summary>Every row, in the order the processor's methods are declared.</summary>
    public static IReadOnlyList<ZaloWebhookEventRow> Rows { get; } =
    [
        Row(Json.UserSendTextEvent, static (p, e, ct) => p.OnUserSendTextAsync(e, ct), ZaloEventName.UserSendText),
        Row(Json.UserSendImageEvent, static (p, e, ct) => p.OnUserSendImageAsync(e, ct), ZaloEventName.UserSendImage),
        Row(Json.UserSendGifEvent, static (p, e, ct) => p.OnUserSendGifAsync(e, ct), ZaloEventName.UserSendGif),
        Row(Json.UserSendStickerEvent, static (p, e, ct) => p.OnUserSendStickerAsync(e, ct), ZaloEventName.UserSendSticker),
        Row(Json.UserSendAudioEvent, static (p, e, ct) => p.OnUserSendAudioAsync(e, ct), ZaloEventName.UserSendAudio),
        Row(Json.UserSendVideoEvent, static (p, e, ct) => p.OnUserSendVideoAsync(e, ct), ZaloEventName.UserSendVideo),
        Row(Json.UserSendFileEvent, static (p, e, ct) => p.OnUserSendFileAsync(e, ct), ZaloEventName.UserSendFile),
        Row(Json.UserSendLinkEvent, static (p, e, ct) => p.OnUserSendLinkAsync(e, ct), ZaloEventName.UserSendLink),
        Row(Json.UserSendLocationEvent, static (p, e, ct) => p.OnUserSendLocationAsync(e, ct), ZaloEventName.UserSendLocation),
        Row(Json.UserSendBusinessCardEvent, static (p, e, ct) => p.OnUserSendBusinessCardAsync(e, ct), ZaloEventName.UserSendBusinessCard),
        Row(Json.UserSendContactEvent, static (p, e, ct) => p.OnUserSendContactAsync(e, ct), ZaloEventName.UserSendContact),
        Row(
            Json.OaSendMessageEvent,
            static (p, e, ct) => p.OnOaSendMessageAsync(e, ct),
            ZaloEventName.OaSendText, ZaloEventName.OaSendImage, ZaloEventName.OaSendList, ZaloEventName.OaSendGif,
            ZaloEventName.OaSendFile, ZaloEventName.OaSendSticker, ZaloEventName.OaSendTemplate),
        Row(
            Json.AnonymousMessageEvent,
            static (p, e, ct) => p.OnAnonymousMessageAsync(e, ct),
            ZaloEventName.AnonymousSendText, ZaloEventName.AnonymousSendImage, ZaloEventName.AnonymousSendFile, ZaloEventName.AnonymousSendSticker,
            ZaloEventName.OaSendAnonymousText, ZaloEventName.OaSendAnonymousImage, ZaloEventName.OaSendAnonymousFile, ZaloEventName.OaSendAnonymousSticker),

        // Group chat messages [S]: one type per member's message kind (a kind not listed yet is an
        // UnknownZaloEvent), one for every OA post (oa_send_group_*, kinds not listed included).
        Row(Json.UserSendGroupTextEvent, static (p, e, ct) => p.OnUserSendGroupTextAsync(e, ct), ZaloEventName.UserSendGroupText),
        Row(Json.UserSendGroupImageEvent, static (p, e, ct) => p.OnUserSendGroupImageAsync(e, ct), ZaloEventName.UserSendGroupImage),
        Row(Json.UserSendGroupGifEvent, static (p, e, ct) => p.OnUserSendGroupGifAsync(e, ct), ZaloEventName.UserSendGroupGif),
        Row(Json.UserSendGroupStickerEvent, static (p, e, ct) => p.OnUserSendGroupStickerAsync(e, ct), ZaloEventName.UserSendGroupSticker),
        Row(Json.UserSendGroupAudioEvent, static (p, e, ct) => p.OnUserSendGroupAudioAsync(e, ct), ZaloEventName.UserSendGroupAudio),
        Row(Json.UserSendGroupVideoEvent, static (p, e, ct) => p.OnUserSendGroupVideoAsync(e, ct), ZaloEventName.UserSendGroupVideo),
        Row(Json.UserSendGroupFileEvent, static (p, e, ct) => p.OnUserSendGroupFileAsync(e, ct), ZaloEventName.UserSendGroupFile),
        Row(Json.UserSendGroupLinkEvent, static (p, e, ct) => p.OnUserSendGroupLinkAsync(e, ct), ZaloEventName.UserSendGroupLink),
        Row(Json.UserSendGroupLocationEvent, static (p, e, ct) => p.OnUserSendGroupLocationAsync(e, ct), ZaloEventName.UserSendGroupLocation),
        Row(Json.UserSendGroupBusinessCardEvent, static (p, e, ct) => p.OnUserSendGroupBusinessCardAsync(e, ct), ZaloEventName.UserSendGroupBusinessCard),
        Row(
            Json.OaSendGroupMessageEvent,
            static (p, e, ct) => p.OnOaSendGroupMessageAsync(e, ct),
            ZaloEventName.OaSendGroupText, ZaloEventName.OaSendGroupImage, ZaloEventName.OaSendGroupGif, ZaloEventName.OaSendGroupSticker, ZaloEventName.OaSendGroupFile)
            with { Prefixes = ["oa_send_group_"] },
        Row(Json.UserReceivedMessageEvent, static (p, e, ct) => p.OnUserReceivedMessageAsync(e, ct), ZaloEventName.UserReceivedMessage),
        Row(Json.UserSeenMessageEvent, static (p, e, ct) => p.OnUserSeenMessageAsync(e, ct), ZaloEventName.UserSeenMessage),

        // The ZNS receipt shares user_received_message; its message carries delivery_time or tracking_id.
        Row(Json.ZnsDeliveryReceiptEvent, static (p, e, ct) => p.OnZnsDeliveryReceiptAsync(e, ct), ZaloEventName.UserReceivedMessage)
            with { Condition = static envelope => envelope.HasZnsDeliveryFields },
        Row(Json.MessageReactionEvent, static (p, e, ct) => p.OnMessageReactionAsync(e, ct), ZaloEventName.UserReactedMessage, ZaloEventName.OaReactedMessage),
        Row(Json.FollowEvent, static (p, e, ct) => p.OnFollowAsync(e, ct), ZaloEventName.Follow),
        Row(Json.UnfollowEvent, static (p, e, ct) => p.OnUnfollowAsync(e, ct), ZaloEventName.Unfollow),
        Row(Json.UserSubmitInfoEvent, static (p, e, ct) => p.OnUserSubmitInfoAsync(e, ct), ZaloEventName.UserSubmitInfo),
        Row(Json.UserClickChatNowEvent, static (p, e, ct) => p.OnUserClickChatNowAsync(e, ct), ZaloEventName.UserClickChatNow),
        Row(Json.AddUserToTagEvent, static (p, e, ct) => p.OnAddUserToTagAsync(e, ct), ZaloEventName.AddUserToTag),
        Row(Json.WidgetEvent, static (p, e, ct) => p.OnWidgetEventAsync(e, ct), ZaloEventName.WidgetInteractionAccepted, ZaloEventName.WidgetFailedToSyncUserExternalId),
        Row(Json.CallEvent, static (p, e, ct) => p.OnCallEventAsync(e, ct), ZaloEventName.OaSendConsent, ZaloEventName.UserReplyConsent, ZaloEventName.OaCallUser, ZaloEventName.UserCallOa),
        Row(Json.ShopHasOrderEvent, static (p, e, ct) => p.OnShopHasOrderAsync(e, ct), ZaloEventName.ShopHasOrder),
        Row(Json.PermissionRevokedEvent, static (p, e, ct) => p.OnPermissionRevokedAsync(e, ct), ZaloEventName.PermissionRevoked),

        // Group chat management [U]: both spellings of each reported pair map to one type.
        Row(Json.GroupCreatedEvent, static (p, e, ct) => p.OnGroupCreatedAsync(e, ct), ZaloEventName.CreateGroup),
        Row(Json.UserJoinGroupEvent, static (p, e, ct) => p.OnUserJoinGroupAsync(e, ct), ZaloEventName.UserJoinGroup),
        Row(
            Json.GroupJoinRequestEvent,
            static (p, e, ct) => p.OnGroupJoinRequestAsync(e, ct),
            ZaloEventName.UserRequestJoinGroup, ZaloEventName.ReactRequestJoinGroup, ZaloEventName.RejectRequestJoinGroup,
            ZaloEventName.ReactRequestJoinGroupAccept, ZaloEventName.ReactRequestJoinGroupReject),
        Row(Json.UserLeaveGroupEvent, static (p, e, ct) => p.OnUserLeaveGroupAsync(e, ct), ZaloEventName.UserLeaveGroup, ZaloEventName.UserOutGroup),
        Row(Json.GroupAdminChangedEvent, static (p, e, ct) => p.OnGroupAdminChangedAsync(e, ct), ZaloEventName.AddGroupAdmin, ZaloEventName.RemoveGroupAdmin),
        Row(Json.GroupUpdatedEvent, static (p, e, ct) => p.OnGroupUpdatedAsync(e, ct), ZaloEventName.UpdateGroupInfo),
        Row(Json.GroupDeletedEvent, static (p, e, ct) => p.OnGroupDeletedAsync(e, ct), ZaloEventName.DeleteGroup, ZaloEventName.DisperseGroup),
        Row(
            Json.ZnsTemplateEvent,
            static (p, e, ct) => p.OnZnsTemplateEventAsync(e, ct),
            ZaloEventName.UserFeedback, ZaloEventName.ChangeOaDailyQuota, ZaloEventName.ChangeOaTemplateTags, ZaloEventName.ChangeTemplateQuality,
            ZaloEventName.ChangeTemplateQuota, ZaloEventName.ChangeTemplateStatus, ZaloEventName.EventJourneyTimeOut, ZaloEventName.EventJourneyAcknowledged),
        Unknown,
    ];

    private static readonly FrozenDictionary<string, ZaloWebhookEventRow[]> ByName = Rows
        .SelectMany(row => row.Names.Select(name => (name, row)))
        .GroupBy(x => x.name, StringComparer.Ordinal)
        // Conditional rows first, so they are asked before the unconditional row of the same name.
        .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.row).OrderBy(r => r.Condition is null).ToArray(), StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, ZaloWebhookEventRow> ByType = Rows.ToFrozenDictionary(row => row.Type);

    private static readonly ZaloWebhookEventRow[] PrefixRows = [.. Rows.Where(row => row.Prefixes.Length > 0)];

    /// <summary>The row for an event name and the envelope's discriminating fields.</summary>
    public static ZaloWebhookEventRow Find(string eventName, in ZaloWebhookEnvelope envelope)
    {
        if (ByName.TryGetValue(eventName, out var rows))
        {
            foreach (var row in rows)
            {
                if (row.Condition is null || row.Condition(envelope))
                {
                    return row;
                }
            }
        }

        foreach (var row in PrefixRows)
        {
            foreach (var prefix in row.Prefixes)
            {
                if (eventName.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return row;
                }
            }
        }

        return Unknown;
    }

    /// <summary>The row of an event's CLR type; null for a type the SDK does not define.</summary>
    public static ZaloWebhookEventRow? Find(Type eventType) => ByType.GetValueOrDefault(eventType);

    private static ZaloWebhookEventRow<T> Row<T>(JsonTypeInfo<T> typeInfo, Func<ZaloWebhookProcessor, T, CancellationToken, Task> process, params ZaloEventName[] names)
        where T : ZaloWebhookEvent =>
        new(typeInfo, process) { Names = [.. names.Select(n => n.Value)] };
}

/// <summary>One row of <see cref="ZaloWebhookEventRegistry"/>.</summary>
internal abstract record ZaloWebhookEventRow
{
    /// <summary>The event type.</summary>
    public abstract Type Type { get; }

    /// <summary>The exact <c>event_name</c> literals of this type.</summary>
    public string[] Names { get; init; } = [];

    /// <summary>Prefixes of <c>event_name</c> literals of this type (asked after exact names).</summary>
    public string[] Prefixes { get; init; } = [];

    /// <summary>When set, the row applies to its names only when the envelope satisfies this.</summary>
    public Func<ZaloWebhookEnvelope, bool>? Condition { get; init; }

    /// <summary>Deserialises a body known to be JSON into this type (the serializer's exceptions
    /// propagate; the parser maps them).</summary>
    public abstract ZaloWebhookEvent? Deserialize(ReadOnlySpan<byte> body);

    /// <summary>Calls the processor's method for this type.</summary>
    public abstract Task ProcessAsync(ZaloWebhookProcessor processor, ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Runs the DI handlers of this type and of its base types.</summary>
    public abstract Task<int> DispatchAsync(IServiceProvider services, ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken);
}

/// <summary>A row of a concrete event type: the generic parameter is what lets the dispatcher and
/// the processor call typed handlers without reflection (trimming- and AOT-safe).</summary>
internal sealed record ZaloWebhookEventRow<T>(JsonTypeInfo<T> TypeInfo, Func<ZaloWebhookProcessor, T, CancellationToken, Task> Process) : ZaloWebhookEventRow
    where T : ZaloWebhookEvent
{
    public override Type Type => typeof(T);

    public override ZaloWebhookEvent? Deserialize(ReadOnlySpan<byte> body) => JsonSerializer.Deserialize(body, TypeInfo);

    public override Task ProcessAsync(ZaloWebhookProcessor processor, ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Process(processor, (T)webhookEvent, cancellationToken);

    public override Task<int> DispatchAsync(IServiceProvider services, ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        ZaloWebhookDispatcher.InvokeAsync(services, (T)webhookEvent, cancellationToken);
}

/// <summary>Source-generated JSON metadata for webhook events (same options as <c>ZaloJsonContext</c>):
/// one <c>[JsonSerializable]</c> per registry row.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(UserSendTextEvent))]
[JsonSerializable(typeof(UserSendImageEvent))]
[JsonSerializable(typeof(UserSendGifEvent))]
[JsonSerializable(typeof(UserSendStickerEvent))]
[JsonSerializable(typeof(UserSendAudioEvent))]
[JsonSerializable(typeof(UserSendVideoEvent))]
[JsonSerializable(typeof(UserSendFileEvent))]
[JsonSerializable(typeof(UserSendLinkEvent))]
[JsonSerializable(typeof(UserSendLocationEvent))]
[JsonSerializable(typeof(UserSendBusinessCardEvent))]
[JsonSerializable(typeof(UserSendContactEvent))]
[JsonSerializable(typeof(OaSendMessageEvent))]
[JsonSerializable(typeof(AnonymousMessageEvent))]
[JsonSerializable(typeof(UserSendGroupTextEvent))]
[JsonSerializable(typeof(UserSendGroupImageEvent))]
[JsonSerializable(typeof(UserSendGroupGifEvent))]
[JsonSerializable(typeof(UserSendGroupStickerEvent))]
[JsonSerializable(typeof(UserSendGroupAudioEvent))]
[JsonSerializable(typeof(UserSendGroupVideoEvent))]
[JsonSerializable(typeof(UserSendGroupFileEvent))]
[JsonSerializable(typeof(UserSendGroupLinkEvent))]
[JsonSerializable(typeof(UserSendGroupLocationEvent))]
[JsonSerializable(typeof(UserSendGroupBusinessCardEvent))]
[JsonSerializable(typeof(OaSendGroupMessageEvent))]
[JsonSerializable(typeof(UserReceivedMessageEvent))]
[JsonSerializable(typeof(UserSeenMessageEvent))]
[JsonSerializable(typeof(ZnsDeliveryReceiptEvent))]
[JsonSerializable(typeof(MessageReactionEvent))]
[JsonSerializable(typeof(FollowEvent))]
[JsonSerializable(typeof(UnfollowEvent))]
[JsonSerializable(typeof(UserSubmitInfoEvent))]
[JsonSerializable(typeof(UserClickChatNowEvent))]
[JsonSerializable(typeof(AddUserToTagEvent))]
[JsonSerializable(typeof(WidgetEvent))]
[JsonSerializable(typeof(CallEvent))]
[JsonSerializable(typeof(ShopHasOrderEvent))]
[JsonSerializable(typeof(PermissionRevokedEvent))]
[JsonSerializable(typeof(GroupCreatedEvent))]
[JsonSerializable(typeof(UserJoinGroupEvent))]
[JsonSerializable(typeof(GroupJoinRequestEvent))]
[JsonSerializable(typeof(UserLeaveGroupEvent))]
[JsonSerializable(typeof(GroupAdminChangedEvent))]
[JsonSerializable(typeof(GroupUpdatedEvent))]
[JsonSerializable(typeof(GroupDeletedEvent))]
[JsonSerializable(typeof(ZnsTemplateEvent))]
[JsonSerializable(typeof(UnknownZaloEvent))]
[JsonSerializable(typeof(ZaloBusinessCard))]
internal sealed partial class ZaloWebhookJsonContext : JsonSerializerContext;
