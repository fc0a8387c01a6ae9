using System.Buffers.Text;
using System.Security.Cryptography;

namespace Ralliement.Shared;

/// <summary>
/// The secrets put in links sent by email (to signers, to invited organisers): 256 random bits, base64url in the link, stored only as
/// their SHA-256. A fast hash is enough for secrets this long: nobody can guess one to brute-force it.
/// </summary>
public static class SecretTokens
{
    private const int Bytes = 32;
    public const int Length = 43; // base64url of 32 bytes, unpadded

    public static (string Token, byte[] Hash) Create()
    {
        var secret = RandomNumberGenerator.GetBytes(Bytes);
        var token = Base64Url.EncodeToString(secret);
        return (token, SHA256.HashData(secret));
    }

    /// <summary>The hash to look a token up by, or null when the text cannot be a token at all.</summary>
    public static byte[]? HashOf(string? token)
    {
        if (token is not { Length: Length } || !Base64Url.IsValid(token))
        {
            return null;
        }
        var secret = new byte[Bytes];
        if (Base64Url.DecodeFromChars(token, secret) != Bytes)
        {
            return null;
        }
        return SHA256.HashData(secret);
    }
}
