using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Webhooks;

/// <summary>Source-generated JSON metadata for webhook events (same options as <c>ZaloJsonContext</c>).</summary>
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
[JsonSerializable(typeof(GroupMessageEvent))]
[JsonSerializable(typeof(UserReceivedMessageEvent))]
[JsonSerializable(typeof(UserSeenMessageEvent))]
[JsonSerializable(typeof(ZnsDeliveryReceiptEvent))]
[JsonSerializable(typeof(MessageReactionEvent))]
[JsonSerializable(typeof(FollowEvent))]
[JsonSerializable(typeof(UnfollowEvent))]
[JsonSerializable(typeof(UserClickChatNowEvent))]
[JsonSerializable(typeof(UserSubmitInfoEvent))]
[JsonSerializable(typeof(AddUserToTagEvent))]
[JsonSerializable(typeof(WidgetEvent))]
[JsonSerializable(typeof(CallEvent))]
[JsonSerializable(typeof(ShopHasOrderEvent))]
[JsonSerializable(typeof(PermissionRevokedEvent))]
[JsonSerializable(typeof(GroupEvent))]
[JsonSerializable(typeof(ZnsTemplateEvent))]
[JsonSerializable(typeof(UnknownZaloEvent))]
[JsonSerializable(typeof(ZaloBusinessCard))]
internal sealed partial class ZaloWebhookJsonContext : JsonSerializerContext;
