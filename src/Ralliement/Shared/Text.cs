namespace Ralliement.Shared;

/// <summary>Names the interface's text resources: Text.resx (French) and Text.en.resx.</summary>
public sealed class Text;
