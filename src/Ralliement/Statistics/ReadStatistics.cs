using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ralliement.Campaigns;
using Ralliement.Organisers;

namespace Ralliement.Statistics;

/// <summary>
/// A campaign's statistics from the figures at hand (<see cref="CampaignSnapshots"/>): for the public,
/// with the small-count rule applied; for its organisers, as counted, with the last hours and where
/// signatures came from. The page, <c>stats.json</c> and <c>stats.csv</c> all come from here.
/// </summary>
public sealed class ReadStatistics(ReadCampaign readCampaign, RalliementDb db, CampaignSnapshots snapshots, IOptions<StatisticsOptions> options,
    TimeProvider clock, IStringLocalizer<StatisticsText> text)
{
    public sealed record Result(ReadCampaign.View Campaign, CampaignStatistics Statistics);

    /// <summary>A published campaign's public statistics, or null when there is no such campaign.</summary>
    public async Task<Result?> HandleAsync(string slug, string language, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, language, cancellationToken);
        return campaign is null ? null : await BuildAsync(campaign, options.Value.PublicRefresh, grouped: true, cancellationToken);
    }

    /// <summary>One of the organisation's campaigns, drafts included, as counted; null when it is not one of theirs.</summary>
    public async Task<Result?> ForOrganisersAsync(OrganisationContext organisation, int id, string language, CancellationToken cancellationToken)
    {
        var slug = await db.CampaignsOf(organisation).Where(c => c.Id == id).Select(c => c.Slug).FirstOrDefaultAsync(cancellationToken);
        var campaign = slug is null ? null : await readCampaign.HandleAsync(slug, language, cancellationToken, includeDraft: true);
        return campaign is null ? null : await BuildAsync(campaign, options.Value.OrganiserRefresh, grouped: false, cancellationToken);
    }

    private async Task<Result?> BuildAsync(ReadCampaign.View campaign, TimeSpan maxAge, bool grouped, CancellationToken cancellationToken)
    {
        var current = new CampaignSnapshots.Current(campaign.Id, campaign.SignatureCount, campaign.Goal, campaign.Organisation.TimeZone);
        var figures = await snapshots.GetAsync(current, maxAge, cancellationToken);
        if (figures is null)
        {
            return null;
        }
        var k = options.Value.K;
        var now = clock.GetUtcNow().UtcDateTime;
        var breakdowns = new List<Breakdown>();
        if (campaign.Commitments.Count > 0)
        {
            breakdowns.Add(Commitments(campaign, figures, grouped, k));
        }
        AffiliationFigures? affiliations = null;
        foreach (var (dimension, collected) in new[]
        {
            (Dimension.ProfessionalStatus, campaign.ProfessionalStatus != FieldRule.Hidden),
            (Dimension.Discipline, campaign.Discipline != FieldRule.Hidden),
            (Dimension.Institution, campaign.Institution != FieldRule.Hidden || figures.HasAffiliations),
            (Dimension.Country, campaign.Country != FieldRule.Hidden),
            (Dimension.Kind, campaign.AcceptsOrganisations || campaign.OrganisationCount > 0),
        })
        {
            if (!collected)
            {
                continue;
            }
            var (breakdown, hiddenVerified) = Single(dimension, figures, grouped, k);
            breakdowns.Add(breakdown);
            if (dimension == Dimension.Institution)
            {
                affiliations = Affiliations(figures, breakdown, hiddenVerified, grouped, k);
            }
        }
        var statistics = new CampaignStatistics(
            campaign.Slug,
            Languages.Current,
            CampaignStatistics.LicenceId,
            CampaignStatistics.LicenceLink,
            figures.ComputedAt,
            OrganisationTime.Id(figures.TimeZone),
            k,
            grouped,
            figures.Total,
            campaign.Goal,
            Days(campaign, figures, now),
            breakdowns,
            affiliations,
            grouped ? null : Hours(figures, now),
            grouped ? null : Single(Dimension.Source, figures, grouped, k).Breakdown);
        return new Result(campaign, statistics);
    }

    /// <summary>Every day from the first signature to today (to the last signature once the campaign is closed).</summary>
    private static List<DayFigure> Days(ReadCampaign.View campaign, CampaignFigures figures, DateTime now)
    {
        var today = DateOnly.FromDateTime(OrganisationTime.ToLocal(now, figures.TimeZone));
        if (figures.Days.Count == 0)
        {
            return campaign.State == CampaignState.Open ? [new DayFigure(today, 0, 0, false)] : [];
        }
        var first = figures.Days[0].Key;
        var last = figures.Days[^1].Key;
        if (campaign.State == CampaignState.Open && today > last)
        {
            last = today;
        }
        var counts = figures.Days.ToDictionary(d => d.Key, d => d.Value);
        var days = new List<DayFigure>(last.DayNumber - first.DayNumber + 1);
        var cumulative = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var count = counts.GetValueOrDefault(day);
            cumulative += count;
            days.Add(new DayFigure(day, count, cumulative, day < today));
        }
        return days;
    }

    private static List<HourFigure> Hours(CampaignFigures figures, DateTime now)
    {
        var current = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc);
        return [.. Enumerable.Range(0, ComputeCampaignFigures.HoursKept)
            .Select(i => current.AddHours(i + 1 - ComputeCampaignFigures.HoursKept))
            .Select(hour => new HourFigure(hour, figures.Hours.GetValueOrDefault(hour), hour < current))];
    }

    /// <summary>
    /// Commitments overlap (a signer ticks several), so "others" would mean nothing: a commitment is
    /// shown when both those who chose it and those who did not are none or at least k.
    /// </summary>
    private Breakdown Commitments(ReadCampaign.View campaign, CampaignFigures figures, bool grouped, int k)
    {
        var total = figures.Total;
        var all = campaign.Commitments
            .Select(c => new CategoryFigure(CategoryFigure.Value, c.Id.ToString(CultureInfo.InvariantCulture), c.Label, figures.Commitments.GetValueOrDefault(c.Id)))
            .OrderByDescending(c => c.Count)
            .ToList();
        var tooFew = grouped && total < k;
        var shown = tooFew ? [] : grouped ? all.Where(c => SmallCounts.CanShowPart(c.Count, total, k)).ToList() : all;
        return new Breakdown("commitment", text["Breakdown_commitment"], total, tooFew, Overlapping: true, tooFew ? 0 : all.Count - shown.Count, shown);
    }

    /// <returns>The breakdown, and the verified signatures it does not give one institution at a time.</returns>
    private (Breakdown Breakdown, int HiddenVerified) Single(Dimension dimension, CampaignFigures figures, bool grouped, int k)
    {
        var categories = figures.Breakdowns[dimension];
        var withVerified = dimension == Dimension.Institution && figures.HasAffiliations;
        var grouping = grouped
            ? SmallCounts.Apply(categories, c => c.Count, k)
            : new SmallCounts.Grouping<Category>([.. categories.OrderByDescending(c => c.Count)], [], false);
        var hiddenVerified = 0;
        var shown = new List<CategoryFigure>();
        foreach (var category in grouping.Shown.OrderBy(c => c.IsNotGiven).ThenByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.CurrentCulture))
        {
            int? verified = null;
            if (withVerified)
            {
                var canShow = !grouped || category.Verified == 0 || category.Verified >= k;
                verified = canShow ? category.Verified : null;
                hiddenVerified += canShow ? 0 : category.Verified;
            }
            shown.Add(new CategoryFigure(category.IsNotGiven ? CategoryFigure.NotGiven : CategoryFigure.Value, category.Key, Label(dimension, category), category.Count, Verified: verified));
        }
        if (grouping.Others.Count > 0)
        {
            hiddenVerified += grouping.Others.Sum(c => c.Verified);
            shown.Add(new CategoryFigure(CategoryFigure.Others, "", text["Others"], grouping.Others.Sum(c => c.Count), grouping.Others.Count));
        }
        var name = dimension switch
        {
            Dimension.ProfessionalStatus => "professionalStatus",
            _ => dimension.ToString().ToLowerInvariant(),
        };
        // Everything grouped as "others" says nothing the total does not: the breakdown is too small to show.
        var tooFew = grouping.TooFew || (grouping.Shown.Count == 0 && grouping.Others.Count > 0);
        return (new Breakdown(name, text["Breakdown_" + name], figures.Total, tooFew, Overlapping: false, 0, tooFew ? [] : shown), hiddenVerified);
    }

    private string Label(Dimension dimension, Category category) => dimension switch
    {
        Dimension.Kind or Dimension.Source => text[$"{dimension}_{category.Key}"],
        Dimension.Institution when category.IsNotGiven => text["NotGivenOrPrivate"],
        _ when category.IsNotGiven => text["NotGiven"],
        _ => category.Label,
    };

    /// <summary>
    /// The sentence's figures, each given only when the table above it gives it away already (the
    /// "not given" row stands alone) or it hides no small count (the verified ones the table keeps back
    /// are none or at least k).
    /// </summary>
    private static AffiliationFigures Affiliations(CampaignFigures figures, Breakdown institutions, int hiddenVerified, bool grouped, int k)
    {
        var named = figures.Breakdowns[Dimension.Institution].Where(c => !c.IsNotGiven).ToList();
        var signatories = named.Sum(c => c.Count);
        int? verified = figures.HasAffiliations ? named.Sum(c => c.Verified) : null;
        if (!grouped)
        {
            return new AffiliationFigures(signatories, named.Count, verified);
        }
        var notGivenAlone = !institutions.TooFew && (signatories == figures.Total
            || institutions.Categories.Any(c => c.Kind == CategoryFigure.NotGiven));
        var verifiedShown = verified is int v && !institutions.TooFew && (v == 0 || v >= k) && (hiddenVerified == 0 || hiddenVerified >= k);
        return new AffiliationFigures(notGivenAlone ? signatories : null, notGivenAlone ? named.Count : null, verifiedShown ? verified : null);
    }
}
