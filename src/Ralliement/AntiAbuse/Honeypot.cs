namespace Ralliement.AntiAbuse;

/// <summary>
/// A field people never see nor reach (off-screen, out of the tab order, its label saying to leave
/// it empty) that form-filling robots fill. A filled one gets exactly the answer of a signature
/// taken, so the robot learns nothing, and nothing is stored or sent.
/// </summary>
public sealed partial class Honeypot(ILogger<Honeypot> logger)
{
    /// <summary>A name no browser autofills (an autofilled trap would drop real signers) and robots fill.</summary>
    public const string Field = "Comment";

    private long _caught;

    /// <param name="value">What was posted in <see cref="Field"/>.</param>
    public bool Caught(string? value, int campaignId)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        LogCaught(logger, campaignId, Interlocked.Increment(ref _caught));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Honeypot filled on campaign {CampaignId}: answered as signed, nothing kept ({Total} since start).")]
    private static partial void LogCaught(ILogger logger, int campaignId, long total);
}
