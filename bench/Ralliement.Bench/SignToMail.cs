using System.Globalization;
using System.Text.RegularExpressions;

namespace Ralliement.Bench;

/// <summary>
/// How long signers waited for their confirmation email: from the POST (its time is in the address,
/// see sign.lua) to the receiver's 250 for that address. So it includes the signing request's own
/// answer, tens of milliseconds, which is nothing beside the seconds this is about.
/// </summary>
public static partial class SignToMail
{
    /// <summary>
    /// A percentile over every acknowledged signature, in seconds; a signature whose email never came
    /// counts as later than all that did, and a percentile that falls on one is NaN ("none"): not reached.
    /// </summary>
    public static double Percentile(IReadOnlyList<SmtpReceiver.Accepted> accepted, long acknowledged, double percentile)
    {
        var waits = accepted
            .Select(a => Sent().Match(a.Recipient))
            .Zip(accepted, (m, a) => m.Success ? (a.At - DateTime.UnixEpoch).TotalMilliseconds - long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN)
            .Where(w => !double.IsNaN(w))
            .Order()
            .ToList();
        var total = Math.Max(acknowledged, waits.Count);
        var index = (int)Math.Ceiling(percentile * total) - 1;
        return total == 0 || index >= waits.Count ? double.NaN : Math.Round(waits[Math.Max(0, index)] / 1000, 2);
    }

    [GeneratedRegex(@"-t(\d+)@")]
    private static partial Regex Sent();
}
