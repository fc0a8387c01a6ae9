namespace Ralliement.Kit;

/// <summary>Names the texts of the display kit, its pages and its images: KitText.resx (French) and KitText.en.resx.</summary>
public sealed class KitText;
