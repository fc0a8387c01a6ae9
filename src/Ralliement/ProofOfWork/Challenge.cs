using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Ralliement.ProofOfWork;

/// <summary>
/// A challenge as the browser sees it: base 64 (URL alphabet, no padding) of
/// version (1 byte) | campaign id (4) | expiry, Unix seconds (8) | difficulty (1) | random (16) | HMAC-SHA-256 of all before (32).
/// Nothing is stored: the HMAC proves the server issued it, unchanged.
/// <para>
/// A solution is a nonce of 1 to <see cref="MaxNonceLength"/> ASCII digits such that SHA-256 of the ASCII
/// bytes of the challenge string immediately followed by the nonce string has at least
/// <see cref="Difficulty"/> leading zero bits, counted from the most significant bit of the first byte.
/// </para>
/// </summary>
public sealed record Challenge(int CampaignId, long ExpiresAt, int Difficulty, Guid Random)
{
    private const byte Version = 1;
    private const int RandomBytes = 16;
    private const int PayloadBytes = 1 + 4 + 8 + 1 + RandomBytes;
    private const int TokenBytes = PayloadBytes + 32;

    /// <summary>The encoded length of every challenge: anything else is not one.</summary>
    public const int Length = (TokenBytes * 8 + 5) / 6;

    /// <summary>Sixteen digits count past 10^15 attempts: far beyond any difficulty a browser can pay.</summary>
    public const int MaxNonceLength = 16;

    public static Challenge New(int campaignId, DateTimeOffset expiresAt, int difficulty) =>
        new(campaignId, expiresAt.ToUnixTimeSeconds(), difficulty, new Guid(RandomNumberGenerator.GetBytes(RandomBytes)));

    public string Sign(byte[] key)
    {
        Span<byte> token = stackalloc byte[TokenBytes];
        token[0] = Version;
        BinaryPrimitives.WriteInt32BigEndian(token[1..], CampaignId);
        BinaryPrimitives.WriteInt64BigEndian(token[5..], ExpiresAt);
        token[13] = (byte)Difficulty;
        Random.TryWriteBytes(token.Slice(14, RandomBytes));
        HMACSHA256.HashData(key, token[..PayloadBytes], token[PayloadBytes..]);
        return Base64Url.EncodeToString(token);
    }

    /// <summary>The challenge, if <paramref name="text"/> is one this key signed, untouched; else null.</summary>
    public static Challenge? Open(string? text, byte[] key)
    {
        Span<byte> token = stackalloc byte[TokenBytes];
        // DecodeFromChars reports bad characters as a status, where TryDecodeFromChars throws.
        if (text is not { Length: Length }
            || Base64Url.DecodeFromChars(text, token, out _, out var written) != OperationStatus.Done || written != TokenBytes)
        {
            return null;
        }
        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, token[..PayloadBytes], expected);
        // Constant time, so the response time says nothing of how much of a forged HMAC was right.
        if (!CryptographicOperations.FixedTimeEquals(expected, token[PayloadBytes..]) || token[0] != Version)
        {
            return null;
        }
        return new Challenge(
            BinaryPrimitives.ReadInt32BigEndian(token[1..]),
            BinaryPrimitives.ReadInt64BigEndian(token[5..]),
            token[13],
            new Guid(token.Slice(14, RandomBytes)));
    }

    /// <summary>Whether <paramref name="nonce"/> solves <paramref name="challenge"/> (both public: no secret to time).</summary>
    public static bool IsSolvedBy(string challenge, string? nonce, int difficulty)
    {
        if (nonce is not { Length: > 0 and <= MaxNonceLength } || !nonce.All(char.IsAsciiDigit) || challenge.Length != Length)
        {
            return false;
        }
        Span<byte> input = stackalloc byte[Length + MaxNonceLength];
        var used = Encoding.ASCII.GetBytes(challenge, input);
        used += Encoding.ASCII.GetBytes(nonce, input[used..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..used], hash);
        return LeadingZeroBits(hash) >= difficulty;
    }

    public static int LeadingZeroBits(ReadOnlySpan<byte> hash)
    {
        var bits = 0;
        foreach (var b in hash)
        {
            if (b != 0)
            {
                return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
            }
            bits += 8;
        }
        return bits;
    }
}
