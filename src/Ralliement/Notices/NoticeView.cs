using Ralliement.Campaigns;

namespace Ralliement.Notices;

/// <summary>
/// What the privacy and legal notices are written from: the organisation's settings, and for a
/// campaign's notice, the campaign it is reached from.
/// </summary>
/// <param name="Campaign">The campaign's slug and title, or null for the organisation's own notice.</param>
public sealed record NoticeView(ReadCampaign.OrganisationView Organisation, string Language, (string Slug, string Title)? Campaign)
{
    public string OrganisationPath => $"/{Language}/o/{Uri.EscapeDataString(Organisation.Slug)}";

    /// <summary>Where this notice's other half is: the campaign's own page when reached from one.</summary>
    public string BasePath => Campaign is { } c ? $"/{Language}/c/{Uri.EscapeDataString(c.Slug)}" : OrganisationPath;
}
