using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace ZaloOA.Sdk.DependencyInjection;

/// <summary>Helpers of <see cref="ZaloOAOptions"/> (how options are validated: src/Shared/ZaloOptionAttributes.cs).</summary>
internal static class ZaloOAOptionsRules
{
    /// <summary>The base URL with a trailing slash, so relative paths resolve under it
    /// (<c>new Uri(base, "v3.0/oa/message/cs")</c> drops the last segment of a base without one).
    /// Anything else (null, relative) is returned as is for the validation to name.</summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static Uri? WithTrailingSlash(Uri? value) =>
        value is { IsAbsoluteUri: true } && !value.AbsolutePath.EndsWith('/')
            ? new UriBuilder(value) { Path = value.AbsolutePath + "/" }.Uri
            : value;
}

/// <summary>Validates <see cref="ZaloOAOptions"/>, its circuit breaker and its accounts (source-generated, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class ZaloOAOptionsValidator : IValidateOptions<ZaloOAOptions>;

/// <summary>
/// Reads another options class as configured, without running its validators. A rule of one
/// options class that looks at another reads it this way: reading the validated value would throw
/// the other class's errors again under this class's name (the same message twice at start-up),
/// and hide this class's own errors behind them.
/// </summary>
internal sealed class ZaloConfiguredOptions<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures)
    where TOptions : class
{
    public TOptions Get(string? name) => new OptionsFactory<TOptions>(setups, postConfigures).Create(name ?? Options.DefaultName);
}
