namespace ZaloOA.Sdk.Testing;

/// <summary>
/// One Zalo user of one Official Account, acting through the emulator: each method builds the
/// Zalo-shaped event, applies it (last interaction, follower flag, chat history) and posts it,
/// signed, to <see cref="ZaloEmulator.WebhookUrl"/>. Get one from <see cref="ZaloEmulator.Citizen"/>.
/// </summary>
public sealed partial class EmulatedCitizen
{
    private readonly ZaloEmulator _emulator;

    internal EmulatedCitizen(ZaloEmulator emulator, string oaId, string userId)
    {
        _emulator = emulator;
        OaId = oaId;
        UserId = userId;
    }

    /// <summary>The Official Account the user talks to.</summary>
    public string OaId { get; }

    /// <summary>The user's id for that OA.</summary>
    public string UserId { get; }

    /// <summary>Sends a text (<c>user_send_text</c>); menu taps with <c>oa.query.*</c> arrive this way too.</summary>
    public Task<ZaloWebhookDelivery> SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendText(OaId, UserId, text), cancellationToken);

    /// <summary>Sends a photo (<c>user_send_image</c>); a generated PNG unless bytes are given.</summary>
    public Task<ZaloWebhookDelivery> SendImageAsync(string? caption = null, byte[]? image = null, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendImage(OaId, UserId, caption, image), cancellationToken);

    /// <summary>Sends a file (<c>user_send_file</c>); a generated PDF unless bytes are given.</summary>
    public Task<ZaloWebhookDelivery> SendFileAsync(string fileName = "don-trinh-bao.pdf", byte[]? content = null, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendFile(OaId, UserId, fileName, content), cancellationToken);

    /// <summary>Shares a location (<c>user_send_location</c>).</summary>
    public Task<ZaloWebhookDelivery> SendLocationAsync(double latitude, double longitude, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendLocation(OaId, UserId, latitude, longitude), cancellationToken);

    /// <summary>Sends a video (<c>user_send_video</c>); a placeholder MP4 unless bytes are given.</summary>
    public Task<ZaloWebhookDelivery> SendVideoAsync(string description = "", byte[]? video = null, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendVideo(OaId, UserId, description, video), cancellationToken);

    /// <summary>Sends a voice message (<c>user_send_audio</c>).</summary>
    public Task<ZaloWebhookDelivery> SendAudioAsync(CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendAudio(OaId, UserId), cancellationToken);

    /// <summary>Sends a sticker (<c>user_send_sticker</c>).</summary>
    public Task<ZaloWebhookDelivery> SendStickerAsync(string stickerId = "bfe458bf64fa8da4d4eb", CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendSticker(OaId, UserId, stickerId), cancellationToken);

    /// <summary>Shares a link (<c>user_send_link</c>).</summary>
    public Task<ZaloWebhookDelivery> SendLinkAsync(Uri url, string title = "", string description = "", CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSendLink(OaId, UserId, url, title, description), cancellationToken);

    /// <summary>Follows the OA (<c>follow</c>).</summary>
    public Task<ZaloWebhookDelivery> FollowAsync(string source = "oa_profile", CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.Follow(OaId, UserId, source), cancellationToken);

    /// <summary>Unfollows the OA (<c>unfollow</c>).</summary>
    public Task<ZaloWebhookDelivery> UnfollowAsync(CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.Unfollow(OaId, UserId), cancellationToken);

    /// <summary>Answers a <c>request_user_info</c> message (<c>user_submit_info</c>).</summary>
    public Task<ZaloWebhookDelivery> SubmitInfoAsync(EmulatedUserInfo? info = null, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSubmitInfo(OaId, UserId, info), cancellationToken);

    /// <summary>Reports that an OA message reached the phone (<c>user_received_message</c>).</summary>
    public Task<ZaloWebhookDelivery> ReceiveMessageAsync(string messageId, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserReceivedMessage(OaId, UserId, messageId), cancellationToken);

    /// <summary>Reacts to an OA message (<c>user_reacted_message</c>), e.g. with <c>/-heart</c>.</summary>
    public Task<ZaloWebhookDelivery> ReactAsync(string messageId, string reactIcon = "/-heart", CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserReactedMessage(OaId, UserId, messageId, reactIcon), cancellationToken);

    /// <summary>Reports OA messages as seen (<c>user_seen_message</c>, several ids in one event).</summary>
    public Task<ZaloWebhookDelivery> SeeMessagesAsync(IEnumerable<string> messageIds, CancellationToken cancellationToken = default) =>
        _emulator.DeliverAsync(_emulator.Events.UserSeenMessage(OaId, UserId, messageIds), cancellationToken);
}
