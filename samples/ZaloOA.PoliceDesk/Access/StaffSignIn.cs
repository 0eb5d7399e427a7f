using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Audit;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Access;

/// <summary>The result of a sign-in attempt: the principal to sign in with, or the message to show.</summary>
public sealed record SignInResult(ClaimsPrincipal? Principal, string? Error)
{
    /// <summary>True when <see cref="Principal"/> may be signed in.</summary>
    public bool Succeeded => Principal is not null;
}

/// <summary>
/// Checks a user name and password, with the same work and the same answers whether or not the
/// name exists:
/// <list type="bullet">
/// <item>A name that is unknown or deactivated is checked against a dummy hash made by the same
/// hasher, so every attempt costs one password verification.</item>
/// <item>Failures are counted from the audit log (so every instance sees them): after
/// <see cref="SignInOptions.MaxFailuresPerAccount"/> failures for one name, or
/// <see cref="SignInOptions.MaxFailuresPerAddress"/> from one address, within
/// <see cref="SignInOptions.Window"/>, the next attempts are refused without checking the password
/// until older failures leave the window. A successful sign-in clears the name's count.</item>
/// <item>Every failure and every refusal is in the audit log, with the name tried and the address.</item>
/// </list>
/// </summary>
public sealed class StaffSignIn(
    DeskDbContext db,
    IPasswordHasher<StaffUser> hasher,
    DummyPasswordHash dummy,
    DeskAudit audit,
    IOptions<DeskOptions> options,
    TimeProvider time)
{
    /// <summary>The answer to a wrong name or password (the same for both).</summary>
    public const string WrongCredentials = "Tên đăng nhập hoặc mật khẩu không đúng.";

    /// <summary>The answer while a name or an address is locked out.</summary>
    public static string LockedOut(TimeSpan window) => string.Create(CultureInfo.InvariantCulture,
        $"Đăng nhập tạm thời bị khóa vì nhập sai nhiều lần. Vui lòng thử lại sau {Math.Ceiling(window.TotalMinutes)} phút hoặc liên hệ quản trị viên.");

    /// <summary>Checks the credentials and records the attempt (the caller signs the principal in).</summary>
    public async Task<SignInResult> SignInAsync(string? userName, string? password, IPAddress? address, CancellationToken cancellationToken = default)
    {
        var settings = options.Value.SignIn;
        var name = Normalize(userName);
        var user = name.Length == 0 ? null : await db.Staff.Include(s => s.Unit).FirstOrDefaultAsync(s => s.UserName == name && s.IsActive, cancellationToken);

        var now = time.GetUtcNow();
        var since = now - settings.Window;
        // A successful sign-in clears the name's failures (the same query runs for unknown names).
        var staffId = user?.Id ?? -1;
        var lastSuccess = await db.Audit.AsNoTracking()
            .Where(a => a.Action == AuditActions.SignedIn && a.ActorId == staffId && a.At > since)
            .OrderByDescending(a => a.At)
            .Select(a => (DateTimeOffset?)a.At)
            .FirstOrDefaultAsync(cancellationToken);
        var accountSince = lastSuccess is { } success && success > since ? success : since;
        var accountFailures = await db.Audit.AsNoTracking()
            .CountAsync(a => a.Action == AuditActions.SignInFailed && a.At > accountSince && a.ActorName == name, cancellationToken);
        var remote = address?.ToString();
        var addressFailures = remote is null ? 0 : await db.Audit.AsNoTracking()
            .CountAsync(a => a.Action == AuditActions.SignInFailed && a.At > since && a.RemoteAddress == remote, cancellationToken);

        if (accountFailures >= settings.MaxFailuresPerAccount || addressFailures >= settings.MaxFailuresPerAddress)
        {
            audit.Add(user?.Id, name, AuditActions.SignInLocked, user?.UnitId,
                detail: accountFailures >= settings.MaxFailuresPerAccount ? "Tên đăng nhập bị tạm khóa" : "Địa chỉ bị tạm khóa");
            await db.SaveChangesAsync(cancellationToken);
            return new SignInResult(null, LockedOut(settings.Window));
        }

        // Exactly one verification per attempt, known name or not.
        var result = user is null
            ? hasher.VerifyHashedPassword(DummyPasswordHash.User, dummy.Hash, password ?? "")
            : hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "");
        if (user is null || string.IsNullOrEmpty(password) || result == PasswordVerificationResult.Failed)
        {
            audit.Add(user?.Id, name, AuditActions.SignInFailed, user?.UnitId);
            await db.SaveChangesAsync(cancellationToken);
            return new SignInResult(null, WrongCredentials);
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }

        if (string.IsNullOrEmpty(user.SecurityStamp))
        {
            // Accounts from before session stamps existed get theirs at their next sign-in.
            user.SecurityStamp = StaffUser.NewSecurityStamp();
        }

        var me = new DeskUser(user.Id, user.UserName, user.DisplayName, user.Role, user.UnitId, user.Unit.Path);
        audit.Add(me, AuditActions.SignedIn, user.UnitId);
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(me.ToPrincipal(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme, user.SecurityStamp), null);
    }

    /// <summary>User names are stored trimmed and lower-case; the audit keeps at most 64 characters of a name tried.</summary>
    public static string Normalize(string? userName)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        return name.Length > 64 ? name[..64] : name;
    }
}

/// <summary>A password hash of a random password, made once per process with the desk's hasher, so
/// checking an unknown name costs what checking a real one costs.</summary>
public sealed class DummyPasswordHash(IPasswordHasher<StaffUser> hasher)
{
    /// <summary>The user the dummy hash belongs to.</summary>
    public static readonly StaffUser User = new() { UserName = "", DisplayName = "" };

    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(User, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    /// <summary>The hash.</summary>
    public string Hash => _hash.Value;
}
