namespace ZaloOA.PoliceDesk.Citizens;

/// <summary>
/// What the desk knows about one citizen of one OA (Zalo user ids are per OA): the Zalo profile
/// (display name, avatar) cached from the user detail API and refreshed by
/// <see cref="CitizenProfileWorker"/>, what the citizen shared through a request-information
/// message (<c>user_submit_info</c>), and whether staff blocked them as spam. All of it is personal
/// data: erased with the citizen's last case (<c>Privacy/CaseAnonymizer</c>), never logged.
/// </summary>
public sealed class Citizen
{
    public const int MaxNameLength = 200;
    public const int MaxPhoneLength = 32;
    public const int MaxAddressLength = 500;

    public int Id { get; set; }

    /// <summary>The OA the citizen writes to.</summary>
    public string OaId { get; set; } = "";

    /// <summary>The citizen's Zalo user id at <see cref="OaId"/>.</summary>
    public string UserId { get; set; } = "";

    /// <summary>Zalo's <c>display_name</c>, as of <see cref="ProfileFetchedAt"/>.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The desk's own copy of the avatar (a small JPEG/PNG/GIF/WebP, see
    /// <see cref="CitizenOptions.MaxAvatarBytes"/>), shown as a <c>data:</c> image: the officer's
    /// browser never loads anything from a URL Zalo handed over.</summary>
    public byte[]? Avatar { get; set; }

    /// <summary>The image type of <see cref="Avatar"/> (checked from its first bytes, not trusted from the server).</summary>
    public string? AvatarContentType { get; set; }

    /// <summary>When the profile was last read from Zalo; null until the first success.</summary>
    public DateTimeOffset? ProfileFetchedAt { get; set; }

    /// <summary>When the profile is next due to be read (the refresh age after a success, a back-off
    /// after a failure); null while nothing is due.</summary>
    public DateTimeOffset? ProfileDueAt { get; set; }

    /// <summary>Failed reads in a row (reset on success).</summary>
    public int ProfileAttempts { get; set; }

    /// <summary>The name the citizen submitted (<c>user_submit_info</c>).</summary>
    public string? SharedName { get; set; }

    /// <summary>The phone number the citizen submitted.</summary>
    public string? SharedPhone { get; set; }

    /// <summary>The address the citizen submitted (street, ward, district, city joined).</summary>
    public string? SharedAddress { get; set; }

    /// <summary>When the citizen last submitted information.</summary>
    public DateTimeOffset? InfoSharedAt { get; set; }

    /// <summary>When staff last sent the request-information message.</summary>
    public DateTimeOffset? InfoRequestedAt { get; set; }

    /// <summary>Set while the citizen is blocked (spam): their messages are still filed, but no
    /// automatic answer goes out and their cases are marked.</summary>
    public DateTimeOffset? BlockedAt { get; set; }

    /// <summary>Who blocked the citizen.</summary>
    public int? BlockedById { get; set; }
}
