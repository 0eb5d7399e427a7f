using ZaloOA.Sdk.Authentication;

namespace ZaloOA.Sdk;

/// <summary>
/// The token store could not save a token pair. When <see cref="RotatedTokens"/> is set, Zalo had
/// already rotated the refresh token: the old one is dead and the only valid pair is the one
/// carried here. Save it somewhere (or re-authorise the OA); it is not written to any log.
/// </summary>
public class ZaloTokenStoreException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="oaId">The Official Account whose tokens could not be saved.</param>
    /// <param name="message">What failed.</param>
    /// <param name="rotatedTokens">The freshly rotated pair that could not be saved, if any.</param>
    /// <param name="innerException">The store's own exception.</param>
    public ZaloTokenStoreException(string oaId, string message, ZaloTokenSet? rotatedTokens, Exception? innerException)
        : base(message, innerException)
    {
        OaId = oaId;
        RotatedTokens = rotatedTokens;
    }

    /// <summary>The Official Account whose tokens could not be saved.</summary>
    public string OaId { get; }

    /// <summary>
    /// The rotated token pair Zalo returned that could not be persisted, or null when the failure
    /// happened before any rotation. Never logged or included in <see cref="Exception.Message"/>.
    /// </summary>
    public ZaloTokenSet? RotatedTokens { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;
}
