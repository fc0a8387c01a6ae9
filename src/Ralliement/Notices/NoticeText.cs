namespace Ralliement.Notices;

/// <summary>Names the privacy and legal notices' texts: NoticeText.resx (French) and NoticeText.en.resx.</summary>
public sealed class NoticeText;
