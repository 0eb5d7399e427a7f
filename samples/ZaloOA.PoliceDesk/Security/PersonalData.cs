using System.Text.RegularExpressions;

namespace ZaloOA.PoliceDesk.Security;

/// <summary>
/// The one masking rule for citizens' numbers in lists (the inbox, the API's case list): phone
/// numbers (<c>0912 345 678</c>, <c>+84 912345678</c>, landlines with an area code) and citizen id
/// numbers (12-digit CCCD, 9-digit CMND) keep their last three digits, the other digits become
/// <c>*</c>. The case page shows the full text, and opening it is audited.
/// </summary>
public static partial class PersonalData
{
    /// <summary>How many trailing digits stay visible.</summary>
    public const int VisibleDigits = 3;

    /// <summary>The text with every phone and id number masked; null stays null.</summary>
    public static string? Mask(string? text) =>
        string.IsNullOrEmpty(text) ? text : Numbers().Replace(text, m => MaskDigits(m.Value));

    private static string MaskDigits(string number)
    {
        var digits = number.Count(char.IsAsciiDigit);
        var seen = 0;
        return string.Create(number.Length, number, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiDigit(c) && ++seen <= digits - VisibleDigits ? '*' : c;
            }
        });
    }

    // A phone number: +84/84/0 and 8 to 10 more digits, single spaces, dots or dashes allowed between
    // digits; or a bare 9- or 12-digit id number. Not inside a longer run of digits or letters.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:(?:\+84|84|0)(?:[ .\-]?\d){8,10}|\d{12}|\d{9})(?![\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();
}
