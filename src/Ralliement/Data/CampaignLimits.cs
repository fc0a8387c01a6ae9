namespace Ralliement.Data;

/// <summary>The sizes the database columns allow, checked in forms so that a long text is an error message, not a 500.</summary>
public static class CampaignLimits
{
    public const int Title = 300;
    public const int Summary = 1000;
    /// <summary>The body's Markdown; the form's whole request must also fit in the 64 KB body limit.</summary>
    public const int Body = 60_000;
    public const int AmendmentNote = 1000;
    public const int CommitmentLabel = 500;
    public const int FieldLabel = 200;
    public const int MaxCustomFields = 10;
    public const int MaxGoal = 100_000_000;
}
