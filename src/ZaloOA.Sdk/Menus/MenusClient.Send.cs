using System.Diagnostics.CodeAnalysis;
using ZaloOA.Sdk.Internal;
using ZaloOA.Sdk.Messaging;

namespace ZaloOA.Sdk.Menus;

public partial class MenusClient
{
    /// <summary>
    /// Sets the OA's persistent bottom menu through the <b>undocumented</b> <c>/v2.0/oa/menu</c>
    /// call (a constant in the Java SDK that nothing uses; no public contract, no observed
    /// success) with <c>{"menu":[{"title","type","payload"}…]}</c>. Off unless
    /// <paramref name="options"/>.<see cref="ZaloUndocumentedMenuOptions.Enabled"/> is true.
    /// The supported way is the OA admin: oa.zalo.me → Quản lý → Thanh menu. An in-chat menu is an
    /// ordinary message: <see cref="MessagesClient.SendButtonsAsync"/> or <see cref="MessagesClient.SendListAsync"/>.
    /// </summary>
    /// <param name="buttons">The items: 1 to <see cref="ZaloMessageLimits.MaxButtons"/> buttons.</param>
    /// <param name="options">The explicit opt-in.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The call was not explicitly enabled.</exception>
    /// <exception cref="ZaloValidationException">A button breaks a limit; the parameter name is the
    /// wire path, e.g. <c>menu[0].title</c>.</exception>
    [Experimental("ZALO002")]
    public virtual Task SetPersistentMenuAsync(IReadOnlyList<ZaloButton> buttons, ZaloUndocumentedMenuOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            throw new InvalidOperationException(
                "Setting the OA menu through the API is undocumented: Zalo publishes no menu endpoint, and /v2.0/oa/menu is a guess that may fail or change. " +
                "Configure the menu at oa.zalo.me → Quản lý → Thanh menu instead, or set ZaloUndocumentedMenuOptions.Enabled = true to try the call anyway.");
        }

        var valid = ZaloActionWire.ValidateButtons(buttons, "menu", 1);
        var body = ZaloJsonBody.Write(valid, static (w, items) =>
        {
            w.WriteStartArray("menu");
            foreach (var button in items)
            {
                ZaloActionWire.WriteButton(w, button);
            }

            w.WriteEndArray();
        });
        return Connection.SendAsync(OaId, ZaloApiRequest.PostJsonBytes("menus.set_persistent", options.Path, body), cancellationToken);
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
