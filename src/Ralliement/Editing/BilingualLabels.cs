namespace Ralliement.Editing;

/// <summary>The French and English inputs of a commitment or a custom field, for the <c>_BilingualLabels</c> partial.</summary>
/// <param name="Form">The name the handler binds: <c>Commitment</c> or <c>Field</c>.</param>
/// <param name="Id">The inputs' ids are this with <c>-fr</c> and <c>-en</c>.</param>
/// <param name="French">The label saved, or null in the form that adds one.</param>
public sealed record BilingualLabelInputs(string Form, string Id, string? French, string? English, int MaxLength);

/// <summary>Commitments and custom fields are labelled in French and English, both required, both bounded.</summary>
internal static class BilingualLabels
{
    /// <returns>The key of the error message, or null when both labels are fine.</returns>
    public static string? Check(string? french, string? english, int maxLength) =>
        string.IsNullOrWhiteSpace(french) || string.IsNullOrWhiteSpace(english) ? "LabelsRequired"
        : french.Trim().Length > maxLength || english.Trim().Length > maxLength ? "LabelTooLong"
        : null;

    /// <summary>Writes both checked labels, trimmed: the label of a language already there changes, a missing one is added.</summary>
    public static void Write<TLabel>(
        ICollection<TLabel> labels, string french, string english,
        Func<TLabel, string> languageOf, Action<TLabel, string> setText, Func<string, string, TLabel> create)
    {
        foreach (var (language, text) in new[] { ("fr", french.Trim()), ("en", english.Trim()) })
        {
            if (labels.FirstOrDefault(l => languageOf(l) == language) is { } label)
            {
                setText(label, text);
            }
            else
            {
                labels.Add(create(language, text));
            }
        }
    }
}
