using Microsoft.EntityFrameworkCore;
using ZaloOA.PoliceDesk.Data;
using ZaloOA.PoliceDesk.Domain;

namespace ZaloOA.PoliceDesk.Contact;

/// <summary>A hotline of a unit: the number as shown and the unit it belongs to.</summary>
/// <param name="UnitName">The unit.</param>
/// <param name="Number">The number as written in the directory (e.g. <c>0294 3852 207</c>).</param>
public sealed record Hotline(string UnitName, string Number)
{
    /// <summary>The number for Zalo's <c>oa.open.phone</c>: digits only, a leading trunk 0
    /// replaced by the country code 84 (<c>0294 3852 207</c> → <c>842943852207</c>); short
    /// emergency numbers such as 113 stay as they are.</summary>
    public string PhoneCode
    {
        get
        {
            var digits = new string([.. Number.Where(char.IsAsciiDigit)]);
            if (Number.TrimStart().StartsWith('+'))
            {
                return digits;
            }

            return digits.Length > 5 && digits[0] == '0' ? "84" + digits[1..] : digits;
        }
    }
}

/// <summary>
/// The hotline directory: each unit's numbers (<see cref="Unit.Hotlines"/>), and for the citizen
/// menu the numbers of a unit and of the units above it, nearest first, each number once.
/// </summary>
public sealed class ContactDirectory(DeskDbContext db)
{
    /// <summary>The unit and its ancestors, nearest first.</summary>
    public async Task<List<Unit>> ChainAsync(Unit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        // The materialised path lists the codes from the root: "/CAT-TRAVINH/CATP-TRAVINH/CAP1-TPTRAVINH/".
        var codes = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var units = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToListAsync(cancellationToken);
        return [.. units.OrderByDescending(u => Array.IndexOf(codes, u.Code))];
    }

    /// <summary>The hotlines of the unit and the units above it, nearest first, each number once.</summary>
    public async Task<List<Hotline>> HotlinesAsync(Unit unit, CancellationToken cancellationToken = default)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Hotline>();
        foreach (var u in await ChainAsync(unit, cancellationToken))
        {
            foreach (var number in u.HotlineList)
            {
                var hotline = new Hotline(u.Name, number);
                if (hotline.PhoneCode.Length > 0 && seen.Add(hotline.PhoneCode))
                {
                    result.Add(hotline);
                }
            }
        }

        return result;
    }

    /// <summary>Normalises an edited hotline list: one number per line or separated by ';', digits, spaces, '+', '.', '-'.</summary>
    /// <returns>The stored form (<c>a; b</c>) or an error in Vietnamese.</returns>
    public static (string? Value, string? Error) Parse(string? input)
    {
        var numbers = (input ?? "").Split([';', '\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in numbers)
        {
            if (!n.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-') || n.Count(char.IsAsciiDigit) < 3)
            {
                return (null, $"\"{n}\" không phải số điện thoại (chỉ gồm chữ số, dấu cách, +, . hoặc -).");
            }
        }

        var value = string.Join("; ", numbers);
        return value.Length > 200 ? (null, "Danh sách đường dây nóng quá dài (tối đa 200 ký tự).") : (value, null);
    }
}
