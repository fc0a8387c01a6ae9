using QRCoder;

namespace Ralliement.Organisers;

/// <summary>
/// What an authenticator app needs to add an account: the shared key, readable in groups of four
/// for typing, and an <c>otpauth://</c> URI (Google's Key Uri Format) as a QR code. The code is a PNG
/// in a data: URI, drawn on the server: the page's security policy allows no script.
/// </summary>
public sealed record AuthenticatorSetUp(string GroupedKey, string QrCodeDataUri)
{
    public const string Issuer = "Ralliement";

    public static AuthenticatorSetUp For(string key, string email)
    {
        var grouped = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(4);
        return new AuthenticatorSetUp(grouped, "data:image/png;base64," + Convert.ToBase64String(png));
    }
}
