using System.Security.Cryptography;
using System.Text;
using Ralliement.Privacy;

namespace Ralliement.ProofOfWork;

/// <summary>
/// The key that signs challenges. Derived from <see cref="PrivacyKeys.AddressHashKey"/>, which every node
/// shares through configuration, so a challenge issued by one node is accepted by another; HKDF with
/// its own label keeps it independent of the address hashes (RFC 5869, section 3.2).
/// </summary>
public sealed class ChallengeKey(PrivacyKeys keys)
{
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("Ralliement proof-of-work challenge v1");

    public byte[] Value { get; } = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.AddressHashKey, 32, salt: [], info: Label);
}
