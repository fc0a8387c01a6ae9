namespace Ralliement.ProofOfWork;

/// <summary>
/// Checks a signing form's proof of work: one HMAC and one SHA-256, no database, since it runs for
/// every signature at a peak. Whether the solution was used before is settled by the signature
/// writer, which records it under a unique key in the same commit as the signature
/// (<see cref="Data.SpentProof"/>): one solution counts once across every node.
/// </summary>
public sealed class VerifyProof(ChallengeKey key, TimeProvider clock)
{
    /// <summary>A valid solution, to be spent by the signature that carries it.</summary>
    /// <param name="Id">The challenge's random part: what makes it unique.</param>
    public sealed record Solution(Guid Id, DateTime ExpiresAt);

    /// <summary>The solution when the proof is valid, for this campaign and not expired; else null.</summary>
    public Solution? Handle(int campaignId, string? challengeText, string? nonce)
    {
        var challenge = Challenge.Open(challengeText, key.Value);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (challenge is null || challenge.CampaignId != campaignId || challenge.ExpiresAt <= now
            || !Challenge.IsSolvedBy(challengeText!, nonce, challenge.Difficulty))
        {
            return null;
        }
        return new Solution(challenge.Random, DateTimeOffset.FromUnixTimeSeconds(challenge.ExpiresAt).UtcDateTime);
    }
}
