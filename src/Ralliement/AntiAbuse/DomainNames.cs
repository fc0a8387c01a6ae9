namespace Ralliement.AntiAbuse;

/// <summary>A set of email domains that also covers their subdomains (<c>mail.example.org</c> is in a set holding <c>example.org</c>).</summary>
public sealed class DomainNames(IEnumerable<string> domains)
{
    private readonly HashSet<string> _domains = domains
        .Select(d => d.Trim().TrimEnd('.').ToLowerInvariant())
        .Where(d => d.Length > 0)
        .ToHashSet(StringComparer.Ordinal);

    public bool Contains(string domain) => Parents(domain).Any(_domains.Contains);

    /// <summary>A domain and each of its parents down to two labels: <c>a.b.example.org</c>, <c>b.example.org</c>, <c>example.org</c>.</summary>
    public static IEnumerable<string> Parents(string domain)
    {
        var rest = domain;
        while (true)
        {
            yield return rest;
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || rest.IndexOf('.', dot + 1) < 0)
            {
                yield break;
            }
            rest = rest[(dot + 1)..];
        }
    }

    /// <summary>
    /// Roughly the domain its owner registered, so that one owner's subdomains share a rate limit and a
    /// share of signatures (<c>x1.example.org</c>, <c>x2.example.org</c>: <c>example.org</c>): the
    /// last two labels, or three under a country's short second level (<c>ac.uk</c>, <c>co.jp</c>,
    /// <c>gouv.fr</c>). Without the public suffix list some domains keep a label too many, which only
    /// groups less; none is grouped with another owner's.
    /// </summary>
    public static string Registered(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length <= 2)
        {
            return domain;
        }
        var countrySecondLevel = labels[^1].Length == 2 && (labels[^2].Length <= 3 || labels[^2] is "gouv" or "govt" or "ltd" or "plc");
        return string.Join('.', labels[^(countrySecondLevel ? 3 : 2)..]);
    }
}
