namespace ZaloOA.Sdk.Testing;

/// <summary>Settings of the chat simulator mapped by
/// <see cref="Microsoft.AspNetCore.Builder.ZaloChatSimulatorEndpointRouteBuilderExtensions.MapZaloChatSimulator"/>.</summary>
public sealed class ZaloChatSimulatorOptions
{
    /// <summary>The emulator the simulator drives; null (the default) resolves
    /// <see cref="ZaloEmulator"/> from the request's services.</summary>
    public ZaloEmulator? Emulator { get; set; }

    /// <summary>
    /// Maps the simulator in every environment, not only in Development. Whoever reaches the
    /// simulator can act as any user of any emulated OA and make the emulator post signed webhooks
    /// to your app: outside Development, put it behind your own authorization
    /// (<c>.RequireAuthorization(...)</c> on the returned builder). Default false.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }
}
