namespace Ralliement.Editing;

/// <summary>Commitments and custom fields are labelled in French and English, both required, both bounded.</summary>
internal static class BilingualLabels
{
    /// <returns>The key of the error message, or null when both labels are fine.</returns>
    public static string? Check(string? french, string? english, int maxLength) =>
        string.IsNullOrWhiteSpace(french) || string.IsNullOrWhiteSpace(english) ? "LabelsRequired"
        : french.Trim().Length > maxLength || english.Trim().Length > maxLength ? "LabelTooLong"
        : null;
}
