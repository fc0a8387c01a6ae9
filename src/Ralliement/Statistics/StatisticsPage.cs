using Ralliement.Campaigns;

namespace Ralliement.Statistics;

/// <summary>What the statistics partial (<c>_Figures</c>) shows, for the public page and the organisers' one.</summary>
/// <param name="ForOrganisers">Figures as counted, with the last hours and the sources.</param>
public sealed record StatisticsPage(ReadCampaign.View Campaign, CampaignStatistics Statistics, bool ForOrganisers);
