using QRCoder;

namespace ZaloOA.PoliceDesk.FollowQr;

/// <summary>
/// QR codes citizens scan to follow a unit's Official Account: the OA link
/// <c>https://zalo.me/{oaId}</c> (Zalo opens the OA profile with its "Quan tâm" button) as a PNG.
/// </summary>
public static class OaQrCode
{
    /// <summary>Pixels per QR module: 12 prints sharply on an A4 poster.</summary>
    public const int PixelsPerModule = 12;

    /// <summary>The OA link the code carries.</summary>
    public static string Link(string oaId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(oaId);
        return "https://zalo.me/" + Uri.EscapeDataString(oaId);
    }

    /// <summary>The QR matrix for <paramref name="payload"/> (error correction Q, survives a worn poster; quiet zone included).</summary>
    public static QRCodeData Matrix(string payload)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.Q);
    }

    /// <summary>The PNG of the OA link's QR code: black modules on white.</summary>
    public static byte[] Png(string oaId, int pixelsPerModule = PixelsPerModule)
    {
        using var data = Matrix(Link(oaId));
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }
}
