namespace Ralliement.ProofOfWork;

/// <summary>How hard the signing form's proof of work is (<c>AntiAbuse:ProofOfWork</c>).</summary>
public sealed class ProofOfWorkOptions
{
    /// <summary>
    /// Leading zero bits the solution's hash must have: about 2^Difficulty hashes to find one. Each bit
    /// doubles the cost. 18 costs Debian's Chromium about a second on a laptop core (see README).
    /// </summary>
    public int Difficulty { get; set; } = 18;

    /// <summary>How long a challenge may be solved and sent: long enough for a slow form-filler.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Bits beyond this would cost a browser minutes: a misconfiguration, refused at start.</summary>
    public const int MaxDifficulty = 30;
}
