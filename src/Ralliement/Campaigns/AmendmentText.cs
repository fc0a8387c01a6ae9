namespace Ralliement.Campaigns;

/// <summary>Names the texts of amended campaigns and their versions: AmendmentText.resx (French) and AmendmentText.en.resx.</summary>
public sealed class AmendmentText;
