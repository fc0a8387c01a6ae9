using System.Globalization;
using System.Text;

namespace Ralliement.Signing;

/// <summary>How free text typed by a signer is cleaned before it is checked and stored.</summary>
public static class SignerText
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
        foreach (var c in input.Normalize(NormalizationForm.FormC).Trim())
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

    /// <summary>
    /// Control and formatting characters (including bidirectional overrides, which can make a name
    /// display as another) have no place in a name or an institution.
    /// </summary>
    // Needed to spell some Persian, Indic and other names correctly.
    private const int ZeroWidthNonJoiner = 0x200C;
    private const int ZeroWidthJoiner = 0x200D;

    public static bool HasForbiddenCharacters(string text)
    {
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
        var decomposed = text.Normalize(NormalizationForm.FormD);
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
}
