namespace Ralliement.Campaigns;

/// <summary>The legal notice of a campaign (publisher, contact, host), written by its organisation.</summary>
public sealed class LegalModel(ReadCampaign readCampaign) : CampaignNoticeModel(readCampaign);
