namespace ZaloOA.Sdk.Testing.Internal;

// One group chat (GMF) an OA manages: who is in it, who waits, its settings, its asset and its
// conversation (members' messages and the OA's posts, in order).
internal sealed class GroupState(string oaId, string groupId, string name, string link, DateTimeOffset createdAt)
{
    public string OaId { get; } = oaId;

    public string GroupId { get; } = groupId;

    public string Name { get; set; } = name;

    public string? Description { get; set; }

    public string? AvatarUrl { get; set; }

    public string Link { get; } = link;

    public string AssetId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    // Set when its asset expired (ZaloEmulator.DisableGroup); updateasset clears it.
    public bool Disabled { get; set; }

    // Set by ZaloEmulator.RemoveOaFromGroup: every call about the group answers -403.
    public bool OaRemoved { get; set; }

    public bool Deleted { get; set; }

    public bool LockSendMessage { get; set; }

    public bool JoinApproval { get; set; }

    public bool EnableMessageHistory { get; set; } = true;

    public bool EnableLinkJoin { get; set; } = true;

    // Members in the order they joined (the OA is a member too, shown first, not listed here).
    public List<string> Members { get; } = [];

    public HashSet<string> Admins { get; } = new(StringComparer.Ordinal);

    // Invited by the OA, not joined yet.
    public List<string> Invited { get; } = [];

    // Asked to join a group that needs approval (listpendinginvite).
    public List<string> Pending { get; } = [];

    public List<ConversationEntry> Conversation { get; } = [];
}

// A GMF asset: the right to run one group of a package's size until ValidThrough.
internal sealed class GroupAssetState(string assetId, string oaId, string productType, string quotaType, DateTimeOffset validThrough)
{
    public string AssetId { get; } = assetId;

    public string OaId { get; } = oaId;

    public string ProductType { get; } = productType;

    public string QuotaType { get; } = quotaType;

    public DateTimeOffset ValidThrough { get; } = validThrough;

    // The group using it, or null when available.
    public string? UsedBy { get; set; }

    public int MaxMembers => ProductType switch
    {
        "gmf10" => 10,
        "gmf50" => 50,
        "gmf100" => 100,
        "gmf1000" => 1000,
        _ => 10,
    };
}
