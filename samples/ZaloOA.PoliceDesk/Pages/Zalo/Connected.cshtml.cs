using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Zalo;

namespace ZaloOA.PoliceDesk.Pages.Zalo;

/// <summary>Where the SDK's OAuth callback sends staff: the outcome <see cref="ZaloOaLinking"/>
/// left in TempData, or Zalo's refusal (<c>?error=</c>).</summary>
public sealed class ConnectedModel : PageModel
{
    public string? Message { get; private set; }

    public bool Ok { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(string? error)
    {
        Message = TempData[ZaloOaLinking.ResultKey] as string;
        Ok = TempData[ZaloOaLinking.ResultOkKey] is true;
        Error = error;
    }
}
