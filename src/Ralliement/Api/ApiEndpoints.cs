using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Ralliement.Campaigns;
using Ralliement.Statistics;

namespace Ralliement.Api;

/// <summary>
/// The answers of <c>/api/v1</c>, each from the handler its public page uses, under the same rules:
/// published campaigns only, confirmed signatures their signers chose to show, never an address.
/// The doc comments of these methods describe the operations' parameters in the OpenAPI document.
/// </summary>
public static class ApiEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <summary>Lists the organisations that publish at least one campaign.</summary>
    public static async Task<Ok<ApiOrganisationList>> GetOrganisations(ReadOrganisations read, CancellationToken cancellationToken)
    {
        var organisations = await read.ListAsync(cancellationToken);
        return TypedResults.Ok(new ApiOrganisationList([.. organisations.Select(Organisation)]));
    }

    /// <summary>Reads one organisation.</summary>
    /// <param name="org">The organisation's slug.</param>
    public static async Task<Results<Ok<ApiOrganisation>, ProblemHttpResult>> GetOrganisation(string org, ReadOrganisations read, CancellationToken cancellationToken) =>
        await read.ReadAsync(org, cancellationToken) is { } organisation
            ? TypedResults.Ok(Organisation(organisation))
            : NotFound("No organisation publishes a campaign under that name.");

    /// <summary>Lists published campaigns, newest first.</summary>
    /// <param name="state">Only campaigns in this state: open, closed or archived.</param>
    /// <param name="organisation">Only the campaigns of the organisation with this slug.</param>
    /// <param name="after">The id of the last campaign of the previous page: this page lists older ones.</param>
    /// <param name="limit">How many campaigns a page holds, from 1 to 100 (50 unless given).</param>
    public static async Task<Results<Ok<ApiCampaignList>, ProblemHttpResult>> GetCampaigns(string? state, string? organisation, int? after, int? limit,
        ListCampaigns list, HttpContext http, CancellationToken cancellationToken)
    {
        CampaignState? wanted = state switch
        {
            null => null,
            "open" => CampaignState.Open,
            "closed" => CampaignState.Closed,
            "archived" => CampaignState.Archived,
            _ => (CampaignState?)CampaignState.Draft,
        };
        if (wanted == CampaignState.Draft)
        {
            return BadRequest("state is open, closed or archived.");
        }
        if (PagingProblem(after, limit) is { } problem)
        {
            return problem;
        }
        var size = limit ?? DefaultLimit;
        var (items, more) = await list.HandleAsync(wanted, organisation, after, size, cancellationToken);
        var next = more
            ? "/api/v1/campaigns?" + Query(("state", state), ("organisation", organisation), ("after", Number(items[^1].Id)), ("limit", limit is null ? null : Number(size)))
            : null;
        return TypedResults.Ok(new ApiCampaignList([.. items.Select(CampaignSummary)], WithNextLink(http, next)));
    }

    /// <summary>Reads a published campaign with its texts in every language.</summary>
    /// <param name="slug">The campaign's slug, as in its address (<c>/fr/c/{slug}</c>).</param>
    public static async Task<Results<Ok<ApiCampaign>, ProblemHttpResult>> GetCampaign(string slug, ReadCampaign readCampaign, ReadCampaignTexts readTexts,
        CancellationToken cancellationToken)
    {
        if (await readCampaign.HandleAsync(slug, Languages.Default, cancellationToken) is not { } campaign)
        {
            return NoCampaign();
        }
        var (defaultLanguage, texts) = await readTexts.HandleAsync(campaign.Id, cancellationToken);
        return TypedResults.Ok(new ApiCampaign(
            campaign.Slug, Kind(campaign.Kind), State(campaign.State), new ApiPublisher(campaign.Organisation.Slug, campaign.Organisation.Name),
            defaultLanguage, [.. texts.Select(t => t.Language)], campaign.AcceptsSignatures,
            campaign.PublishedAt, campaign.OpensAt, campaign.ClosesAt, campaign.ClosedAt, campaign.ArchivedAt,
            campaign.SignatureCount, campaign.PersonCount, campaign.OrganisationCount, campaign.Goal, campaign.NextGoal,
            [.. texts.Select(t => new ApiCampaignText(t.Language, t.Title, t.Summary, t.BodyHtml, t.BodyMarkdown, t.Version, t.AmendedAt, t.AmendmentNote))],
            CampaignLinks(campaign.Slug, defaultLanguage)));
    }

    /// <summary>Lists the versions of a campaign's texts in every language.</summary>
    /// <param name="slug">The campaign's slug.</param>
    public static async Task<Results<Ok<ApiVersionList>, ProblemHttpResult>> GetVersions(string slug, ReadCampaign readCampaign, ReadCampaignTexts readTexts,
        ReadTextVersions readVersions, CancellationToken cancellationToken)
    {
        if (await readCampaign.HandleAsync(slug, Languages.Default, cancellationToken) is not { } campaign)
        {
            return NoCampaign();
        }
        var entries = new List<ApiVersionEntry>();
        foreach (var text in (await readTexts.HandleAsync(campaign.Id, cancellationToken)).Texts)
        {
            var inLanguage = text.Language == campaign.Language ? campaign : await readCampaign.HandleAsync(slug, text.Language, cancellationToken);
            if (inLanguage is null)
            {
                continue;
            }
            entries.AddRange((await readVersions.ListAsync(inLanguage, cancellationToken)).Select(v =>
                new ApiVersionEntry(text.Language, v.Number, v.From, v.To, $"{CampaignPath(slug)}/versions/{text.Language}/{Number(v.Number)}")));
        }
        return TypedResults.Ok(new ApiVersionList(entries));
    }

    /// <summary>Reads one version of a campaign's text, the current one or one it replaced.</summary>
    /// <param name="slug">The campaign's slug.</param>
    /// <param name="lang">The text's language: fr or en.</param>
    /// <param name="number">The version's number, 1 for the text first published.</param>
    public static async Task<Results<Ok<ApiTextVersion>, ProblemHttpResult>> GetVersion(string slug, string lang, int number, ReadCampaign readCampaign,
        ReadTextVersions readVersions, CancellationToken cancellationToken)
    {
        if (await readCampaign.HandleAsync(slug, lang, cancellationToken) is not { } campaign)
        {
            return NoCampaign();
        }
        if (campaign.Language != lang)
        {
            return NotFound("The campaign has no text in that language.");
        }
        if (number == campaign.TextVersion)
        {
            return TypedResults.Ok(new ApiTextVersion(lang, number, campaign.Title, campaign.Summary, campaign.BodyHtml, null));
        }
        return await readVersions.ReadAsync(campaign, number, cancellationToken) is { } text
            ? TypedResults.Ok(new ApiTextVersion(lang, text.Number, text.Title, text.Summary, text.BodyHtml, text.ReplacedAt))
            : NotFound("The text has no version by that number.");
    }

    /// <summary>Reads a campaign's live count.</summary>
    /// <param name="slug">The campaign's slug.</param>
    public static async Task<Results<Ok<ApiCount>, ProblemHttpResult>> GetCount(string slug, ReadCount readCount, TimeProvider clock, CancellationToken cancellationToken) =>
        await readCount.HandleAsync(slug, cancellationToken) is { } count
            ? TypedResults.Ok(new ApiCount(count.Slug, count.Count, count.Goal, clock.GetUtcNow().UtcDateTime))
            : NoCampaign();

    /// <summary>Lists the confirmed signatories who chose to appear publicly, newest first.</summary>
    /// <param name="slug">The campaign's slug.</param>
    /// <param name="kind">person (the default) or organisation: the two are listed apart, as on the campaign's pages.</param>
    /// <param name="after">The id of the last signatory of the previous page: this page lists older ones.</param>
    /// <param name="limit">How many signatories a page holds, from 1 to 100 (50 unless given).</param>
    public static async Task<Results<Ok<ApiSignatoryPage>, ProblemHttpResult>> GetSignatories(string slug, string? kind, long? after, int? limit,
        ReadCampaign readCampaign, ListSignatories listSignatories, HttpContext http, CancellationToken cancellationToken)
    {
        SignatoryKind? wanted = kind switch
        {
            null or "person" => SignatoryKind.Person,
            "organisation" => SignatoryKind.Organisation,
            _ => null,
        };
        if (wanted is null)
        {
            return BadRequest("kind is person or organisation.");
        }
        if (PagingProblem(after, limit) is { } problem)
        {
            return problem;
        }
        if (await readCampaign.HandleAsync(slug, Languages.Default, cancellationToken) is not { } campaign)
        {
            return NoCampaign();
        }
        var size = limit ?? DefaultLimit;
        var page = await listSignatories.HandleAsync(campaign, wanted.Value, null, before: after, after: null, size, cancellationToken);
        var next = page.Older is long older
            ? $"{CampaignPath(slug)}/signatories?" + Query(("kind", kind), ("after", Number(older)), ("limit", limit is null ? null : Number(size)))
            : null;
        // The list leaves out anonymous signers whose address verified nothing, and names no anonymous one.
        var shown = page.Signatories.Select(s => Signatory(s, wanted.Value));
        return TypedResults.Ok(new ApiSignatoryPage([.. shown], WithNextLink(http, next)));
    }

    /// <summary>
    /// Reads a campaign's statistics: the count day by day and by each field it collects, small categories
    /// grouped as on its statistics page (the same figures as its <c>stats.json</c>), counted every few minutes.
    /// </summary>
    /// <param name="slug">The campaign's slug.</param>
    /// <param name="lang">The language of the labels: fr (the default) or en.</param>
    public static async Task<Results<Ok<CampaignStatistics>, ProblemHttpResult>> GetStatistics(string slug, string? lang, ReadStatistics read,
        IOptions<StatisticsOptions> options, HttpContext http, CancellationToken cancellationToken)
    {
        if (lang is not null && !Languages.Supported.Contains(lang))
        {
            return BadRequest("lang is fr or en.");
        }
        // The labels are the statistics page's, in the language asked for rather than the path's.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang ?? Languages.Default);
        if (await read.HandleAsync(slug, lang ?? Languages.Default, cancellationToken) is not { } result)
        {
            return NoCampaign();
        }
        StatisticsServices.Public(http, options.Value);
        return TypedResults.Ok(result.Statistics);
    }

    /// <summary>A signer listed anonymously shows as a verified member of their institution, with nothing that names them.</summary>
    private static ApiSignatory Signatory(ListSignatories.Signatory s, SignatoryKind kind) => s.Anonymous
        ? new(s.Id, kind == SignatoryKind.Organisation ? "organisation" : "person", null, null, null, null, null, null, null, s.VerifiedInstitution, s.ConfirmedAt, null)
        : new(s.Id, kind == SignatoryKind.Organisation ? "organisation" : "person", s.Name, s.Institution, s.ProfessionalStatus, s.Discipline,
            s.City, s.Country, s.OrganisationKind, s.VerifiedInstitution, s.ConfirmedAt, s.Details?.Select(d => new ApiDetail(d.Label, d.Value)).ToList());

    private static ApiOrganisation Organisation(ReadOrganisations.Item o)
    {
        var slug = Uri.EscapeDataString(o.Slug);
        return new ApiOrganisation(o.Slug, o.Name, o.CampaignCount, new ApiOrganisationLinks(
            $"/api/v1/organisations/{slug}", $"/api/v1/campaigns?organisation={slug}", $"/fr/o/{slug}/privacy", $"/fr/o/{slug}/legal"));
    }

    private static ApiCampaignSummary CampaignSummary(ListCampaigns.Item c) => new(
        c.Id, c.Slug, Kind(c.Kind), State(c.State), c.Organisation, c.DefaultLanguage,
        [.. c.Texts.Select(t => new ApiTitle(t.Language, t.Title, t.Summary))], c.Count, c.Goal, c.PublishedAt,
        CampaignLinks(c.Slug, c.DefaultLanguage));

    private static ApiCampaignLinks CampaignLinks(string slug, string language) => new(
        CampaignPath(slug), $"{CampaignPath(slug)}/count", $"{CampaignPath(slug)}/signatories", $"{CampaignPath(slug)}/versions",
        $"/{language}/c/{Uri.EscapeDataString(slug)}");

    private static string CampaignPath(string slug) => $"/api/v1/campaigns/{Uri.EscapeDataString(slug)}";

    private static string Kind(CampaignKind kind) => JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    private static string State(CampaignState state) => JsonNamingPolicy.CamelCase.ConvertName(state.ToString());

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters) =>
        string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    /// <summary>The next page's address, also as an RFC 8288 <c>Link</c> header for clients that follow those.</summary>
    private static string? WithNextLink(HttpContext http, string? next)
    {
        if (next is not null)
        {
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        return next;
    }

    private static ProblemHttpResult? PagingProblem(long? after, int? limit) =>
        after is <= 0 ? BadRequest("after is the id of the last item of the previous page, a whole number above 0.")
        : limit is < 1 or > MaxLimit ? BadRequest($"limit is a whole number from 1 to {MaxLimit}.")
        : null;

    private static ProblemHttpResult NoCampaign() => NotFound("No published campaign has that slug.");

    private static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest);
}
