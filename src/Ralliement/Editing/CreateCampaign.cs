using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// Starts a campaign as a draft: its slug (its public address, fixed from now on), its kind, its
/// default language and a title in that language. The text itself is written afterwards.
/// </summary>
public sealed class CreateCampaign(RalliementDb db, Audit audit, TimeProvider clock)
{
    public sealed class Form
    {
        public string? Slug { get; set; }
        public CampaignKind Kind { get; set; } = CampaignKind.Manifesto;
        public string? Language { get; set; }
        public string? Title { get; set; }
    }

    public sealed record Result(int? CampaignId, FormErrors Errors);

    public async Task<Result> HandleAsync(OrganisationContext organisation, Form form, CancellationToken cancellationToken)
    {
        var slug = form.Slug?.Trim() ?? "";
        var title = form.Title?.Trim() ?? "";
        var errors = new FormErrors();
        if (!SlugRule.IsValid(slug))
        {
            errors.Add("Slug", "SlugInvalid");
        }
        else if (await db.Campaigns.AnyAsync(c => c.Slug == slug, cancellationToken))
        {
            errors.Add("Slug", "SlugTaken");
        }
        if (!Enum.IsDefined(form.Kind))
        {
            errors.Add("Kind", "KindInvalid");
        }
        if (!Languages.IsSupported(form.Language))
        {
            errors.Add("Language", "LanguageInvalid");
        }
        if (title.Length == 0)
        {
            errors.Add("Title", "TitleRequired");
        }
        else if (title.Length > CampaignLimits.Title)
        {
            errors.Add("Title", "TitleTooLong");
        }
        if (errors.Any)
        {
            return new Result(null, errors);
        }

        var campaign = new Campaign
        {
            OrganisationId = organisation.Id,
            Slug = slug,
            Kind = form.Kind,
            State = CampaignState.Draft,
            DefaultLanguage = form.Language!,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        campaign.Texts.Add(new CampaignText { Language = form.Language!, Title = title, Summary = "", BodyMarkdown = "", BodyHtml = "" });
        db.Campaigns.Add(campaign);
        // The audit entry names the new id, known only after a first save: one transaction holds both.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            // Another organiser took the slug between the check and the insert.
            return new Result(null, new FormErrors { { "Slug", "SlugTaken" } });
        }
        audit.Record(organisation, "campaign.create", $"campaign:{campaign.Id}", $"{slug} ({form.Kind}, {form.Language})");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Result(campaign.Id, FormErrors.None);
    }
}
