using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>The words the kit puts on images and in snippets when the organisers set none.</summary>
public static class KitWording
{
    /// <summary>The organisers' short title, else the title cut at a word to fit a badge.</summary>
    public static string ShortTitle(ReadCampaign.View campaign) =>
        campaign.ShortTitle is { Length: > 0 } set ? set : Shorten(campaign.Title, CampaignLimits.ShortTitle);

    public static string Shorten(string text, int length)
    {
        text = text.Trim();
        if (text.Length <= length)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', length - 1);
        return text[..(cut > length / 2 ? cut : length - 1)].TrimEnd(' ', ',', ';', ':', '.', '-', '—') + "…";
    }
}
