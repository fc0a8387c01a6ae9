using System.Text.RegularExpressions;
using static Ralliement.Tests.Hostile.HostileInput;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// Finds fuzz input that a page renders as markup rather than as text. The site's own HTML has no
/// event handler attribute, no javascript: link and nothing named after <see cref="HostileInput.Marker"/>;
/// a stored value shown encoded (&amp;lt;script&amp;gt;, &amp;quot; onerror=…) stays inside text or an
/// attribute's quoted value, which this reads past.
/// </summary>
public static partial class MarkupCheck
{
    /// <summary>
    /// An image the server drew and wrote in base64 (the two-factor QR code): random letters that
    /// once spelt the marker by chance ("NfzX"), not text that came from input.
    /// </summary>
    private static bool IsEncodedImage(string value) =>
        value.StartsWith("data:image/", StringComparison.Ordinal) && value.Contains(";base64,", StringComparison.Ordinal);

    /// <summary>What in the page is markup that came from fuzz input; empty when the page encodes it all.</summary>
    public static IEnumerable<string> Injections(string html)
    {
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value;
            if (name.Contains(Marker, StringComparison.OrdinalIgnoreCase))
            {
                yield return tag.Value;
                continue;
            }
            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var attributeName = attribute.Groups["name"].Value;
                var value = WebUtilityDecode(attribute.Groups["value"].Value.Trim('"', '\'')).Trim();
                if (attributeName.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                    || attributeName.Contains(Marker, StringComparison.OrdinalIgnoreCase)
                    || (attributeName is "href" or "src" or "action" or "formaction" && value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                    || (attributeName is "src" or "srcdoc" && !IsEncodedImage(value) && value.Contains(Marker, StringComparison.OrdinalIgnoreCase)))
                {
                    yield return tag.Value;
                }
            }
        }
        foreach (Match script in ScriptOrStyleBody().Matches(html))
        {
            if (script.Groups["body"].Value.Contains(Marker, StringComparison.OrdinalIgnoreCase))
            {
                yield return script.Value;
            }
        }
    }

    private static string WebUtilityDecode(string value) => System.Net.WebUtility.HtmlDecode(value);

    // A start tag as a browser tokenises it: a name, then attributes whose quoted values may hold '>'.
    [GeneratedRegex(@"<(?<name>[a-zA-Z][^\s/>]*)(?<attributes>(?:\s*[^\s=/>]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+))?|\s*/)*)\s*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[^\s=/>]+)(?:\s*=\s*(?<value>""[^""]*""|'[^']*'|[^\s>]+))?", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<(script|style)\b[^>]*>(?<body>.*?)</\1", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyleBody();
}
