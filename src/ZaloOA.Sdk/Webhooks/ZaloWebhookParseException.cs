namespace ZaloOA.Sdk.Webhooks;

/// <summary>
/// A webhook body is not a Zalo event: not JSON, nested deeper than
/// <see cref="ZaloWebhookParser.MaxDepth"/>, not an object, without a string <c>event_name</c>,
/// with a known field of the wrong JSON type, or without a field Zalo always sends with that event
/// (the message says which). The only exception <see cref="ZaloWebhookParser"/>
/// throws for bad input. Answer such a request with HTTP 400.
/// </summary>
public sealed class ZaloWebhookParseException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    public ZaloWebhookParseException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Always false: the same body fails the same way.</summary>
    public override bool IsTransient => false;
}
