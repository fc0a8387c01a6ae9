namespace Ralliement.ProofOfWork;

/// <summary>How hard the signing form's proof of work is (<c>AntiAbuse:ProofOfWork</c>).</summary>
public sealed class ProofOfWorkOptions
{
    /// <summary>
    /// Leading zero bits the solution's hash must have: about 2^Difficulty hashes to find one. Each bit
    /// doubles the cost. Measured in Debian's Chromium on a busy 2-core machine (Web Crypto hashes about
    /// 70,000 a second there): 16 bits took 0.9 s on average (median 0.5 s), 18 bits 5 s.
    /// </summary>
    public int Difficulty { get; set; } = 16;

    /// <summary>How long a challenge may be solved and sent: long enough for a slow form-filler.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Bits beyond this would cost a browser minutes: a misconfiguration, refused at start.</summary>
    public const int MaxDifficulty = 30;
}
