namespace Ralliement.Organisers;

/// <summary>Names the organisers' area text resources: OrganiserText.resx (French) and OrganiserText.en.resx.</summary>
public sealed class OrganiserText;
