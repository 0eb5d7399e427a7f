namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// Handles webhook events without a web server: derive, override the <c>On...Async</c> methods you
/// need (the others do nothing), and call <see cref="DispatchAsync"/> with a parsed event (for
/// example from a queue, through <see cref="ZaloWebhookDeduplicator.ProcessAsync"/> so redeliveries
/// are handled once). Register it with <c>AddWebhookProcessor&lt;T&gt;()</c> to have the ASP.NET
/// Core endpoint call it. Which method an event reaches is set by the SDK's one event table.
/// </summary>
public abstract class ZaloWebhookProcessor : IZaloWebhookHandler<ZaloWebhookEvent>
{
    /// <summary>Calls the <c>On...Async</c> method for the event's type.</summary>
    public virtual Task DispatchAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return ZaloWebhookEventRegistry.Find(webhookEvent.GetType()) is { } row
            ? row.ProcessAsync(this, webhookEvent, cancellationToken)
            : OnUnknownEventAsync(webhookEvent, cancellationToken);
    }

    /// <inheritdoc />
    Task IZaloWebhookHandler<ZaloWebhookEvent>.HandleAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        DispatchAsync(webhookEvent, cancellationToken);

    /// <summary>Handles <c>user_send_text</c>.</summary>
    public virtual Task OnUserSendTextAsync(UserSendTextEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_image</c>.</summary>
    public virtual Task OnUserSendImageAsync(UserSendImageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_gif</c>.</summary>
    public virtual Task OnUserSendGifAsync(UserSendGifEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_sticker</c>.</summary>
    public virtual Task OnUserSendStickerAsync(UserSendStickerEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_audio</c>.</summary>
    public virtual Task OnUserSendAudioAsync(UserSendAudioEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_video</c>.</summary>
    public virtual Task OnUserSendVideoAsync(UserSendVideoEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_file</c>.</summary>
    public virtual Task OnUserSendFileAsync(UserSendFileEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_link</c>.</summary>
    public virtual Task OnUserSendLinkAsync(UserSendLinkEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_location</c>.</summary>
    public virtual Task OnUserSendLocationAsync(UserSendLocationEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_business_card</c>.</summary>
    public virtual Task OnUserSendBusinessCardAsync(UserSendBusinessCardEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_contact</c>.</summary>
    public virtual Task OnUserSendContactAsync(UserSendContactEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles the <c>oa_send_*</c> echoes.</summary>
    public virtual Task OnOaSendMessageAsync(OaSendMessageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles anonymous-user messages.</summary>
    public virtual Task OnAnonymousMessageAsync(AnonymousMessageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_text</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupTextAsync(UserSendGroupTextEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_image</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupImageAsync(UserSendGroupImageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_gif</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupGifAsync(UserSendGroupGifEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_sticker</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupStickerAsync(UserSendGroupStickerEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_audio</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupAudioAsync(UserSendGroupAudioEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_video</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupVideoAsync(UserSendGroupVideoEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_file</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupFileAsync(UserSendGroupFileEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_link</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupLinkAsync(UserSendGroupLinkEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_location</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupLocationAsync(UserSendGroupLocationEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_send_group_business_card</c> (a member wrote in a group).</summary>
    public virtual Task OnUserSendGroupBusinessCardAsync(UserSendGroupBusinessCardEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles the <c>oa_send_group_*</c> posts (the OA wrote in a group).</summary>
    public virtual Task OnOaSendGroupMessageAsync(OaSendGroupMessageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_received_message</c>.</summary>
    public virtual Task OnUserReceivedMessageAsync(UserReceivedMessageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_seen_message</c>.</summary>
    public virtual Task OnUserSeenMessageAsync(UserSeenMessageEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles ZNS delivery receipts.</summary>
    public virtual Task OnZnsDeliveryReceiptAsync(ZnsDeliveryReceiptEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles reactions.</summary>
    public virtual Task OnMessageReactionAsync(MessageReactionEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>follow</c>.</summary>
    public virtual Task OnFollowAsync(FollowEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>unfollow</c>.</summary>
    public virtual Task OnUnfollowAsync(UnfollowEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_submit_info</c>.</summary>
    public virtual Task OnUserSubmitInfoAsync(UserSubmitInfoEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_click_chatnow</c>.</summary>
    public virtual Task OnUserClickChatNowAsync(UserClickChatNowEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>add_user_to_tag</c>.</summary>
    public virtual Task OnAddUserToTagAsync(AddUserToTagEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles widget events.</summary>
    public virtual Task OnWidgetEventAsync(WidgetEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles call events.</summary>
    public virtual Task OnCallEventAsync(CallEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>shop_has_order</c>.</summary>
    public virtual Task OnShopHasOrderAsync(ShopHasOrderEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>permission_revoked</c>.</summary>
    public virtual Task OnPermissionRevokedAsync(PermissionRevokedEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>create_group</c>.</summary>
    public virtual Task OnGroupCreatedAsync(GroupCreatedEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_join_group</c>.</summary>
    public virtual Task OnUserJoinGroupAsync(UserJoinGroupEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles requests to join a group and their answers.</summary>
    public virtual Task OnGroupJoinRequestAsync(GroupJoinRequestEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>user_leave_group</c> / <c>user_out_group</c>.</summary>
    public virtual Task OnUserLeaveGroupAsync(UserLeaveGroupEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>add_group_admin</c> and <c>remove_group_admin</c>.</summary>
    public virtual Task OnGroupAdminChangedAsync(GroupAdminChangedEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>update_group_info</c>.</summary>
    public virtual Task OnGroupUpdatedAsync(GroupUpdatedEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles <c>delete_group</c> / <c>disperse_group</c>.</summary>
    public virtual Task OnGroupDeletedAsync(GroupDeletedEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles ZNS template and quota events.</summary>
    public virtual Task OnZnsTemplateEventAsync(ZnsTemplateEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles events the SDK does not model (the raw JSON is kept); also receives any event type this processor has no method for.</summary>
    public virtual Task OnUnknownEventAsync(ZaloWebhookEvent webhookEvent, CancellationToken cancellationToken) => Task.CompletedTask;
}
