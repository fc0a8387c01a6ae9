using System.Security.Cryptography;
using Ralliement.ProofOfWork;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ProofOfWork;

/// <summary>The challenge's format and rule, without a server.</summary>
public sealed class ChallengeTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void A_signed_challenge_opens_with_its_key_only_and_unchanged()
    {
        var issued = Challenge.New(42, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), 16);
        var text = issued.Sign(Key);

        Assert.Equal(Challenge.Length, text.Length);
        Assert.Equal(issued, Challenge.Open(text, Key));
        Assert.Null(Challenge.Open(text, RandomNumberGenerator.GetBytes(32)));
        for (var i = 0; i < text.Length - 1; i++)
        {
            var changed = text[..i] + (text[i] == 'x' ? 'y' : 'x') + text[(i + 1)..];
            Assert.Null(Challenge.Open(changed, Key));
        }
        Assert.Null(Challenge.Open(text + "A", Key));
        Assert.Null(Challenge.Open(text[..^1], Key));
        Assert.Null(Challenge.Open(null, Key));
        Assert.Null(Challenge.Open(new string('é', Challenge.Length), Key));
    }

    [Fact]
    public void Two_challenges_never_share_their_random_part()
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.NotEqual(Challenge.New(1, expiry, 16).Random, Challenge.New(1, expiry, 16).Random);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0 }, 0)]
    [InlineData(new byte[] { 0x01, 0 }, 7)]
    [InlineData(new byte[] { 0x00, 0x40 }, 9)]
    [InlineData(new byte[] { 0x00, 0x00 }, 16)]
    public void Leading_zero_bits_count_from_the_first_byte_s_highest_bit(byte[] hash, int bits) =>
        Assert.Equal(bits, Challenge.LeadingZeroBits(hash));

    [Fact]
    public void A_solution_found_by_the_stated_rule_is_accepted_and_a_harder_difficulty_is_not_met_by_chance()
    {
        var text = Challenge.New(7, DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), 12).Sign(Key);
        var nonce = RalliementApp.Solve(text, 12);

        Assert.True(Challenge.IsSolvedBy(text, nonce, 12));
        Assert.False(Challenge.IsSolvedBy(text, nonce, 40));
        Assert.False(Challenge.IsSolvedBy(text, " " + nonce, 12));
        Assert.False(Challenge.IsSolvedBy(text, "-" + nonce, 12));
    }
}
