using System.Collections.Concurrent;

namespace Ralliement.ProofOfWork;

/// <summary>
/// Checks a signing form's proof of work: one HMAC and one SHA-256, no database, since it runs for
/// every signature at a peak. A solution counts once; the challenges already used are remembered in
/// memory until they expire.
/// <para>
/// With several nodes, each has its own memory, so one solution could be accepted once per node. That
/// is accepted on purpose: it multiplies an attacker's gain by the number of nodes (a handful), each
/// signature still needs its own confirmed address, and a shared store would put a write on the peak
/// path for little. A load balancer with sticky routing by client makes it rarer still.
/// </para>
/// </summary>
public sealed class VerifyProof(ChallengeKey key, TimeProvider clock)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Used challenges (by their random part) and when they expire, in Unix seconds: at most one
    /// lifetime's worth of signatures, about 60 bytes each (a million signatures in 20 minutes: ~60 MB).
    /// </summary>
    private readonly ConcurrentDictionary<Guid, long> _spent = new();
    private long _nextSweep;
    private int _sweeping;

    /// <summary>True when the proof is valid, for this campaign, not expired and not used before; it is then used up.</summary>
    public bool Handle(int campaignId, string? challengeText, string? nonce)
    {
        var challenge = Challenge.Open(challengeText, key.Value);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (challenge is null || challenge.CampaignId != campaignId || challenge.ExpiresAt <= now
            || !Challenge.IsSolvedBy(challengeText!, nonce, challenge.Difficulty))
        {
            return false;
        }
        SweepIfDue(now);
        // Only a valid solution is recorded, so sending garbage cannot spend someone else's challenge.
        return _spent.TryAdd(challenge.Random, challenge.ExpiresAt);
    }

    private void SweepIfDue(long now)
    {
        if (now < Interlocked.Read(ref _nextSweep) || Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }
        try
        {
            foreach (var (random, expiresAt) in _spent)
            {
                if (expiresAt <= now)
                {
                    _spent.TryRemove(random, out _);
                }
            }
            Interlocked.Exchange(ref _nextSweep, now + (long)SweepInterval.TotalSeconds);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
