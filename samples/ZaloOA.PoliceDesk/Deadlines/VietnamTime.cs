using System.Globalization;

namespace ZaloOA.PoliceDesk.Deadlines;

/// <summary>
/// Vietnam time for display and for calendar periods: the <c>Asia/Ho_Chi_Minh</c> zone from the
/// system's time zone data (<see cref="TimeZoneInfo"/>), never the server's own zone. Instants come
/// from <see cref="TimeProvider"/> in UTC.
/// </summary>
public static class VietnamTime
{
    /// <summary>The IANA id.</summary>
    public const string ZoneId = "Asia/Ho_Chi_Minh";

    /// <summary>The zone; a fixed UTC+7 zone of the same name when the system has no time zone data
    /// (Vietnam has had no daylight saving since 1975, so both agree for the desk's dates).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The instant as Vietnam wall-clock time.</summary>
    public static DateTimeOffset ToVietnam(this DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>"dd/MM/yyyy HH:mm" in Vietnam time.</summary>
    public static string Format(DateTimeOffset at) => at.ToVietnam().ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The instant a Vietnam calendar date starts, in UTC like every stored time (SQLite
    /// compares the stored ticks, and PostgreSQL takes only UTC, so a +07:00 value would mislead both).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The Vietnam calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(at.ToVietnam().DateTime);

    private static TimeZoneInfo FindZone()
    {
        foreach (var id in new[] { ZoneId, "SE Asia Standard Time" })
        {
            try
            {
                return TimeZoneInfo.FindSystemTimeZoneById(id);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // Containers without tzdata: try the next id, then the fixed offset.
            }
        }

        return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), "Giờ Việt Nam (UTC+7)", "Giờ Việt Nam (UTC+7)");
    }
}
