using System.Text.RegularExpressions;

namespace Ralliement.Bench;

/// <summary>The confirmation links of the emails in the pickup folder, as paths wrk can request.</summary>
public static partial class ConfirmLinks
{
    public static int Collect(string mailDirectory, string file)
    {
        var links = Directory.Exists(mailDirectory)
            ? Directory.EnumerateFiles(mailDirectory, "*.eml")
                .Select(path => Link().Match(File.ReadAllText(path)))
                .Where(m => m.Success)
                .Select(m => m.Value)
                .Distinct(StringComparer.Ordinal)
                .ToList()
            : [];
        File.WriteAllLines(file, links);
        return links.Count;
    }

    /// <summary>The first confirmation link in an email's text, or null.</summary>
    public static string? Find(string text) => Link().Match(text) is { Success: true } m ? m.Value : null;

    // The link is in the text body (see tests' RalliementApp.LinkIn); a token is 43 base64url characters.
    [GeneratedRegex(@"/[a-z]{2}/confirm/[A-Za-z0-9_-]{43}")]
    private static partial Regex Link();
}
