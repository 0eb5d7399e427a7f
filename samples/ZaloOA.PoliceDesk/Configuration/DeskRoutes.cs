namespace ZaloOA.PoliceDesk.Configuration;

/// <summary>Routes the desk links to. The Zalo ones are served by the SDK's ASP.NET Core
/// endpoints once phase 2 wires them (webhook, OAuth v4 consent and callback).</summary>
public static class DeskRoutes
{
    /// <summary>Zalo webhook (<c>MapZaloWebhook</c>, phase 2).</summary>
    public const string ZaloWebhook = "/zalo/webhook";

    /// <summary>Starts OAuth v4 consent for a unit's OA: <c>/zalo/connect?unit=CODE</c>. Phase 1
    /// serves an explanatory placeholder page here; phase 2 replaces it with the SDK's flow.</summary>
    public const string ZaloConnect = "/zalo/connect";

    /// <summary>OAuth v4 callback (phase 2).</summary>
    public const string ZaloOAuthCallback = "/zalo/oauth/callback";

    public const string Login = "/Account/Login";
}
