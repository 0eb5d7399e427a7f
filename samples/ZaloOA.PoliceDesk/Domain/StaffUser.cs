namespace ZaloOA.PoliceDesk.Domain;

/// <summary>A staff member who signs in to the desk.</summary>
public sealed class StaffUser
{
    public int Id { get; set; }

    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>ASP.NET Core <c>PasswordHasher</c> output; never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public StaffRole Role { get; set; }

    public int UnitId { get; set; }

    public Unit Unit { get; set; } = null!;

    public bool IsActive { get; set; } = true;

    /// <summary>Changes whenever the account's access changes (deactivated, role, unit, password);
    /// a session whose cookie carries another stamp is signed out (see <c>StaffSessions</c>).</summary>
    public string SecurityStamp { get; set; } = NewSecurityStamp();

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A fresh random stamp.</summary>
    public static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}
