namespace Ralliement.Editing;

/// <summary>A select of <see cref="FieldRule"/> values, for the <c>_RuleSelect</c> partial.</summary>
public sealed record RuleChoice(string Name, string Id, FieldRule Value);

public enum EditOutcome { Done, NotFound, Refused }

/// <summary>What a change to a campaign's settings came to; <see cref="Errors"/> says why it was refused.</summary>
public sealed record EditResult(EditOutcome Outcome, FormErrors Errors)
{
    public static readonly EditResult NotFound = new(EditOutcome.NotFound, FormErrors.None);

    /// <summary>
    /// What was saved, each the end of an <see cref="EditorText"/> key <c>Saved_…</c>: the page says
    /// exactly that after its redirect, and "nothing changed" when it is empty.
    /// </summary>
    public IReadOnlyList<string> Saved { get; init; } = [];

    public static EditResult Did(params string[] saved) => new(EditOutcome.Done, FormErrors.None) { Saved = saved };

    public static EditResult Refused(FormErrors errors) => new(EditOutcome.Refused, errors);

    /// <summary>The query that carries <see cref="Saved"/> to the page the editor is sent back to.</summary>
    public string SavedQuery => "saved=" + (Saved.Count == 0 ? "Nothing" : string.Join('.', Saved));
}

/// <summary>The banner an editor page shows after a redirect: what its query says was saved, in words.</summary>
public static class SavedBanner
{
    /// <summary>The sentences for <paramref name="saved"/> (<see cref="EditResult.SavedQuery"/>); keys the resources do not hold are ignored.</summary>
    public static IReadOnlyList<string> Say(string? saved, Microsoft.Extensions.Localization.IStringLocalizer editorText) =>
        string.IsNullOrEmpty(saved) ? []
        : saved.Split('.', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(5)
            .Select(key => "Saved_" + key)
            .Where(editorText.Holds)
            .Select(key => editorText[key].Value)
            .ToList();
}
