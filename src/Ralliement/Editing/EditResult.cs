using Ralliement.Data;

namespace Ralliement.Editing;

/// <summary>
/// A refused form's messages, keyed by field name; each value is a key of <see cref="EditorText"/>,
/// so the page shows it in its own language.
/// </summary>
public sealed class FormErrors : Dictionary<string, string>
{
    public static readonly FormErrors None = [];

    public bool Any => Count > 0;

    public string? For(string field) => TryGetValue(field, out var key) ? key : null;
}

/// <summary>The message of one refused field, for the <c>_Field</c> partial: tied to its input by <c>aria-describedby="{Id}-error"</c>.</summary>
public sealed record FieldMessage(string Id, string? Key);

/// <summary>A select of <see cref="FieldRule"/> values, for the <c>_RuleSelect</c> partial.</summary>
public sealed record RuleChoice(string Name, string Id, FieldRule Value);

public enum EditOutcome { Done, NotFound, Refused }

/// <summary>What a change to a campaign's settings came to; <see cref="Errors"/> says why it was refused.</summary>
public sealed record EditResult(EditOutcome Outcome, FormErrors Errors)
{
    public static readonly EditResult Done = new(EditOutcome.Done, FormErrors.None);
    public static readonly EditResult NotFound = new(EditOutcome.NotFound, FormErrors.None);

    public static EditResult Refused(FormErrors errors) => new(EditOutcome.Refused, errors);
}
