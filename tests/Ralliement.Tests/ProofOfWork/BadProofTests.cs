using Ralliement.Tests.Support;

namespace Ralliement.Tests.ProofOfWork;

/// <summary>
/// A bad proof (a wrong or malformed nonce, a foreign or tampered challenge, another campaign's) is
/// no proof: with the organisation holding unproven signatures always, its signature waits for a
/// moderator. Each test signs with its own address and reads only that signature, and none moves
/// the clock, so they share one app.
/// </summary>
public sealed class BadProofTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    [Fact]
    public async Task A_wrong_nonce_holds_the_signature()
    {
        var proof = await app.ProofAsync();
        // The next nonce almost never has the zero bits too; pick one that certainly does not.
        proof["ProofNonce"] = Enumerable.Range(0, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => !Ralliement.ProofOfWork.Challenge.IsSolvedBy(proof["ProofChallenge"], n, 8));

        await ProofOfWorkSigningTests.AssertHeldAsync(app, proof);
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("12345678901234567")]
    [InlineData("")]
    public async Task A_nonce_that_is_not_a_short_decimal_number_holds_the_signature(string nonce)
    {
        var proof = await app.ProofAsync();
        proof["ProofNonce"] = nonce;

        await ProofOfWorkSigningTests.AssertHeldAsync(app, proof);
    }

    [Theory]
    [InlineData('!')]
    [InlineData('=')]
    [InlineData('é')]
    [InlineData('\u202E')]
    public async Task A_challenge_of_foreign_characters_holds_the_signature_without_an_error(char character)
    {
        await ProofOfWorkSigningTests.AssertHeldAsync(app, new() { ["ProofChallenge"] = new string(character, Ralliement.ProofOfWork.Challenge.Length), ["ProofNonce"] = "1" });
    }

    [Fact]
    public async Task A_tampered_challenge_holds_the_signature()
    {
        var proof = await app.ProofAsync();
        var challenge = proof["ProofChallenge"];
        // Raise the expiry or lower the difficulty: any changed character breaks the HMAC. Re-solved, so only the HMAC is wrong.
        var tampered = challenge[..10] + (challenge[10] == 'A' ? 'B' : 'A') + challenge[11..];
        proof["ProofChallenge"] = tampered;
        proof["ProofNonce"] = RalliementApp.Solve(tampered, 8);

        await ProofOfWorkSigningTests.AssertHeldAsync(app, proof);
    }

    [Fact]
    public async Task A_challenge_of_another_campaign_holds_the_signature()
    {
        await app.CampaignOfAsync("autre-collectif", "autre-campagne");

        await ProofOfWorkSigningTests.AssertHeldAsync(app, await app.ProofAsync("autre-campagne"));
    }
}
