namespace ZaloOA.Sdk;

/// <summary>
/// Base type of every exception the SDK throws for a failed Zalo call. Catch this to handle all
/// Zalo failures in one place; catch a derived type to handle one kind.
/// </summary>
/// <remarks>Client-side validation failures are <see cref="ZaloValidationException"/>, an
/// <see cref="ArgumentException"/>, because they are caller bugs that no retry can fix.</remarks>
public abstract class ZaloException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ZaloException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the same request may succeed if sent again later (rate limits, server or network
    /// faults). False for failures that need a change by the caller or an administrator.
    /// </summary>
    public abstract bool IsTransient { get; }
}
