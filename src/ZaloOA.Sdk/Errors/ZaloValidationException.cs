namespace ZaloOA.Sdk;

/// <summary>
/// A request was refused before it was sent because it breaks one of Zalo's limits (a text over
/// 2,000 characters, an image over 1 MB, a title over 150 characters, ...). The message names the
/// parameter, the limit and what to change. Nothing was sent to Zalo.
/// </summary>
public class ZaloValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to change.</param>
    /// <param name="paramName">The offending parameter or JSON path, e.g. <c>message.text</c>.</param>
    public ZaloValidationException(string message, string? paramName)
        : base(message, paramName)
    {
    }
}
