using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Access;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Pages.Account;

public sealed class LoginModel(DeskDbContext db, IPasswordHasher<StaffUser> hasher, TimeProvider time) : PageModel
{
    public string? Error { get; private set; }

    public string? UserName { get; private set; }

    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        UserName = userName;
        ReturnUrl = returnUrl;
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        var user = name.Length == 0 ? null : await db.Staff.Include(s => s.Unit).FirstOrDefaultAsync(s => s.UserName == name && s.IsActive, cancellationToken);
        var verified = user is not null && !string.IsNullOrEmpty(password)
            && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            db.Audit.Add(new AuditEntry { At = time.GetUtcNow(), ActorName = name.Length > 64 ? name[..64] : name, Action = AuditActions.SignInFailed });
            await db.SaveChangesAsync(cancellationToken);
            Error = "Tên đăng nhập hoặc mật khẩu không đúng.";
            return Page();
        }

        var me = new DeskUser(user!.Id, user.UserName, user.DisplayName, user.Role, user.UnitId, user.Unit.Path);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, me.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        db.Audit.Add(new AuditEntry { At = time.GetUtcNow(), ActorId = user.Id, ActorName = user.DisplayName, Action = AuditActions.SignedIn, UnitId = user.UnitId });
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
