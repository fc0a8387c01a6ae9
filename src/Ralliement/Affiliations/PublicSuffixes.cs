using System.Globalization;

namespace Ralliement.Affiliations;

/// <summary>
/// The Public Suffix List: the domains under which anyone may register their own (<c>fr</c>,
/// <c>ac.uk</c>, <c>gouv.fr</c>, <c>github.io</c>). An institution's domain that is one would, with
/// its subdomains, accept every address under it, so the organisers' page warns about it. No
/// maintained NuGet package holds the list, so it ships as data: public-suffix-list.dat, Debian's
/// copy (MPL-2.0, notice in public-suffix-list.LICENSE.txt), read by the few lines below. To update
/// it, copy a newer <c>/usr/share/publicsuffix/public_suffix_list.dat</c> (or the file published
/// at https://publicsuffix.org/list/) over it and change the version in the notice.
/// </summary>
public static class PublicSuffixes
{
    private static readonly Lazy<(HashSet<string> Plain, HashSet<string> Wildcard, HashSet<string> Exception)> List = new(Load);

    /// <param name="domain">An ASCII (IDNA) domain in lower case.</param>
    public static bool Contains(string domain)
    {
        var (plain, wildcard, exception) = List.Value;
        if (exception.Contains(domain))
        {
            return false;
        }
        if (plain.Contains(domain))
        {
            return true;
        }
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && wildcard.Contains(domain[(dot + 1)..]);
    }

    private static (HashSet<string>, HashSet<string>, HashSet<string>) Load()
    {
        using var stream = typeof(PublicSuffixes).Assembly.GetManifestResourceStream("Ralliement.Affiliations.public-suffix-list.dat")
            ?? throw new InvalidOperationException("The public suffix list is missing from the build.");
        using var reader = new StreamReader(stream);
        var idn = new IdnMapping();
        HashSet<string> plain = new(StringComparer.Ordinal), wildcard = new(StringComparer.Ordinal), exception = new(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            // The format (https://github.com/publicsuffix/list/wiki/Format): a rule a line, up to the first space; "//" comments.
            var rule = line.Split(' ', 2)[0].Trim();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            var (set, name) = rule switch
            {
                ['!', .. var rest] => (exception, rest),
                ['*', '.', .. var rest] => (wildcard, rest),
                _ => (plain, rule),
            };
            set.Add(idn.GetAscii(name.ToLowerInvariant()));
        }
        return (plain, wildcard, exception);
    }
}
