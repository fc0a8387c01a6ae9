namespace Ralliement.Moderation;

/// <summary>Names the moderation and audit pages' text resources: ModerationText.resx (French) and ModerationText.en.resx.</summary>
public sealed class ModerationText;
