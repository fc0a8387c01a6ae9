namespace Ralliement.Export;

/// <summary>Names the export pages' text resources: ExportText.resx (French) and ExportText.en.resx.</summary>
public sealed class ExportText;
