using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Serialization;

namespace ZaloOA.Sdk.Menus;

public partial class MenusClient
{
    /// <summary>
    /// Sends <paramref name="menu"/> as a consultation message with buttons
    /// (<c>POST /v3.0/oa/message/cs</c>): the text, then one button per item. Subject to the
    /// consultation window (the follower wrote within 7 days, else <c>-230</c>).
    /// </summary>
    /// <exception cref="ZaloValidationException">The menu breaks a limit (see <see cref="ZaloMenuLimits"/>).</exception>
    public virtual Task<ZaloMenuSendResult> SendButtonsAsync(string userId, ZaloMenu menu, CancellationToken cancellationToken = default) =>
        SendAsync("menus.send_buttons", MenuWriter.Buttons(userId, menu), cancellationToken);

    /// <summary>
    /// Sends <paramref name="menu"/> as a list template (<c>template_type: list</c>): one element per
    /// item with its subtitle and image, the item's action as the element's <c>default_action</c>,
    /// and <see cref="ZaloMenu.ListButtons"/> under the list.
    /// </summary>
    /// <remarks>Zalo documents the list template only for the v2 message endpoint; that it works on
    /// <c>/v3.0/oa/message/cs</c> is [U]. Prefer <see cref="SendButtonsAsync"/> when in doubt.</remarks>
    public virtual Task<ZaloMenuSendResult> SendListAsync(string userId, ZaloMenu menu, CancellationToken cancellationToken = default) =>
        SendAsync("menus.send_list", MenuWriter.List(userId, menu), cancellationToken);

    /// <summary>
    /// Sets the OA's persistent bottom menu through the <b>undocumented</b> <c>/v2.0/oa/menu</c>
    /// call (a constant in the Java SDK that nothing uses; no public contract, no observed
    /// success) with <c>{"menu":[{"title","type","payload"}…]}</c>. Off unless
    /// <paramref name="options"/>.<see cref="ZaloUndocumentedMenuOptions.Enabled"/> is true.
    /// The supported way is the OA admin: oa.zalo.me → Quản lý → Thanh menu.
    /// </summary>
    /// <exception cref="InvalidOperationException">The call was not explicitly enabled.</exception>
    [Experimental("ZALO002")]
    public virtual Task SetPersistentMenuAsync(ZaloMenu menu, ZaloUndocumentedMenuOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            throw new InvalidOperationException(
                "Setting the OA menu through the API is undocumented: Zalo publishes no menu endpoint, and /v2.0/oa/menu is a guess that may fail or change. " +
                "Configure the menu at oa.zalo.me → Quản lý → Thanh menu instead, or set ZaloUndocumentedMenuOptions.Enabled = true to try the call anyway.");
        }

        var body = MenuWriter.PersistentMenu(menu);
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJsonBytes("menus.set_persistent", options.Path, body), cancellationToken);
    }

    private async Task<ZaloMenuSendResult> SendAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var response = await Connection.SendRawAsync(OaId, ZaloApiRequest.PostJsonBytes(operation, "v3.0/oa/message/cs", body), cancellationToken).ConfigureAwait(false);
        return response.HasData ? response.ReadData(MenusJsonContext.Default.ZaloMenuSendResult, operation) : new ZaloMenuSendResult();
    }
}

/// <summary>Opt-in for <see cref="MenusClient.SetPersistentMenuAsync"/>, the undocumented menu call.</summary>
[Experimental("ZALO002")]
public sealed class ZaloUndocumentedMenuOptions
{
    /// <summary>Must be true to send the call. Default false.</summary>
    public bool Enabled { get; init; }

    /// <summary>The path tried, relative to the API host. Default <c>v2.0/oa/menu</c>.</summary>
    public string Path { get; init; } = "v2.0/oa/menu";
}

/// <summary>The answer to a menu message: the message id (and the recipient).</summary>
public sealed class ZaloMenuSendResult : ZaloModel
{
    /// <summary>The sent message's id.</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; set; }

    /// <summary>The recipient.</summary>
    [JsonPropertyName("user_id")]
    public string? UserId { get; set; }
}

/// <summary>Source-generated JSON metadata for menus (options copied from ZaloJsonContext).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.General,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    PropertyNameCaseInsensitive = false,
    Converters = [typeof(ZaloStringConverter)])]
[JsonSerializable(typeof(ZaloMenuSendResult))]
internal sealed partial class MenusJsonContext : JsonSerializerContext;
