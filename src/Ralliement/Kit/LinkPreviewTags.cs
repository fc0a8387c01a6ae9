using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// What a link to one of a campaign's public pages shows where it is posted (Open Graph, Twitter
/// card): the collective, the page's title, the campaign's summary and its 1200×630 preview image
/// (<see cref="KitLinks.Preview"/>). A page puts it in <c>ViewData[LinkPreviewTags.Key]</c>; the layout
/// writes the tags (Kit/_LinkPreviewTags.cshtml) with absolute addresses, as sites that read them require.
/// </summary>
/// <param name="Title">The page's own title, without the collective's name that the tags give apart.</param>
public sealed record LinkPreviewTags(ReadCampaign.View Campaign, string Title)
{
    public const string Key = "LinkPreviewTags";

    /// <summary>Open Graph's locale for the language of the text: the page's words, not the visitor's.</summary>
    public string Locale => Campaign.Language == "fr" ? "fr_FR" : "en_GB";
}
