using Ralliement.Campaigns;

namespace Ralliement.Shared;

/// <summary>
/// The collective a public page belongs to. Its name heads the page, with the campaign's logo on a
/// campaign's pages, and its accent colour, when readable, colours the header and the buttons; the
/// software names itself only in the footer. A page sets it in <c>ViewData[PageHost.Key]</c>; pages
/// without one (organisers', errors) keep the software's own header.
/// </summary>
/// <param name="Link">Where the name leads: the campaign's page, or the list of campaigns.</param>
/// <param name="LogoPath">The campaign's logo, also the page's icon, so that a page loads one image at most.</param>
/// <param name="FeedPath">The Atom feed of the campaign or the organisation, announced in the page's head.</param>
public sealed record PageHost(string Name, string Link, string? LogoPath = null, string? AccentColour = null, string? FeedPath = null)
{
    public const string Key = "Host";

    public static PageHost Of(ReadCampaign.View campaign) => new(
        campaign.Organisation.Name,
        $"/{Languages.Current}/c/{Uri.EscapeDataString(campaign.Slug)}",
        campaign.LogoVersion is long version ? $"/c/{Uri.EscapeDataString(campaign.Slug)}/logo?v={version}" : null,
        campaign.Organisation.AccentColour,
        $"/{Languages.Current}/c/{Uri.EscapeDataString(campaign.Slug)}/feed.atom");

    public static PageHost Of(ReadCampaign.OrganisationView organisation) =>
        new(organisation.Name, $"/{Languages.Current}/", null, organisation.AccentColour,
            organisation.Slug.Length > 0 ? $"/{Languages.Current}/o/{Uri.EscapeDataString(organisation.Slug)}/feed.atom" : null);
}
