namespace ZaloOA.PoliceDesk.Configuration;

/// <summary>Routes the desk links to. The Zalo webhook and the OAuth v4 start and callback are
/// served by the SDK's ASP.NET Core endpoints (see <c>Zalo/PoliceDeskZaloExtensions.cs</c>).</summary>
public static class DeskRoutes
{
    /// <summary>Zalo webhook (the SDK's <c>MapZaloWebhook</c>).</summary>
    public const string ZaloWebhook = "/zalo/webhook";

    /// <summary>Starts OAuth v4 consent for a unit's OA: <c>/zalo/connect?unit=CODE</c> confirms the
    /// unit, then hands over to <see cref="ZaloOAuthStart"/>.</summary>
    public const string ZaloConnect = "/zalo/connect";

    /// <summary>OAuth v4 callback (the SDK's <c>MapZaloOAuthCallback</c>).</summary>
    public const string ZaloOAuthCallback = "/zalo/oauth/callback";

    /// <summary>The SDK's consent start (<c>MapZaloOAuthStart</c>); the connect page sends staff
    /// here after remembering which unit asked.</summary>
    public const string ZaloOAuthStart = "/zalo/oauth/start";

    /// <summary>Where the consent flow ends (success or Zalo's refusal).</summary>
    public const string ZaloConnected = "/zalo/connected";

    /// <summary>The citizen simulator (emulator mode only).</summary>
    public const string Simulator = "/simulator";

    public const string Login = "/Account/Login";

    /// <summary>The live update stream of the inbox and case pages (server-sent events).</summary>
    public const string LiveEvents = "/live/events";
}
