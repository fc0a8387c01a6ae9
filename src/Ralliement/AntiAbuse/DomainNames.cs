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
}
