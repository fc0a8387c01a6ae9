using Microsoft.Extensions.Options;

namespace Ralliement.ProofOfWork;

/// <summary>A fresh challenge for one campaign's signing form; the script asks for it, as the page is the same for everyone.</summary>
public sealed class IssueChallenge(ChallengeKey key, TimeProvider clock, IOptionsMonitor<ProofOfWorkOptions> options)
{
    /// <param name="Challenge">What to hash, followed by the nonce (see <see cref="ProofOfWork.Challenge"/>).</param>
    /// <param name="Difficulty">Leading zero bits the SHA-256 must have.</param>
    /// <param name="ExpiresAt">Until when a solution is accepted.</param>
    public sealed record Response(string Challenge, int Difficulty, DateTimeOffset ExpiresAt);

    public Response Handle(int campaignId)
    {
        var settings = options.CurrentValue;
        var expiresAt = clock.GetUtcNow() + settings.Lifetime;
        var challenge = Challenge.New(campaignId, expiresAt, settings.Difficulty);
        return new Response(challenge.Sign(key.Value), settings.Difficulty, DateTimeOffset.FromUnixTimeSeconds(challenge.ExpiresAt));
    }
}
