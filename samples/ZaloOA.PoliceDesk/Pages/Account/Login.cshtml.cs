using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ZaloOA.PoliceDesk.Access;

namespace ZaloOA.PoliceDesk.Pages.Account;

/// <summary>The sign-in form; the checks, throttling and audit are <see cref="StaffSignIn"/>'s.</summary>
public sealed class LoginModel(StaffSignIn signIn) : PageModel
{
    public string? Error { get; private set; }

    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        UserName = userName;
        ReturnUrl = returnUrl;
        var result = await signIn.SignInAsync(userName, password, HttpContext.Connection.RemoteIpAddress, cancellationToken);
        if (!result.Succeeded)
        {
            Error = result.Error;
            return Page();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, result.Principal!);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
