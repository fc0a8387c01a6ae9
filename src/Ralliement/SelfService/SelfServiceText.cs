namespace Ralliement.SelfService;

/// <summary>Names the self-service pages' and emails' texts: SelfServiceText.resx (French) and SelfServiceText.en.resx.</summary>
public sealed class SelfServiceText;
