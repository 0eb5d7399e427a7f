using ZaloOA.Sdk.AspNetCore.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Zalo token health check.</summary>
public static class ZaloHealthChecksBuilderExtensions
{
    /// <summary>Adds <see cref="ZaloTokenHealthCheck"/> (default name <c>zalo-tokens</c>).</summary>
    public static IHealthChecksBuilder AddZaloTokenHealthCheck(this IHealthChecksBuilder builder, string name = "zalo-tokens", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<ZaloTokenHealthCheck>(name, failureStatus: null, tags: tags ?? []);
    }
}
