using Microsoft.Extensions.Options;

namespace Ralliement.AntiAbuse;

/// <summary>
/// Refuses addresses at throwaway mailbox providers, which let one person confirm any number of
/// signatures. The embedded list, disposable-domains.txt, is the npm package
/// <c>disposable-email-domains</c> 1.0.62 (https://github.com/ivolo/disposable-email-domains, MIT
/// licence; notice in disposable-domains.LICENSE.txt): its index.json and wildcard.json, merged,
/// lower-cased, sorted, one domain a line. To update it:
/// <code>
/// npm pack disposable-email-domains &amp;&amp; tar xzf disposable-email-domains-*.tgz
/// node -e 'const a=require("./package/index.json"),w=require("./package/wildcard.json");
///   console.log([...new Set([...a,...w].map(d=>d.trim().toLowerCase()).filter(Boolean))].sort().join("\n"))' \
///   > src/Ralliement/AntiAbuse/disposable-domains.txt
/// </code>
/// and change the version here. <c>AntiAbuse:DisposableDomains:Extra</c> adds domains,
/// <c>:Allowed</c> takes some out; both cover subdomains.
/// </summary>
public sealed class DisposableDomains(IOptions<AntiAbuseOptions> options)
{
    /// <summary>
    /// The 121,000 domains as sorted 64-bit hashes: 1 MB instead of the 10 MB a set of strings takes,
    /// for one chance in 10^14 of a false match. Loaded once per process, on first use.
    /// </summary>
    private static readonly Lazy<ulong[]> Listed = new(Load);

    private readonly DomainNames _extra = new(options.Value.DisposableDomains.Extra);
    private readonly DomainNames _allowed = new(options.Value.DisposableDomains.Allowed);

    /// <param name="domain">An ASCII (IDNA) domain in lower case, as <c>EmailAddress.Domain</c>.</param>
    public bool IsDisposable(string domain)
    {
        if (_allowed.Contains(domain))
        {
            return false;
        }
        var listed = Listed.Value;
        return _extra.Contains(domain) || DomainNames.Parents(domain).Any(d => Array.BinarySearch(listed, Hash(d)) >= 0);
    }

    private static ulong[] Load()
    {
        using var stream = typeof(DisposableDomains).Assembly.GetManifestResourceStream("Ralliement.AntiAbuse.disposable-domains.txt")
            ?? throw new InvalidOperationException("The list of disposable email domains is missing from the build.");
        using var reader = new StreamReader(stream);
        var hashes = new List<ulong>(125_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                hashes.Add(Hash(line));
            }
        }
        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>FNV-1a: stable across processes (unlike string.GetHashCode), and domains are short ASCII.</summary>
    private static ulong Hash(string domain)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in domain)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
