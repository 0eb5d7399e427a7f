using System.Globalization;
using System.Text;

namespace ZaloOA.PoliceDesk.Intake;

/// <summary>Diacritics-insensitive folding of Vietnamese text for keyword matching and search.</summary>
public static class VietnameseText
{
    /// <summary>Lower-case, without tone and vowel marks, đ → d, every run of non-letters/digits
    /// collapsed to one space, with a space at both ends so whole words match as " word ".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return " ";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length + 2);
        sb.Append(' ');
        var lastWasSpace = true;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = ch switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(ch),
            };
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }

        if (!lastWasSpace)
        {
            sb.Append(' ');
        }

        return sb.ToString();
    }
}
