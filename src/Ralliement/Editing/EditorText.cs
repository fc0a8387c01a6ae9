namespace Ralliement.Editing;

/// <summary>Names the campaign editor's text resources: EditorText.resx (French) and EditorText.en.resx.</summary>
public sealed class EditorText;
