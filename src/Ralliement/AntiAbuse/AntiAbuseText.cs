namespace Ralliement.AntiAbuse;

/// <summary>Names the anti-abuse texts: AntiAbuseText.resx (French) and AntiAbuseText.en.resx.</summary>
public sealed class AntiAbuseText;
