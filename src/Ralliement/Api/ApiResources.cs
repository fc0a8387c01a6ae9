namespace Ralliement.Api;

// What /api/v1 answers, as JSON (camelCase). Their doc comments are the descriptions of the OpenAPI
// document's schemas: within v1, properties are only ever added, never renamed, retyped or removed.

/// <summary>A collective that publishes at least one campaign (open, closed or archived).</summary>
/// <param name="Slug">Its identifier in addresses.</param>
/// <param name="Name">Its name, as its public pages show it.</param>
/// <param name="CampaignCount">How many of its campaigns are published (open, closed or archived).</param>
/// <param name="Links">Where to read more about it.</param>
public sealed record ApiOrganisation(string Slug, string Name, int CampaignCount, ApiOrganisationLinks Links);

/// <summary>Addresses about an organisation, relative to the server.</summary>
/// <param name="Self">This organisation in the API.</param>
/// <param name="Campaigns">Its published campaigns in the API.</param>
/// <param name="Privacy">Its privacy notice (HTML, in French; replace <c>/fr/</c> by <c>/en/</c> for English).</param>
/// <param name="Legal">Its legal notice (HTML, in French).</param>
public sealed record ApiOrganisationLinks(string Self, string Campaigns, string Privacy, string Legal);

/// <summary>The organisations that publish campaigns, by name.</summary>
/// <param name="Organisations">Every organisation with a published campaign.</param>
public sealed record ApiOrganisationList(IReadOnlyList<ApiOrganisation> Organisations);

/// <summary>A published campaign in a list: enough to show it and to follow its links.</summary>
/// <param name="Id">Its number, the key of the list's pages (<c>after</c>).</param>
/// <param name="Slug">Its identifier in addresses.</param>
/// <param name="Kind">manifesto, openLetter, petition or charter.</param>
/// <param name="State">open, closed or archived (drafts are never public).</param>
/// <param name="Organisation">The slug of the organisation that publishes it.</param>
/// <param name="DefaultLanguage">The language of its first text (fr or en).</param>
/// <param name="Texts">Its title and summary in each of its languages.</param>
/// <param name="Count">Confirmed signatures, people and organisations.</param>
/// <param name="Goal">The count it aims for, if its organisers set one.</param>
/// <param name="PublishedAt">When it was first published (UTC).</param>
/// <param name="Links">Where to read more about it.</param>
public sealed record ApiCampaignSummary(int Id, string Slug, string Kind, string State, string Organisation, string DefaultLanguage,
    IReadOnlyList<ApiTitle> Texts, int Count, int? Goal, DateTime? PublishedAt, ApiCampaignLinks Links);

/// <summary>A campaign's title and summary in one language.</summary>
/// <param name="Language">fr or en.</param>
/// <param name="Title">Its title.</param>
/// <param name="Summary">Its summary, plain text; may be empty.</param>
public sealed record ApiTitle(string Language, string Title, string Summary);

/// <summary>A page of published campaigns, newest first.</summary>
/// <param name="Campaigns">At most <c>limit</c> campaigns.</param>
/// <param name="Next">The address of the next page, or null on the last one. Also sent as <c>Link: &lt;…&gt;; rel="next"</c>.</param>
public sealed record ApiCampaignList(IReadOnlyList<ApiCampaignSummary> Campaigns, string? Next);

/// <summary>A published campaign: where it stands, its count and its texts in every language.</summary>
/// <param name="Slug">Its identifier in addresses.</param>
/// <param name="Kind">manifesto, openLetter, petition or charter.</param>
/// <param name="State">open, closed or archived.</param>
/// <param name="Organisation">Who publishes it.</param>
/// <param name="DefaultLanguage">The language of its first text.</param>
/// <param name="Languages">The languages it is written in.</param>
/// <param name="AcceptsSignatures">Whether its form takes signatures now (open, and within its dates).</param>
/// <param name="PublishedAt">When it was first published (UTC).</param>
/// <param name="OpensAt">When its form opens, if its organisers set a date (UTC).</param>
/// <param name="ClosesAt">When its form closes, if its organisers set a date (UTC).</param>
/// <param name="ClosedAt">When it was closed (UTC).</param>
/// <param name="ArchivedAt">When it was archived (UTC).</param>
/// <param name="Count">Confirmed signatures, people and organisations: the figure its page shows.</param>
/// <param name="PersonCount">Of which people.</param>
/// <param name="OrganisationCount">Of which organisations.</param>
/// <param name="Goal">The count it aims for, if set.</param>
/// <param name="NextGoal">The goal after the first is reached, if set.</param>
/// <param name="Texts">Its text in each language, as published now.</param>
/// <param name="Links">Where to read more about it.</param>
public sealed record ApiCampaign(string Slug, string Kind, string State, ApiPublisher Organisation, string DefaultLanguage,
    IReadOnlyList<string> Languages, bool AcceptsSignatures, DateTime? PublishedAt, DateTime? OpensAt, DateTime? ClosesAt,
    DateTime? ClosedAt, DateTime? ArchivedAt, int Count, int PersonCount, int OrganisationCount, int? Goal, int? NextGoal,
    IReadOnlyList<ApiCampaignText> Texts, ApiCampaignLinks Links);

/// <summary>The organisation that publishes a campaign.</summary>
/// <param name="Slug">Its identifier in addresses.</param>
/// <param name="Name">Its name.</param>
public sealed record ApiPublisher(string Slug, string Name);

/// <summary>A campaign's text in one language, as published now.</summary>
/// <param name="Language">fr or en.</param>
/// <param name="Title">Its title.</param>
/// <param name="Summary">Its summary, plain text; may be empty.</param>
/// <param name="BodyHtml">Its body as HTML, already sanitised (no script, no image, links in http, https or mailto only).</param>
/// <param name="BodyMarkdown">Its body as its organisers wrote it, in Markdown.</param>
/// <param name="Version">1 for the text first published; each amendment adds one.</param>
/// <param name="AmendedAt">When it was last amended after publication (UTC), if it was.</param>
/// <param name="AmendmentNote">What the last amendment changed, as its organisers said publicly.</param>
public sealed record ApiCampaignText(string Language, string Title, string Summary, string BodyHtml, string BodyMarkdown, int Version,
    DateTime? AmendedAt, string? AmendmentNote);

/// <summary>Addresses about a campaign, relative to the server.</summary>
/// <param name="Self">This campaign in the API.</param>
/// <param name="Count">Its count alone, the cheapest answer to poll.</param>
/// <param name="Signatories">Its public signatories.</param>
/// <param name="Versions">The versions of its texts.</param>
/// <param name="Page">Its public page (HTML, in its default language).</param>
public sealed record ApiCampaignLinks(string Self, string Count, string Signatories, string Versions, string Page);

/// <summary>The versions of a campaign's texts, newest first in each language.</summary>
/// <param name="Versions">Every version of every language.</param>
public sealed record ApiVersionList(IReadOnlyList<ApiVersionEntry> Versions);

/// <summary>One version of a campaign's text, and the period it was the published one.</summary>
/// <param name="Language">fr or en.</param>
/// <param name="Number">1 for the text first published.</param>
/// <param name="From">When it became the published text (UTC).</param>
/// <param name="To">When it was replaced (UTC); null for the current text.</param>
/// <param name="Self">This version's text in the API.</param>
public sealed record ApiVersionEntry(string Language, int Number, DateTime? From, DateTime? To, string Self);

/// <summary>One version of a campaign's text, as it was published.</summary>
/// <param name="Language">fr or en.</param>
/// <param name="Number">1 for the text first published.</param>
/// <param name="Title">Its title then.</param>
/// <param name="Summary">Its summary then.</param>
/// <param name="BodyHtml">Its body then, as sanitised HTML.</param>
/// <param name="ReplacedAt">When it was replaced (UTC); null for the current text.</param>
public sealed record ApiTextVersion(string Language, int Number, string Title, string Summary, string BodyHtml, DateTime? ReplacedAt);

/// <summary>A campaign's live count: what badges and other sites show.</summary>
/// <param name="Slug">The campaign.</param>
/// <param name="Count">Confirmed signatures, people and organisations.</param>
/// <param name="Goal">The count it aims for, if set.</param>
/// <param name="UpdatedAt">When this figure was read (UTC); an answer may be served from a cache for a few seconds.</param>
public sealed record ApiCount(string Slug, int Count, int? Goal, DateTime UpdatedAt);

/// <summary>
/// A confirmed signatory who chose to appear publicly, with what the campaign's public list shows and
/// nothing more: never an address, never the representative of an organisation.
/// </summary>
/// <param name="Id">Its number, the key of the list's pages (<c>after</c>).</param>
/// <param name="Kind">person or organisation.</param>
/// <param name="Name">A person's name, or an organisation's; null for a signer listed anonymously, shown only as a verified member of <c>verifiedInstitution</c>.</param>
/// <param name="Institution">The institution they gave, if the campaign asks for it.</param>
/// <param name="ProfessionalStatus">The status they gave, if the campaign asks for it.</param>
/// <param name="Discipline">The discipline they gave, if the campaign asks for it.</param>
/// <param name="City">The city they gave, if the campaign asks for it.</param>
/// <param name="Country">The country they gave, if the campaign asks for it.</param>
/// <param name="OrganisationKind">For an organisation, its kind's code (association, union…).</param>
/// <param name="VerifiedInstitution">The institution whose email domain the signer confirmed from, when the campaign recognises it.</param>
/// <param name="ConfirmedAt">When the signature was confirmed (UTC).</param>
/// <param name="Details">The answers to the campaign's own fields that it shows publicly; null when none.</param>
public sealed record ApiSignatory(long Id, string Kind, string? Name, string? Institution, string? ProfessionalStatus, string? Discipline,
    string? City, string? Country, string? OrganisationKind, string? VerifiedInstitution, DateTime ConfirmedAt, IReadOnlyList<ApiDetail>? Details);

/// <summary>An answer to one of the campaign's own fields.</summary>
/// <param name="Label">The field's label, in the campaign's default language.</param>
/// <param name="Value">The answer.</param>
public sealed record ApiDetail(string Label, string Value);

/// <summary>A page of public signatories, newest first.</summary>
/// <param name="Signatories">At most <c>limit</c> signatories.</param>
/// <param name="Next">The address of the next (older) page, or null on the last one. Also sent as <c>Link: &lt;…&gt;; rel="next"</c>.</param>
public sealed record ApiSignatoryPage(IReadOnlyList<ApiSignatory> Signatories, string? Next);
