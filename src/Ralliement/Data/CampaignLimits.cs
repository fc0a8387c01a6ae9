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
    /// <summary>A badge's label and the title of an email signature: short enough to read at 11 px.</summary>
    public const int ShortTitle = 40;
    /// <summary>The display kit's sentence, put in shared posts and emails.</summary>
    public const int KitMessage = 280;
    public const int MaxCustomFields = 10;
    public const int MaxGoal = 100_000_000;
}
