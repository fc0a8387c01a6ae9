using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Ralliement.News;

/// <summary>
/// The secret in a news email's unsubscribe link: the signature id, encrypted and authenticated with
/// ASP.NET Core Data Protection under its own purpose. Chosen over a hand-made HMAC because the key ring
/// is already there (persisted in the data directory, rotated, shared by nodes that share it) and old
/// keys keep opening old links, so a link works for as long as the signature exists; nothing is stored.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("news-unsubscribe");

    public string For(long signatureId)
    {
        var id = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(id, signatureId);
        return WebEncoders.Base64UrlEncode(_protector.Protect(id));
    }

    /// <summary>The signature a token was made for, or null for a token this site did not make.</summary>
    public long? SignatureOf(string token)
    {
        try
        {
            var id = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return id.Length == sizeof(long) ? BinaryPrimitives.ReadInt64BigEndian(id) : null;
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
