namespace Ralliement.Importing;

/// <summary>Names the import pages' text resources: ImportText.resx (French) and ImportText.en.resx.</summary>
public sealed class ImportText;
