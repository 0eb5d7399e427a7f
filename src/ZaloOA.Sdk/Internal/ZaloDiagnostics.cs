using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZaloOA.Sdk.Internal;

/// <summary>The SDK's ActivitySource and Meter, both named <c>ZaloOA.Sdk</c>.</summary>
internal static class ZaloDiagnostics
{
    public const string Name = "ZaloOA.Sdk";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Zalo API calls by operation and outcome.</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("zalooa.api.requests", description: "Zalo API calls made, by operation and outcome.");

    /// <summary>Duration of Zalo API calls, including token work and the forced-refresh replay.</summary>
    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>("zalooa.api.duration", unit: "s", description: "Duration of Zalo API calls.");
}
