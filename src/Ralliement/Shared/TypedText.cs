using System.Globalization;
using System.Text;

namespace Ralliement.Shared;

/// <summary>
/// How free text a person types is cleaned before it is checked and stored: a signer's name, a news
/// subject, a search term, a cell of an imported file.
/// </summary>
public static class TypedText
{
    /// <summary>Trims, composes (NFC) and folds runs of white space into one space; null when nothing is left.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        var builder = new StringBuilder(input.Length);
        var space = false;
        // Composing throws on a lone surrogate (a query string's broken escape can make one): such
        // text is left as it is, and HasForbiddenCharacters refuses it.
        var composed = IsWellFormed(input) ? input.Normalize(NormalizationForm.FormC) : input;
        foreach (var c in composed.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    // Needed to spell some Persian, Indic and other names correctly.
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;

    /// <summary>
    /// Control and formatting characters (including bidirectional overrides, which can make a name
    /// display as another) have no place in a name or an institution.
    /// </summary>
    public static bool HasForbiddenCharacters(string text)
    {
        if (!IsWellFormed(text))
        {
            return true;
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is ZeroWidthNonJoiner or ZeroWidthJoiner)
            {
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Lower case without accents, for searching the public list whatever the signer typed.</summary>
    public static string SearchForm(string text)
    {
        // A search term may hold a lone surrogate, or be cut between the two halves of a pair: as
        // U+FFFD it matches nothing, where normalising it would throw.
        var wellFormed = IsWellFormed(text) ? text : string.Concat(text.EnumerateRunes().Select(r => r.Value == 0xFFFE ? Rune.ReplacementChar : r));
        var decomposed = wellFormed.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            // Control characters never match a stored name, and PostgreSQL refuses NUL in text.
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.Control))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Whether .NET can normalise the text: every surrogate is half of a pair, and no U+FFFE (a
    /// noncharacter that String.Normalize refuses, reachable as %EF%BF%BE in a query or a form).
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || text[i] == '\uFFFE')
            {
                return false;
            }
        }
        return true;
    }
}
