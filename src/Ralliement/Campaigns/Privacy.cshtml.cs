namespace Ralliement.Campaigns;

/// <summary>The privacy notice of a campaign, written from its organisation's details.</summary>
public sealed class PrivacyModel(ReadCampaign readCampaign) : CampaignNoticeModel(readCampaign);
