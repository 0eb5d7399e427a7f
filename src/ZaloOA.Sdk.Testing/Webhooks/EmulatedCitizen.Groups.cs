namespace ZaloOA.Sdk.Testing;

// The citizen in the OA's group chats (GMF): writing in a group, joining, leaving. Each posts the
// signed group webhook, as Zalo reports it to the OA's app.
public sealed partial class EmulatedCitizen
{
    /// <summary>Writes in a group (<c>user_send_group_text</c>); the user must be a member.</summary>
    /// <exception cref="InvalidOperationException">The user is not a member of the group.</exception>
    public Task<ZaloWebhookDelivery> SendGroupTextAsync(string groupId, string text, CancellationToken cancellationToken = default)
    {
        _emulator.RequireGroupMember(OaId, groupId, UserId);
        return _emulator.DeliverAsync(_emulator.Events.UserSendGroupText(OaId, groupId, UserId, text), cancellationToken);
    }

    /// <summary>Posts a photo in a group (<c>user_send_group_image</c>); the user must be a member.</summary>
    /// <exception cref="InvalidOperationException">The user is not a member of the group.</exception>
    public Task<ZaloWebhookDelivery> SendGroupImageAsync(string groupId, string? caption = null, byte[]? image = null, CancellationToken cancellationToken = default)
    {
        _emulator.RequireGroupMember(OaId, groupId, UserId);
        return _emulator.DeliverAsync(_emulator.Events.UserSendGroupImage(OaId, groupId, UserId, caption, image), cancellationToken);
    }

    /// <summary>
    /// Joins a group the OA invited the user to, or any group whose link is open: a
    /// <c>user_join_group</c>, or a <c>user_request_join_group</c> when the group needs an admin's
    /// approval (the user then waits on the pending list).
    /// </summary>
    /// <exception cref="InvalidOperationException">The user is already a member or waiting, or was not
    /// invited to a group whose link is closed.</exception>
    public Task<ZaloWebhookDelivery> JoinGroupAsync(string groupId, CancellationToken cancellationToken = default)
    {
        var webhook = _emulator.NeedsJoinApproval(OaId, groupId, UserId)
            ? _emulator.Events.UserRequestJoinGroup(OaId, groupId, UserId)
            : _emulator.Events.UserJoinGroup(OaId, groupId, UserId);
        return _emulator.DeliverAsync(webhook, cancellationToken);
    }

    /// <summary>Leaves a group (<c>user_leave_group</c>); the user must be a member.</summary>
    /// <exception cref="InvalidOperationException">The user is not a member of the group.</exception>
    public Task<ZaloWebhookDelivery> LeaveGroupAsync(string groupId, CancellationToken cancellationToken = default)
    {
        _emulator.RequireGroupMember(OaId, groupId, UserId);
        return _emulator.DeliverAsync(_emulator.Events.UserLeaveGroup(OaId, groupId, UserId), cancellationToken);
    }
}
