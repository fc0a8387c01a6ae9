using Ralliement.Campaigns;

namespace Ralliement.Signing;

/// <summary>What the signing form shows: the campaign's fields, what was typed, and what was wrong with it.</summary>
public sealed record SignFormView(ReadCampaign.View Campaign, SignerDetails.Form Values, FormErrors Errors);
