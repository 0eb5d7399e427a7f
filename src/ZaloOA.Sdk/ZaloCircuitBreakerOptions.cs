using ZaloOA.Sdk.Internal;

namespace ZaloOA.Sdk;

/// <summary>
/// The circuit breaker the SDK keeps for EACH Official Account (configuration section
/// <c>Zalo:CircuitBreaker</c>). When enough of one OA's recent calls fail with transient errors
/// (HTTP 5xx, 408, 429, timeouts, dropped connections), that OA's circuit opens: its calls fail
/// fast with <see cref="ZaloCircuitOpenException"/> for <see cref="BreakDuration"/> instead of
/// piling up on a failing endpoint, while every other OA of the app keeps calling Zalo normally.
/// After the break one trial call goes through; success closes the circuit, failure opens it again.
/// </summary>
/// <remarks>Zalo's own error envelopes (<c>error != 0</c>, such as -230 or -32) are answers, not
/// outages, and never count as failures. Read retries happen outside the breaker, so each failed
/// attempt counts once.</remarks>
public sealed class ZaloCircuitBreakerOptions
{
    /// <summary>Whether the per-OA circuit breaker is on. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of failed calls within <see cref="SamplingDuration"/> that opens an OA's
    /// circuit, from 0.01 to 1. Default 0.5 (half of the calls failed).</summary>
    [ZaloRange(0.01, 1.0, ErrorMessage = "{0} is {1}; it must be between 0.01 and 1 (default 0.5).")]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How many calls an OA must make within <see cref="SamplingDuration"/> before its
    /// failure ratio is judged at all, so one failure of a quiet OA does not open it. At least 2;
    /// default 10.</summary>
    [ZaloRange(2, int.MaxValue, ErrorMessage = "{0} is {1}; it must be at least 2 (default 10).")]
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window over which failures are counted. Between 0.5 seconds and 1 day;
    /// default 30 seconds.</summary>
    [ZaloTimeRange("00:00:00.5", "1.00:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:00.5 and 1.00:00:00 (default 00:00:30).")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before letting a trial call through.
    /// Between 0.5 seconds and 1 day; default 30 seconds.</summary>
    [ZaloTimeRange("00:00:00.5", "1.00:00:00", ErrorMessage = "{0} is {1}; it must be between 00:00:00.5 and 1.00:00:00 (default 00:00:30).")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
