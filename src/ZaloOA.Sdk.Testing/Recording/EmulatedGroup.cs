namespace ZaloOA.Sdk.Testing;

/// <summary>A snapshot of a group chat (GMF) as the emulator knows it.</summary>
/// <param name="OaId">The Official Account that manages it.</param>
/// <param name="GroupId">The group's id (what the group endpoints and webhooks use).</param>
/// <param name="Name">The name.</param>
/// <param name="Description">The description, or null.</param>
/// <param name="GroupLink">The join link.</param>
/// <param name="AssetId">The GMF asset it runs on.</param>
/// <param name="IsEnabled">Whether the OA may post into it (false once its asset expired: -237).</param>
/// <param name="IsOaMember">Whether the OA is still in it (false: every call answers -403).</param>
/// <param name="IsDeleted">Whether it was dissolved.</param>
/// <param name="MemberUserIds">The members (users; the OA is a member too), in the order they joined.</param>
/// <param name="AdminUserIds">The members who are deputy admins.</param>
/// <param name="InvitedUserIds">Users the OA invited who have not joined.</param>
/// <param name="PendingUserIds">Users waiting for approval to join.</param>
public sealed record EmulatedGroup(
    string OaId,
    string GroupId,
    string Name,
    string? Description,
    string GroupLink,
    string AssetId,
    bool IsEnabled,
    bool IsOaMember,
    bool IsDeleted,
    IReadOnlyList<string> MemberUserIds,
    IReadOnlyList<string> AdminUserIds,
    IReadOnlyList<string> InvitedUserIds,
    IReadOnlyList<string> PendingUserIds);
