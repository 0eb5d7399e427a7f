namespace ZaloOA.Sdk;

/// <summary>
/// The OA's refresh token is invalid, expired or missing, so no access token can be obtained
/// without a person authorising the OA again through the OAuth v4 consent flow.
/// </summary>
public class ZaloReauthorizationRequiredException : ZaloException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="oaId">The Official Account that needs authorising.</param>
    /// <param name="reason">Why, in a sentence.</param>
    /// <param name="innerException">The OAuth failure that caused it, when there was one.</param>
    public ZaloReauthorizationRequiredException(string oaId, string reason, Exception? innerException = null)
        : base($"Official Account {oaId} must be authorised again through the Zalo OAuth v4 consent flow: {reason}", innerException)
    {
        OaId = oaId;
    }

    /// <summary>The Official Account that needs authorising.</summary>
    public string OaId { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;
}
