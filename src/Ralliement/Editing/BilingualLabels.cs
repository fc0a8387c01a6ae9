namespace Ralliement.Editing;

/// <summary>The French and English inputs of a commitment or a custom field, for the <c>_BilingualLabels</c> partial.</summary>
/// <param name="Name">The prefix of the inputs' names, e.g. <c>Commitments.Rows[2]</c>.</param>
/// <param name="Id">The inputs' ids are this with <c>-fr</c> and <c>-en</c>.</param>
/// <param name="French">The label saved or typed, or null.</param>
/// <param name="Languages">The campaign's languages: a label is required in each, optional in the others.</param>
/// <param name="DescribedBy">The id of the message saying what is wrong with these labels, or of their hint.</param>
/// <param name="MayBeBlank">Whether the inputs may all be left empty (the row that adds one): then none is marked required.</param>
/// <param name="Sentence">Whether a label is a sentence (a commitment) rather than a few words: a text area shows it whole.</param>
public sealed record BilingualLabelInputs(string Name, string Id, string? French, string? English, int MaxLength, IReadOnlyCollection<string> Languages, string? DescribedBy = null, bool MayBeBlank = false, bool Sentence = false)
{
    public bool Requires(string language) => Languages.Contains(language);
}

/// <summary>
/// Commitments and custom fields are labelled in each language the campaign is written in (those
/// of its texts): a campaign in French only needs no English label. A label in another language may
/// be written ahead of a translation.
/// </summary>
public static class BilingualLabels
{
    /// <summary>A label a campaign lacks: the commitment or field (by position) and the language.</summary>
    public sealed record Missing(string What, int Position, string Language);

    /// <summary>The languages of a campaign: those it has a text in (with <see cref="Campaign.Texts"/> loaded).</summary>
    public static IReadOnlyCollection<string> LanguagesOf(Campaign campaign) =>
        campaign.Texts.Select(t => t.Language).Distinct().ToList();

    /// <returns>The key of the error message, or null when the labels are fine.</returns>
    public static string? Check(IReadOnlyCollection<string> languages, string? french, string? english, int maxLength)
    {
        var frenchMissing = string.IsNullOrWhiteSpace(french) && (languages.Contains("fr") || string.IsNullOrWhiteSpace(english));
        var englishMissing = string.IsNullOrWhiteSpace(english) && (languages.Contains("en") || string.IsNullOrWhiteSpace(french));
        return frenchMissing && englishMissing ? (languages.Count == 1 ? "LabelRequired_" + languages.First() : "LabelsRequired")
            : frenchMissing ? "LabelRequired_fr"
            : englishMissing ? "LabelRequired_en"
            : french?.Trim().Length > maxLength || english?.Trim().Length > maxLength ? "LabelTooLong"
            : null;
    }

    /// <summary>
    /// Writes checked labels, trimmed: the label of a language already there changes, a missing one is
    /// added, and one left empty is removed (only a language the campaign is not written in may be).
    /// </summary>
    public static void Write<TLabel>(
        ICollection<TLabel> labels, string? french, string? english,
        Func<TLabel, string> languageOf, Action<TLabel, string> setText, Func<string, string, TLabel> create)
    {
        foreach (var (language, typed) in new[] { ("fr", french), ("en", english) })
        {
            // A label is one line, whatever the text area it was typed in wrapped it into.
            var text = string.Join(' ', (typed ?? "").Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var label = labels.FirstOrDefault(l => languageOf(l) == language);
            if (text.Length == 0)
            {
                if (label is not null)
                {
                    labels.Remove(label);
                }
            }
            else if (label is not null)
            {
                setText(label, text);
            }
            else
            {
                labels.Add(create(language, text));
            }
        }
    }

    /// <summary>
    /// The labels a campaign still lacks in its languages, for the commitments and the fields signers
    /// are asked (with texts, commitments, fields and their labels loaded). Publishing calls it so a
    /// signer never reads a commitment in a language other than the page's.
    /// </summary>
    public static IReadOnlyList<Missing> MissingIn(Campaign campaign)
    {
        var languages = LanguagesOf(campaign);
        var missing = new List<Missing>();
        foreach (var commitment in campaign.Commitments.OrderBy(c => c.Position))
        {
            missing.AddRange(languages.Where(l => !commitment.Labels.Any(x => x.Language == l && x.Text.Length > 0))
                .Select(l => new Missing("Commitment", commitment.Position, l)));
        }
        foreach (var field in campaign.CustomFields.Where(f => f.Rule != FieldRule.Hidden).OrderBy(f => f.Position))
        {
            missing.AddRange(languages.Where(l => !field.Labels.Any(x => x.Language == l && x.Text.Length > 0))
                .Select(l => new Missing("Field", field.Position, l)));
        }
        return missing;
    }
}
