using System.Globalization;
using System.Security.Claims;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Access;

/// <summary>The signed-in staff member as the cookie carries it.</summary>
public sealed record DeskUser(int Id, string UserName, string DisplayName, StaffRole Role, int UnitId, string UnitPath)
{
    public const string UnitIdClaim = "desk:unit_id";
    public const string UnitPathClaim = "desk:unit_path";

    /// <summary>The staff record's <see cref="StaffUser.SecurityStamp"/> when the cookie was issued.</summary>
    public const string SecurityStampClaim = "desk:stamp";

    public bool IsAdministrator => Role == StaffRole.Administrator;

    public static DeskUser? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var unitId = principal.FindFirstValue(UnitIdClaim);
        var unitPath = principal.FindFirstValue(UnitPathClaim);
        var role = principal.FindFirstValue(ClaimTypes.Role);
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var staffId)
            || !int.TryParse(unitId, NumberStyles.None, CultureInfo.InvariantCulture, out var unit)
            || string.IsNullOrEmpty(unitPath)
            || !Enum.TryParse<StaffRole>(role, out var staffRole))
        {
            return null;
        }

        return new DeskUser(staffId, principal.Identity.Name ?? "", principal.FindFirstValue(ClaimTypes.GivenName) ?? "", staffRole, unit, unitPath);
    }

    /// <summary>The cookie's principal; <paramref name="securityStamp"/> lets every request be checked
    /// against the staff record (see <see cref="StaffSessions"/>).</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType, string securityStamp)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, UserName),
                new Claim(ClaimTypes.GivenName, DisplayName),
                new Claim(ClaimTypes.Role, Role.ToString()),
                new Claim(UnitIdClaim, UnitId.ToString(CultureInfo.InvariantCulture)),
                new Claim(UnitPathClaim, UnitPath),
                new Claim(SecurityStampClaim, securityStamp),
            ],
            authenticationType);
        return new ClaimsPrincipal(identity);
    }
}
