using System.Globalization;

namespace ZaloOA.Sdk.Messaging;

/// <summary>Whether a consultation message can be sent to a follower, and at what cost.</summary>
public enum ZaloMessageWindowState
{
    /// <summary>Within 48 hours of the last interaction: consultation messages are free.</summary>
    Free,

    /// <summary>Between 48 hours and 7 days: consultation messages are allowed but billed.</summary>
    Paid,

    /// <summary>More than 7 days (or no interaction known): Zalo would answer -230; use a ZBS template message.</summary>
    Closed,
}

/// <summary>The outcome of <see cref="ZaloMessageWindow.Evaluate(DateTimeOffset?, DateTimeOffset)"/>.</summary>
/// <param name="State">Free, paid or closed.</param>
/// <param name="LastInteraction">The interaction the decision is based on, or null.</param>
/// <param name="Elapsed">Time since the last interaction (zero if it lies in the future), or null.</param>
/// <param name="ChangesAt">When the state next changes (end of the free window, or the 7-day close), or null when closed.</param>
/// <param name="Explanation">A sentence for logs and operators.</param>
public sealed record ZaloMessageWindowStatus(
    ZaloMessageWindowState State,
    DateTimeOffset? LastInteraction,
    TimeSpan? Elapsed,
    DateTimeOffset? ChangesAt,
    string Explanation)
{
    /// <summary>True unless the window is closed.</summary>
    public bool CanSendConsultation => State != ZaloMessageWindowState.Closed;
}

/// <summary>
/// Zalo's consultation-message windows, evaluated locally before sending: free within 48 hours of
/// the follower's last interaction, billed up to 7 days, refused (-230) after that.
/// </summary>
/// <remarks>
/// The rules are Zalo's published policy; the 2026 change that made replies inside 48 hours
/// unlimited does not move these boundaries. Get the last interaction from
/// <see cref="MessagesClient.GetUserQuotaAsync"/> (<c>last_interaction</c>) or from your webhook log.
/// </remarks>
public static class ZaloMessageWindow
{
    /// <summary>The free window.</summary>
    public static readonly TimeSpan FreeWindow = TimeSpan.FromHours(48);

    /// <summary>The window after which consultation messages are refused.</summary>
    public static readonly TimeSpan ConsultationWindow = TimeSpan.FromDays(7);

    /// <summary>Evaluates the window at <paramref name="now"/>. Boundaries are inclusive: exactly 48 hours is
    /// still free and exactly 7 days still paid.</summary>
    /// <param name="lastInteraction">The follower's last interaction, or null when none is known.</param>
    /// <param name="now">The current time.</param>
    public static ZaloMessageWindowStatus Evaluate(DateTimeOffset? lastInteraction, DateTimeOffset now)
    {
        if (lastInteraction is not { } last)
        {
            return new ZaloMessageWindowStatus(
                ZaloMessageWindowState.Closed,
                null,
                null,
                null,
                "No interaction with the OA is known for this user, so a consultation message would be refused (-230); send a ZBS template message instead.");
        }

        var elapsed = now - last;
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        var hours = elapsed.TotalHours.ToString("0.#", CultureInfo.InvariantCulture);
        if (elapsed <= FreeWindow)
        {
            return new ZaloMessageWindowStatus(
                ZaloMessageWindowState.Free,
                last,
                elapsed,
                last + FreeWindow,
                $"The user interacted {hours} h ago (within 48 h): consultation messages are free until {Format(last + FreeWindow)}.");
        }

        if (elapsed <= ConsultationWindow)
        {
            return new ZaloMessageWindowStatus(
                ZaloMessageWindowState.Paid,
                last,
                elapsed,
                last + ConsultationWindow,
                $"The user interacted {hours} h ago (48 h to 7 days): consultation messages are allowed but billed, until {Format(last + ConsultationWindow)}.");
        }

        return new ZaloMessageWindowStatus(
            ZaloMessageWindowState.Closed,
            last,
            elapsed,
            null,
            $"The user last interacted {hours} h ago (more than 7 days): a consultation message would be refused (-230); send a ZBS template message instead.");
    }

    /// <summary>Evaluates the window now, reading the time from <paramref name="timeProvider"/>.</summary>
    /// <param name="lastInteraction">The follower's last interaction, or null when none is known.</param>
    /// <param name="timeProvider">The clock (inject <see cref="TimeProvider.System"/> in production).</param>
    public static ZaloMessageWindowStatus Evaluate(DateTimeOffset? lastInteraction, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Evaluate(lastInteraction, timeProvider.GetUtcNow());
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
