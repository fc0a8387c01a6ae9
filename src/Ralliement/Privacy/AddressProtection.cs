using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ralliement.Privacy;

/// <summary>
/// Seals the addresses that must be kept (pending confirmation, news, outbox) and hashes the rest.
/// Sealing is AES-256-GCM from the framework with a random nonce, written
/// <c>v1.{key name}.{base64url(nonce | ciphertext | tag)}</c>: the key's name lets old addresses open
/// after a new key becomes current, and <see cref="ResealAddresses"/> moves them to it. Hand-written
/// over ASP.NET Core Data Protection because its keys live beside the data and rotate on their own
/// schedule, where here the keys come from configuration and rotation is the operator's decision.
/// </summary>
public sealed class AddressProtection(PrivacyKeys keys)
{
    private const string Version = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    /// <summary>Binds every sealed value to its use, so a value sealed for something else never opens here.</summary>
    private static readonly byte[] Purpose = "Ralliement address"u8.ToArray();

    /// <summary>What every value sealed with the current key starts with.</summary>
    public string CurrentPrefix { get; } = $"{Version}.{keys.Current}.";

    public string Seal(string address)
    {
        var plain = Encoding.UTF8.GetBytes(address);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKeys[keys.Current], TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Purpose);
        return CurrentPrefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The address; throws when the value was not sealed by one of the configured keys.</summary>
    public string Open(string sealedAddress)
    {
        if (!TryOpen(sealedAddress, out var address))
        {
            throw new CryptographicException("An address was sealed with a key that is not configured (Privacy:EncryptionKeys).");
        }
        return address;
    }

    public bool TryOpen(string? sealedAddress, out string address)
    {
        address = "";
        var parts = sealedAddress?.Split('.');
        if (parts is not [Version, var name, var payload] || !keys.EncryptionKeys.TryGetValue(name, out var key))
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException)
        {
            return false;
        }
        if (bytes.Length < NonceBytes + TagBytes)
        {
            return false;
        }
        var plain = new byte[bytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, NonceBytes), bytes.AsSpan(NonceBytes, plain.Length), bytes.AsSpan(NonceBytes + plain.Length), plain, Purpose);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        address = Encoding.UTF8.GetString(plain);
        return true;
    }

    /// <summary>
    /// The keyed hash (HMAC-SHA-256) of the address's canonical form: the same for every way of
    /// writing one mailbox, useless to anyone who lacks the key.
    /// </summary>
    public string Key(EmailAddress address) => KeyOf(address.Canonical);

    /// <summary>The hash of an already canonical address (for addresses stored before hashing).</summary>
    internal string KeyOf(string canonical) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(keys.AddressHashKey, Encoding.UTF8.GetBytes(canonical)));
}
