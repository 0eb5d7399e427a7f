using System.Globalization;

namespace ZaloOA.Sdk;

/// <summary>
/// A Zalo error code. An open set: Zalo adds codes without notice, so any integer is a valid value
/// and the well-known ones are named here with what they mean and what to do.
/// </summary>
/// <remarks>Codes marked [S] in the SDK's reference come from a single source; the meaning given is
/// the best known one.</remarks>
public readonly struct ZaloErrorCode : IEquatable<ZaloErrorCode>
{
    /// <summary>Wraps a numeric code.</summary>
    public ZaloErrorCode(int value) => Value = value;

    /// <summary>The numeric code as Zalo sent it.</summary>
    public int Value { get; }

    /// <summary>0: success.</summary>
    public static ZaloErrorCode Success { get; } = new(0);
    /// <summary>-32: the app or the OA reached its API call limit; back off and retry later.</summary>
    public static ZaloErrorCode RateLimited { get; } = new(-32);
    /// <summary>-100: the attachment id expired (uploads live about 7 days); upload again.</summary>
    public static ZaloErrorCode AttachmentExpired { get; } = new(-100);
    /// <summary>-200: sending the message failed (generic).</summary>
    public static ZaloErrorCode SendFailed { get; } = new(-200);
    /// <summary>-201: a parameter is invalid; Zalo's message names it. Do not retry unchanged.</summary>
    public static ZaloErrorCode InvalidParameter { get; } = new(-201);
    /// <summary>-204: the Official Account is disabled or deleted.</summary>
    public static ZaloErrorCode OfficialAccountDisabled { get; } = new(-204);
    /// <summary>-205: the Official Account does not exist.</summary>
    public static ZaloErrorCode OfficialAccountNotFound { get; } = new(-205);
    /// <summary>-209: the API is not supported or not enabled for this app.</summary>
    public static ZaloErrorCode ApiNotSupported { get; } = new(-209);
    /// <summary>-210: a parameter exceeds its allowed limit.</summary>
    public static ZaloErrorCode ParameterOutOfLimit { get; } = new(-210);
    /// <summary>-211: out of quota.</summary>
    public static ZaloErrorCode OutOfQuota { get; } = new(-211);
    /// <summary>-212: the app has not registered this API.</summary>
    public static ZaloErrorCode ApiNotRegistered { get; } = new(-212);
    /// <summary>-213: the user does not follow the OA.</summary>
    public static ZaloErrorCode UserNotFollower { get; } = new(-213);
    /// <summary>-214: the article is still being processed; poll again.</summary>
    public static ZaloErrorCode ArticleProcessing { get; } = new(-214);
    /// <summary>-216: the access token is invalid; the SDK refreshes once and retries.</summary>
    public static ZaloErrorCode AccessTokenInvalid { get; } = new(-216);
    /// <summary>-217: the user blocked invitations from the OA.</summary>
    public static ZaloErrorCode UserBlockedInvitation { get; } = new(-217);
    /// <summary>-218: the recipient's receive quota is used up.</summary>
    public static ZaloErrorCode RecipientOutOfQuota { get; } = new(-218);
    /// <summary>-219: the app was removed or disabled.</summary>
    public static ZaloErrorCode AppDisabled { get; } = new(-219);
    /// <summary>-220: the access token expired or was revoked; the SDK refreshes once and retries.</summary>
    public static ZaloErrorCode AccessTokenExpired { get; } = new(-220);
    /// <summary>-221: the OA must be verified to use this feature.</summary>
    public static ZaloErrorCode OfficialAccountNotVerified { get; } = new(-221);
    /// <summary>-223: the OA has not authorised this API, or the article-creation quota is reached.</summary>
    public static ZaloErrorCode NotAuthorizedOrQuota { get; } = new(-223);
    /// <summary>-224: the OA needs a higher package tier.</summary>
    public static ZaloErrorCode PackageUpgradeRequired { get; } = new(-224);
    /// <summary>-227: the user is banned or inactive for more than 45 days.</summary>
    public static ZaloErrorCode UserInactive { get; } = new(-227);
    /// <summary>-230: the user has not interacted with the OA in the past 7 days; a consultation
    /// message cannot be sent. Use a ZBS template message instead.</summary>
    public static ZaloErrorCode InteractionWindowClosed { get; } = new(-230);
    /// <summary>-232: the user has not interacted, or the last interaction expired.</summary>
    public static ZaloErrorCode InteractionExpired { get; } = new(-232);
    /// <summary>-233: the message type is invalid or not supported.</summary>
    public static ZaloErrorCode MessageTypeNotSupported { get; } = new(-233);
    /// <summary>-234: this message type cannot be sent at night (22:00 to 06:00).</summary>
    public static ZaloErrorCode NightTimeRestricted { get; } = new(-234);
    /// <summary>-235: the API does not support this type of OA.</summary>
    public static ZaloErrorCode OfficialAccountTypeNotSupported { get; } = new(-235);
    /// <summary>-237: the group chat is disabled (its GMF asset expired); renew it with
    /// <c>Groups.UpdateAssetAsync</c> before posting again. [S]</summary>
    public static ZaloErrorCode GroupDisabled { get; } = new(-237);
    /// <summary>-238: the GMF asset is already used or disabled; pick an available one. [S]</summary>
    public static ZaloErrorCode AssetUnavailable { get; } = new(-238);
    /// <summary>-241: the GMF asset is already used by another group. [S]</summary>
    public static ZaloErrorCode AssetAlreadyUsed { get; } = new(-241);
    /// <summary>-403: the OA is not in the group (removed, or the group belongs to another OA). [S]</summary>
    public static ZaloErrorCode OaNotInGroup { get; } = new(-403);
    /// <summary>-240: the v2 message API is shut down; use the v3 endpoints.</summary>
    public static ZaloErrorCode MessageV2ShutDown { get; } = new(-240);
    /// <summary>-242: the appsecret_proof header is invalid.</summary>
    public static ZaloErrorCode InvalidAppSecretProof { get; } = new(-242);
    /// <summary>-244: the user restricted this message type from the OA.</summary>
    public static ZaloErrorCode UserRestrictedMessageType { get; } = new(-244);
    /// <summary>-124: (ZNS/ZBS) the access token is invalid; the SDK refreshes once and retries.</summary>
    public static ZaloErrorCode BusinessAccessTokenInvalid { get; } = new(-124);

    /// <summary>True for the codes that mean "get a new access token and try once more".</summary>
    public bool IsAccessTokenRejected => Value is -216 or -220 or -124;

    /// <summary>True when a later retry may succeed without changing the request.</summary>
    public bool IsTransient => Value is -32 or -200 or -214;

    /// <summary>A short explanation of the code and what to do, or null for unknown codes.</summary>
    public string? Description => Value switch
    {
        0 => "Success.",
        -32 => "The app or OA reached its API call limit; wait and retry.",
        -100 => "The attachment id expired; upload the file again.",
        -201 => "A parameter is invalid; see Zalo's message for which one.",
        -204 => "The Official Account is disabled or deleted.",
        -205 => "The Official Account does not exist.",
        -209 => "This API is not supported or not enabled for the app.",
        -210 => "A parameter exceeds its allowed limit.",
        -211 => "Out of quota.",
        -212 => "The app has not registered this API in the Zalo developer console.",
        -213 => "The user does not follow the OA.",
        -214 => "The article is still being processed; poll again later.",
        -216 or -220 => "The access token was rejected; the OA may need to be re-authorised if refreshing does not help.",
        -217 => "The user blocked invitations from the OA.",
        -218 => "The recipient's receive quota is used up.",
        -219 => "The app was removed or disabled.",
        -221 => "The OA must be verified to use this feature.",
        -223 => "The OA has not authorised this API, or a quota is reached.",
        -224 => "The OA needs a higher package tier.",
        -227 => "The user is banned or has been inactive for more than 45 days.",
        -230 => "The user has not interacted with the OA in the past 7 days, so a consultation message cannot be sent; use a ZBS template message or wait for the user to write.",
        -232 => "The user has not interacted, or the last interaction expired.",
        -233 => "The message type is invalid or not supported.",
        -234 => "This message type cannot be sent at night (22:00 to 06:00).",
        -235 => "The API does not support this type of OA.",
        -237 => "The group is disabled because its GMF asset expired; renew the asset (updateasset) before posting again.",
        -238 => "The GMF asset is already used or disabled; choose an available asset.",
        -241 => "The GMF asset is already used by another group; choose an available asset.",
        -403 => "The OA is not in this group; check the group id or add the OA back to the group.",
        -240 => "The v2 message API is shut down; use the v3 endpoints.",
        -242 => "The appsecret_proof header is invalid.",
        -244 => "The user restricted this message type from the OA.",
        -124 => "The ZNS/ZBS access token was rejected.",
        _ => null,
    };

    /// <summary>Converts an integer to a code.</summary>
    public static implicit operator ZaloErrorCode(int value) => new(value);

    /// <summary>Creates a code from an integer (the named alternative to the implicit conversion).</summary>
    public static ZaloErrorCode FromInt32(int value) => new(value);

    /// <inheritdoc />
    public bool Equals(ZaloErrorCode other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ZaloErrorCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value;

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares two codes.</summary>
    public static bool operator ==(ZaloErrorCode left, ZaloErrorCode right) => left.Equals(right);

    /// <summary>Compares two codes.</summary>
    public static bool operator !=(ZaloErrorCode left, ZaloErrorCode right) => !left.Equals(right);
}
