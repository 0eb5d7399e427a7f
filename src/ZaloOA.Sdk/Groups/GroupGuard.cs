using System.Buffers;
using System.Globalization;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Groups;

/// <summary>The group chat checks the client can make before calling Zalo (the shared ones are
/// <see cref="ZaloGuard"/>'s); each failure names the wire field and what to change.</summary>
internal static class GroupGuard
{
    private const int MaxOpaqueIdLength = 128;
    private const int MaxUserIdLength = 32;

    private static readonly SearchValues<char> OpaqueIdChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    /// <summary>A group or asset id: Zalo's are short hex strings [S]; anything but letters, digits,
    /// '-' and '_' cannot be one (and would change the query it is put in).</summary>
    public static string OpaqueId(string? value, ZaloField field)
    {
        var id = ZaloGuard.Required(value, field);
        if (id.Length > MaxOpaqueIdLength || id.AsSpan().ContainsAnyExcept(OpaqueIdChars))
        {
            throw ZaloGuard.Invalid(
                $"{field} must be the id Zalo gave (letters, digits, '-' or '_', at most {MaxOpaqueIdLength.ToString(CultureInfo.InvariantCulture)} characters), as GetQuotaAsync, ListAsync or a webhook returns it.",
                field);
        }

        return id;
    }

    /// <summary>A list of user ids: <paramref name="min"/> to <paramref name="max"/> of them, each
    /// digits only (Zalo's per-OA user ids, as webhooks and user lists give them), none repeated.</summary>
    public static IReadOnlyList<string> UserIds(IReadOnlyList<string>? values, ZaloField field, int min, int max)
    {
        var ids = ZaloGuard.Count(values, field, min, max);
        var seen = new HashSet<string>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            var name = field.Index(i);
            var id = ZaloGuard.Required(ids[i], name);
            if (id.Length > MaxUserIdLength || id.AsSpan().ContainsAnyExceptInRange('0', '9'))
            {
                throw ZaloGuard.Invalid($"{name} must be a Zalo user id (digits only), as webhooks and the OA's user list give it.", name);
            }

            if (!seen.Add(id))
            {
                throw ZaloGuard.Invalid($"{name} repeats an earlier user id; list each user once.", name);
            }
        }

        return ids;
    }

    /// <summary>Group messages take the consultation shapes Zalo documents for groups: text, image,
    /// GIF, sticker and file [S]. Buttons, lists and requests for information are refused here
    /// rather than by Zalo.</summary>
    public static ZaloMessage Message(ZaloMessage? message)
    {
        if (message is null)
        {
            throw ZaloGuard.Invalid("message is required.", "message");
        }

        return message is ZaloTextMessage or ZaloImageMessage or ZaloGifMessage or ZaloStickerMessage or ZaloFileMessage
            ? message
            : throw ZaloGuard.Invalid(
                $"A group takes text, image, GIF, sticker or file messages; {message.GetType().Name} is not documented for groups. Send one of those types instead.",
                "message");
    }
}
