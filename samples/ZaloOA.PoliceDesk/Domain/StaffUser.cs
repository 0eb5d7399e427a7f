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

    public DateTimeOffset CreatedAt { get; set; }
}
