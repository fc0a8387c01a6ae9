using System.Globalization;

namespace Ralliement.Affiliations;

/// <summary>
/// A domain an organiser declares for an institution: checked (it must be a domain name), written as
/// signatures store theirs (ASCII, lower case), and what it warns about. The warnings do not refuse:
/// the organiser decides, knowing that a webmail or a public suffix proves no membership.
/// </summary>
public static class DeclaredDomain
{
    public enum Warning { Webmail, PublicSuffix }

    private static readonly Lazy<(HashSet<string> Domains, HashSet<string> AnyTopLevel)> Webmails = new(LoadWebmails);

    /// <summary>The domain as stored (<c>@Univ.Example.</c> is <c>univ.example</c>), or null when <paramref name="typed"/> is not a domain name.</summary>
    public static string? Normalise(string? typed)
    {
        var domain = EmailAddress.DomainKeyOf(typed);
        if (domain is null || domain.Length > 253)
        {
            return null;
        }
        var labels = domain.Split('.');
        return labels.Length >= 2 && labels.All(IsLabel) && !labels[^1].All(char.IsAsciiDigit) ? domain : null;
    }

    /// <summary>What is worth knowing about declaring <paramref name="domain"/> (normalised).</summary>
    public static IReadOnlyList<Warning> WarningsFor(string domain, bool includesSubdomains)
    {
        var warnings = new List<Warning>();
        if (IsWebmail(domain))
        {
            warnings.Add(Warning.Webmail);
        }
        // A suffix alone (addresses at exactly "gouv.fr") is odd but harmless; with its subdomains it accepts everyone.
        if (includesSubdomains && PublicSuffixes.Contains(domain))
        {
            warnings.Add(Warning.PublicSuffix);
        }
        return warnings;
    }

    public static bool IsWebmail(string domain)
    {
        var (domains, anyTopLevel) = Webmails.Value;
        if (domains.Contains(domain))
        {
            return true;
        }
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && anyTopLevel.Contains(domain[..dot]) && PublicSuffixes.Contains(domain[(dot + 1)..]);
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static (HashSet<string>, HashSet<string>) LoadWebmails()
    {
        using var stream = typeof(DeclaredDomain).Assembly.GetManifestResourceStream("Ralliement.Affiliations.webmail-domains.txt")
            ?? throw new InvalidOperationException("The list of webmail domains is missing from the build.");
        using var reader = new StreamReader(stream);
        HashSet<string> domains = new(StringComparer.Ordinal), anyTopLevel = new(StringComparer.Ordinal);
        while (reader.ReadLine()?.Trim() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith(".*", StringComparison.Ordinal))
            {
                anyTopLevel.Add(line[..^2].ToLower(CultureInfo.InvariantCulture));
            }
            else
            {
                domains.Add(line.ToLower(CultureInfo.InvariantCulture));
            }
        }
        return (domains, anyTopLevel);
    }
}
