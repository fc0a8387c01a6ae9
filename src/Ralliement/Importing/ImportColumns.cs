using System.Globalization;
using System.Text;

namespace Ralliement.Importing;

/// <summary>A campaign's custom field as an import sees it: its rule and its labels in every language.</summary>
public sealed record ImportField(int Id, FieldRule Rule, IReadOnlyList<string> Labels)
{
    public string Key => $"field_{Id}";
}

/// <summary>
/// The columns an imported file may have, found by header name in French or English, whatever the
/// case, accents or separators (<c>Prénom</c>, <c>first_name</c>, <c>First name</c>). Their order does
/// not matter and unknown columns are ignored, so a spreadsheet exported from elsewhere needs no
/// rearranging, only headers the page lists.
/// </summary>
public static class ImportColumns
{
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Email = "email";
    public const string Institution = "institution";
    public const string Status = "status";
    public const string Discipline = "discipline";
    public const string City = "city";
    public const string Country = "country";
    public const string ShowPublicly = "show_publicly";
    public const string AcceptsNews = "accepts_news";
    public const string Language = "language";

    /// <summary>A name is what a signature is; the address is optional, because paper forms often have none.</summary>
    public static readonly string[] Required = [FirstName, LastName];

    /// <summary>Each column and the header names accepted for it, compared once folded by <see cref="Fold"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Names = new Dictionary<string, string[]>
    {
        [FirstName] = ["first_name", "firstname", "first name", "given name", "prenom"],
        [LastName] = ["last_name", "lastname", "last name", "surname", "family name", "nom", "nom de famille"],
        [Email] = ["email", "e-mail", "mail", "courriel", "adresse e-mail", "email address"],
        [Institution] = ["institution", "etablissement", "organisation", "organization"],
        [Status] = ["status", "statut", "professional_status", "fonction"],
        [Discipline] = ["discipline"],
        [City] = ["city", "ville"],
        [Country] = ["country", "pays"],
        [ShowPublicly] = ["show_publicly", "public", "publique", "nom public", "shown publicly", "shows_publicly"],
        [AcceptsNews] = ["accepts_news", "news", "nouvelles", "accepte_nouvelles", "accepte les nouvelles"],
        [Language] = ["language", "langue"],
    };

    /// <summary>Which column a header names, or null for a column the import ignores.</summary>
    public static string? Match(string header)
    {
        var folded = Fold(header);
        return Names.FirstOrDefault(n => n.Value.Any(name => Fold(name) == folded)).Key;
    }

    /// <summary>
    /// The custom field a header names: by its label in any language, or by its key <c>field_{id}</c>
    /// (what an export writes for a field without a label); null when it names none.
    /// </summary>
    public static ImportField? MatchField(string header, IReadOnlyList<ImportField> fields)
    {
        var folded = Fold(header);
        return fields.FirstOrDefault(f => Fold(f.Key) == folded)
            ?? fields.FirstOrDefault(f => f.Labels.Any(label => Fold(label) == folded));
    }

    /// <summary>Lower case, without accents, with spaces, hyphens and underscores alike, and both apostrophes alike.</summary>
    private static string Fold(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(c switch
            {
                '-' or '_' or ' ' => '_',
                // A typed apostrophe and a typographic one: labels are written with ’, spreadsheets type '.
                '\u2019' => '\'',
                _ => char.ToLowerInvariant(c),
            });
        }
        return builder.ToString();
    }
}
