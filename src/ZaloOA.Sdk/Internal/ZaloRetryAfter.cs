namespace ZaloOA.Sdk.Internal;

/// <summary>Reads a response's <c>Retry-After</c> hint, in seconds or as an HTTP date.</summary>
internal static class ZaloRetryAfter
{
    /// <summary>The wait the server asked for, never negative (a date in the past means "now"), or
    /// null when it sent no hint.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
