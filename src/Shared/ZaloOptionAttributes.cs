using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ZaloOA.Sdk.Internal;

// How options are validated, once for every options class of every package: a setting's own rule
// is one of these attributes; a rule across settings of one class is that class's
// IValidatableObject; both run in one source-generated [OptionsValidator] registered with
// ValidateOnStart, so the host reports every problem at once. A rule that applies only with a
// feature (the OAuth endpoints need the app secret) is an extra IValidateOptions registered by it.
//
// These attributes instead of [Required]/[Range]: the message names the configuration key the user
// sets, index included (Zalo:Accounts:1:OaId), derived from the path the generated validator
// gives; the generator's own RangeAttribute copy ignores ErrorMessage; and no attribute here needs
// reflection (trim/AOT-safe). This file is compiled into each package that validates options.

/// <summary>A rule on one setting. In the message, <c>{0}</c> is the setting's configuration key
/// and <c>{1}</c> its value (never use <c>{1}</c> on a secret).</summary>
internal abstract class ZaloOptionAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => IsValidValue(value);

    // No member names on the result: the generated validator would put "Member: " before the
    // message, which already names the key.
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        IsValidValue(value)
            ? ValidationResult.Success
            : new ValidationResult(string.Format(CultureInfo.InvariantCulture, ErrorMessageString, ZaloOptionKey.Of(validationContext.DisplayName), value));

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, ErrorMessageString, ZaloOptionKey.Of(name), null);

    protected abstract bool IsValidValue(object? value);
}

/// <summary>A value is set (a string not empty unless <see cref="AllowEmptyStrings"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ZaloRequiredAttribute : ZaloOptionAttribute
{
    public bool AllowEmptyStrings { get; set; }

    protected override bool IsValidValue(object? value) =>
        value is not null && (AllowEmptyStrings || value is not string text || !string.IsNullOrWhiteSpace(text));
}

/// <summary>A number (int, long, double) within <c>[Minimum, Maximum]</c>; null passes.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ZaloRangeAttribute(double minimum, double maximum) : ZaloOptionAttribute
{
    protected override bool IsValidValue(object? value) => value switch
    {
        null => true,
        int n => n >= minimum && n <= maximum,
        long n => n >= minimum && n <= maximum,
        double n => n >= minimum && n <= maximum,
        _ => false,
    };
}

/// <summary>A <see cref="TimeSpan"/> within <c>[minimum, maximum]</c> (invariant <c>c</c> format,
/// e.g. <c>00:00:01</c>, <c>1.00:00:00</c>); null passes.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ZaloTimeRangeAttribute(string minimum, string maximum) : ZaloOptionAttribute
{
    private readonly TimeSpan _minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
    private readonly TimeSpan _maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);

    protected override bool IsValidValue(object? value) => value is null || (value is TimeSpan t && t >= _minimum && t <= _maximum);
}

/// <summary>Zalo's app and OA ids: digits only. Empty passes (<see cref="ZaloRequiredAttribute"/> says that).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ZaloNumericIdAttribute : ZaloOptionAttribute
{
    protected override bool IsValidValue(object? value) => value is not string id || id.All(char.IsAsciiDigit);
}

/// <summary>An absolute http or https URL. Null passes (<see cref="ZaloRequiredAttribute"/> says that).</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class ZaloHttpUrlAttribute : ZaloOptionAttribute
{
    protected override bool IsValidValue(object? value) =>
        value is not Uri uri || (uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}

/// <summary>Turns the path the generated validator gives a setting (<c>ZaloOAOptions.Accounts[1].OaId</c>)
/// into its configuration key (<c>Zalo:Accounts:1:OaId</c>). Options set only in code keep their
/// C# path (<c>ZaloWebhookReceiverOptions.MaxAttempts</c>).</summary>
internal static class ZaloOptionKey
{
    public static string Of(string path)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        var section = dot < 0 ? null : path[..dot] switch
        {
            "ZaloOAOptions" => "Zalo",
            "ZaloWebhookOptions" => "Zalo:Webhooks",
            "ZaloRedisOptions" => "Zalo:Redis",
            _ => null,
        };
        return section is null
            ? path
            : section + ":" + path[(dot + 1)..].Replace("].", ":", StringComparison.Ordinal).Replace('[', ':').Replace('.', ':').TrimEnd(']');
    }
}
