namespace ZaloOA.Sdk.Internal;

/// <summary>
/// Reads the whole response body inside the resilience pipeline, so that each attempt's timeout
/// covers the body too and a connection cut mid-body fails the attempt (a transient
/// <see cref="HttpRequestException"/> the retry and the circuit breaker handle) instead of failing
/// later, outside them. Zalo's answers are small JSON documents, so buffering costs nothing.
/// </summary>
internal sealed class ZaloResponseBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
