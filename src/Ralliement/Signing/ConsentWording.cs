using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ralliement.Signing;

/// <summary>
/// Names the wording of the signing form's consents (<c>ShowPublicly</c>, <c>ListedAnonymously</c> where the
/// campaign declares institutions, <c>ConsentToProcessing</c>,
/// <c>AcceptsNews</c> and their hints, in every language), recorded with each signature so that what a
/// signer agreed to can be shown later. A test compares a hash of those texts with <see cref="Hash"/>:
/// changing the wording without naming a new version fails it.
/// </summary>
public static class ConsentWording
{
    /// <summary>The wording the form shows now.</summary>
    public const string Current = "2026-12-affiliations";

    /// <summary>SHA-256 of the consent texts of <see cref="Current"/>, in hex (see the test that checks it).</summary>
    public const string Hash = "ee5728b0f882eb4308507b84714c99e4e45b45f688f779ad3f3f7cb10e87ff60";

    /// <summary>
    /// Earlier versions whose words are those of <see cref="Current"/> and differ only in typography
    /// (2026-11: spaces before « : » and apostrophes, made French typographic in 2026-12): what their
    /// signers agreed to is the text shown now, so it is shown to them as theirs. 2026-12 lacks only the
    /// anonymous listing, which the form offers where a campaign declares institutions: none did then.
    /// </summary>
    private static readonly string[] SameWords = ["2026-11", "2026-12"];

    /// <summary>The consents the form showed a signer: the anonymous listing only where it was offered, from <see cref="Current"/> on.</summary>
    public static IEnumerable<string> NamesShownTo(string? version, bool campaignDeclaresInstitutions) =>
        ResourceNames.Where(name => (campaignDeclaresInstitutions && version == Current) || !name.StartsWith("ListedAnonymously", StringComparison.Ordinal));

    /// <summary>Whether a signature recorded under this version agreed to the words the form shows now.</summary>
    public static bool ShowsNow(string? version) => version == Current || SameWords.Contains(version);

    /// <summary>The hash of the wording as the resources hold it now: one text per name and language, in order.</summary>
    /// <param name="text">The text of a resource name in a language.</param>
    public static string HashOf(Func<string, CultureInfo, string> text)
    {
        var all = new StringBuilder();
        foreach (var language in Shared.Languages.Supported)
        {
            foreach (var name in ResourceNames)
            {
                all.Append(language).Append('\u001f').Append(name).Append('\u001f').Append(text(name, CultureInfo.GetCultureInfo(language))).Append('\u001e');
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    }

    /// <summary>The resource names whose texts are the consents' wording.</summary>
    public static readonly IReadOnlyList<string> ResourceNames =
        ["ShowPublicly", "ShowPubliclyHint", "ListedAnonymously", "ListedAnonymouslyHint", "ConsentToProcessing", "ConsentToProcessingHint", "AcceptsNews", "AcceptsNewsHint"];
}
