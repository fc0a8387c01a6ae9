namespace Ralliement.Editing;

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
