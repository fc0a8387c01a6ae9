using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// A campaign's kind, goal, dates, signer fields and options. Dates are typed and shown in UTC: the
/// server stores UTC, and an organiser reading "UTC" next to the field is never misled by a
/// summer-time shift the page would otherwise apply silently.
/// </summary>
public sealed class ChangeCampaignSettings(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    /// <summary>What <c>&lt;input type="datetime-local"&gt;</c> posts (seconds are optional).</summary>
    private static readonly string[] DateFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public sealed class Form
    {
        public CampaignKind Kind { get; set; }
        public string? Goal { get; set; }
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
        public FieldRule Institution { get; set; }
        public FieldRule ProfessionalStatus { get; set; }
        public FieldRule Discipline { get; set; }
        public FieldRule City { get; set; }
        public FieldRule Country { get; set; }
        public bool AcceptsOrganisations { get; set; }
        public bool HoldsSignaturesForReview { get; set; }

        public static Form Of(Campaign c) => new()
        {
            Kind = c.Kind,
            Goal = c.Goal?.ToString(CultureInfo.InvariantCulture),
            OpensAt = ForInput(c.OpensAt),
            ClosesAt = ForInput(c.ClosesAt),
            Institution = c.Institution,
            ProfessionalStatus = c.ProfessionalStatus,
            Discipline = c.Discipline,
            City = c.City,
            Country = c.Country,
            AcceptsOrganisations = c.AcceptsOrganisations,
            HoldsSignaturesForReview = c.HoldsSignaturesForReview,
        };
    }

    public static string? ForInput(DateTime? at) => at?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);


    public async Task<EditResult> HandleAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var errors = new FormErrors();
        int? goal = null;
        if (!string.IsNullOrWhiteSpace(form.Goal))
        {
            if (int.TryParse(form.Goal.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= CampaignLimits.MaxGoal)
            {
                goal = value;
            }
            else
            {
                errors.Add("Goal", "GoalInvalid");
            }
        }
        var opensAt = ParseDate(form.OpensAt, "OpensAt", errors);
        var closesAt = ParseDate(form.ClosesAt, "ClosesAt", errors);
        if (opensAt is not null && closesAt is not null && closesAt <= opensAt)
        {
            errors.Add("ClosesAt", "ClosesBeforeOpens");
        }
        FieldRule[] rules = [form.Institution, form.ProfessionalStatus, form.Discipline, form.City, form.Country];
        if (!Enum.IsDefined(form.Kind) || rules.Any(r => !Enum.IsDefined(r)))
        {
            errors.Add("Kind", "ChoiceInvalid");
        }
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }

        campaign.Kind = form.Kind;
        campaign.Goal = goal;
        campaign.OpensAt = opensAt;
        campaign.ClosesAt = closesAt;
        campaign.Institution = form.Institution;
        campaign.ProfessionalStatus = form.ProfessionalStatus;
        campaign.Discipline = form.Discipline;
        campaign.City = form.City;
        campaign.Country = form.Country;
        campaign.AcceptsOrganisations = form.AcceptsOrganisations;
        campaign.HoldsSignaturesForReview = form.HoldsSignaturesForReview;
        var changed = db.Entry(campaign).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        if (changed.Count > 0)
        {
            audit.Record(organisation, "campaign.settings", $"campaign:{campaign.Id}", string.Join(", ", changed));
            await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        }
        return EditResult.Done;
    }

    private static DateTime? ParseDate(string? input, string field, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        if (DateTime.TryParseExact(input.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return DateTime.SpecifyKind(at, DateTimeKind.Utc);
        }
        errors.Add(field, "DateInvalid");
        return null;
    }
}
