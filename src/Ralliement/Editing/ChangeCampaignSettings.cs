using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// A campaign's kind, goal and next milestone, dates, signer fields and options. Dates are typed and
/// shown in the organisation's time zone and stored in UTC (<see cref="OrganisationTime"/>).
/// </summary>
public sealed class ChangeCampaignSettings(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public sealed class Form
    {
        public CampaignKind Kind { get; set; }
        public string? Goal { get; set; }
        public string? NextGoal { get; set; }
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
        public FieldRule Institution { get; set; }
        public FieldRule ProfessionalStatus { get; set; }
        public FieldRule Discipline { get; set; }
        public FieldRule City { get; set; }
        public FieldRule Country { get; set; }
        public bool AcceptsOrganisations { get; set; }
        public bool HoldsSignaturesForReview { get; set; }

        /// <summary>The campaign's settings as the form shows them, its dates in <paramref name="timeZone"/>.</summary>
        public static Form Of(Campaign c, string timeZone) => new()
        {
            Kind = c.Kind,
            Goal = c.Goal?.ToString(CultureInfo.InvariantCulture),
            NextGoal = c.NextGoal?.ToString(CultureInfo.InvariantCulture),
            OpensAt = OrganisationTime.ForInput(c.OpensAt, timeZone),
            ClosesAt = OrganisationTime.ForInput(c.ClosesAt, timeZone),
            Institution = c.Institution,
            ProfessionalStatus = c.ProfessionalStatus,
            Discipline = c.Discipline,
            City = c.City,
            Country = c.Country,
            AcceptsOrganisations = c.AcceptsOrganisations,
            HoldsSignaturesForReview = c.HoldsSignaturesForReview,
        };
    }

    public async Task<EditResult> HandleAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var errors = new FormErrors();
        var goal = ParseCount(form.Goal, "Goal", "GoalInvalid", errors);
        var nextGoal = ParseCount(form.NextGoal, "NextGoal", "NextGoalInvalid", errors);
        if (nextGoal is not null && !errors.Any)
        {
            if (goal is null)
            {
                errors.Add("NextGoal", "NextGoalWithoutGoal");
            }
            else if (nextGoal <= goal)
            {
                errors.Add("NextGoal", "NextGoalNotAbove", goal.Value);
            }
        }
        var opensAt = ParseDate(form.OpensAt, "OpensAt", organisation.TimeZone, errors);
        var closesAt = ParseDate(form.ClosesAt, "ClosesAt", organisation.TimeZone, errors);
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
        campaign.NextGoal = nextGoal;
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
            return EditResult.Did("Settings");
        }
        return EditResult.Did();
    }

    private static int? ParseCount(string? input, string field, string error, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        if (int.TryParse(input.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= CampaignLimits.MaxGoal)
        {
            return value;
        }
        errors.Add(field, error);
        return null;
    }

    private static DateTime? ParseDate(string? input, string field, string timeZone, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }
        if (OrganisationTime.ParseInput(input) is DateTime local)
        {
            return OrganisationTime.ToUtc(local, timeZone).Utc;
        }
        errors.Add(field, "DateInvalid");
        return null;
    }
}
