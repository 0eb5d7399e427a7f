using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ZaloOA.PoliceDesk.Configuration;
using ZaloOA.PoliceDesk.Data;

namespace ZaloOA.PoliceDesk.Access;

/// <summary>
/// Re-validates sign-in cookies against the staff record. The cookie carries the account's
/// <see cref="Domain.StaffUser.SecurityStamp"/>; a request whose stamp no longer matches (the account
/// was deactivated, its role, unit or password changed) is signed out and sent to the login page.
/// Each instance remembers the stamps it read for <see cref="DeskOptions.SessionCheckInterval"/>;
/// the instance that makes a change forgets that account's stamp (<see cref="Forget"/>), so the
/// change applies there on the next request and on the other instances within the interval.
/// </summary>
public sealed class StaffSessions(IServiceScopeFactory scopes, IOptions<DeskOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<int, (string? Stamp, DateTimeOffset ReadAt)> _stamps = new();

    /// <summary>The cookie handler's <c>OnValidatePrincipal</c>.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(DeskUser.SecurityStampClaim);
        if (stamp is null
            || !int.TryParse(principal!.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var staffId)
            || await CurrentStampAsync(staffId, context.HttpContext.RequestAborted) != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Forgets the remembered stamp of <paramref name="staffId"/> after a change on this instance.</summary>
    public void Forget(int staffId) => _stamps.TryRemove(staffId, out _);

    private async Task<string?> CurrentStampAsync(int staffId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_stamps.TryGetValue(staffId, out var known) && now - known.ReadAt < options.Value.SessionCheckInterval)
        {
            return known.Stamp;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        // A deactivated account has no valid stamp.
        var stamp = await db.Staff.AsNoTracking().Where(s => s.Id == staffId && s.IsActive).Select(s => s.SecurityStamp).FirstOrDefaultAsync(cancellationToken);
        _stamps[staffId] = (stamp, now);
        return stamp;
    }
}
