using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Campaigns;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// Writes a campaign's text in one language. A draft changes freely. Once the campaign has been
/// published, people signed a given text: a change needs a note said publicly ("amended on…"), and
/// the text it replaces is kept as a version anyone can read.
/// </summary>
public sealed class EditCampaignText(RalliementDb db, Audit audit, TimeProvider clock, IOutputCacheStore publicPages)
{
    public sealed class Form
    {
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Body { get; set; }
        public string? AmendmentNote { get; set; }

        public string TrimmedTitle => Title?.Trim() ?? "";
        public string TrimmedSummary => Summary?.Trim() ?? "";
        /// <summary>Line ends as one form: browsers post CRLF, and a text must not look amended for that.</summary>
        public string NormalisedBody => (Body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
    }

    public sealed record Editing(int CampaignId, string Slug, string DefaultLanguage, bool Published, CampaignText? Text);

    /// <summary>The campaign and its text in the language, or null when the campaign is not the organisation's.</summary>
    public async Task<Editing?> ReadAsync(OrganisationContext organisation, int campaignId, string language, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new { c.Id, c.Slug, c.DefaultLanguage, c.PublishedAt, Text = c.Texts.FirstOrDefault(t => t.Language == language) })
            .FirstOrDefaultAsync(cancellationToken);
        return campaign is null ? null : new Editing(campaign.Id, campaign.Slug, campaign.DefaultLanguage, campaign.PublishedAt is not null, campaign.Text);
    }

    public static FormErrors Validate(Form form)
    {
        var errors = new FormErrors();
        if (form.TrimmedTitle.Length == 0)
        {
            errors.Add("Title", "TitleRequired");
        }
        else if (form.TrimmedTitle.Length > CampaignLimits.Title)
        {
            errors.Add("Title", "TitleTooLong");
        }
        if (form.TrimmedSummary.Length > CampaignLimits.Summary)
        {
            errors.Add("Summary", "SummaryTooLong");
        }
        if (form.NormalisedBody.Length > CampaignLimits.Body)
        {
            errors.Add("Body", "BodyTooLong");
        }
        if (form.AmendmentNote?.Trim().Length > CampaignLimits.AmendmentNote)
        {
            errors.Add("AmendmentNote", "AmendmentNoteTooLong");
        }
        return errors;
    }

    public enum Outcome { Saved, Unchanged, NotFound, Refused }

    public sealed record Result(Outcome Outcome, FormErrors Errors);

    public async Task<Result> HandleAsync(OrganisationContext organisation, int campaignId, string language, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).Include(c => c.Texts)
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null || !Languages.IsSupported(language))
        {
            return new Result(Outcome.NotFound, FormErrors.None);
        }
        var errors = Validate(form);
        if (errors.Any)
        {
            return new Result(Outcome.Refused, errors);
        }
        var title = form.TrimmedTitle;
        var summary = form.TrimmedSummary;
        var body = form.NormalisedBody;
        var now = clock.GetUtcNow().UtcDateTime;
        var text = campaign.Texts.FirstOrDefault(t => t.Language == language);
        string action;
        if (text is null)
        {
            campaign.Texts.Add(new CampaignText { Language = language, Title = title, Summary = summary, BodyMarkdown = body, BodyHtml = CampaignMarkdown.ToSafeHtml(body) });
            action = "campaign.text";
        }
        else if (text.Title == title && text.Summary == summary && text.BodyMarkdown == body)
        {
            return new Result(Outcome.Unchanged, FormErrors.None);
        }
        else if (campaign.PublishedAt is null)
        {
            (text.Title, text.Summary, text.BodyMarkdown, text.BodyHtml) = (title, summary, body, CampaignMarkdown.ToSafeHtml(body));
            action = "campaign.text";
        }
        else
        {
            var note = form.AmendmentNote?.Trim() ?? "";
            if (note.Length == 0)
            {
                return new Result(Outcome.Refused, new FormErrors { { "AmendmentNote", "AmendmentNoteRequired" } });
            }
            db.CampaignTextVersions.Add(new CampaignTextVersion
            {
                CampaignId = campaign.Id,
                Language = language,
                Version = text.Version,
                Title = text.Title,
                Summary = text.Summary,
                BodyMarkdown = text.BodyMarkdown,
                BodyHtml = text.BodyHtml,
                ReplacedAt = now,
            });
            (text.Title, text.Summary, text.BodyMarkdown, text.BodyHtml) = (title, summary, body, CampaignMarkdown.ToSafeHtml(body));
            text.Version++;
            text.AmendedAt = now;
            text.AmendmentNote = note;
            action = "campaign.amend";
        }
        audit.Record(organisation, action, $"campaign:{campaign.Id}", $"{language} v{text?.Version ?? 1}");
        await db.SaveChangesAsync(cancellationToken);
        if (campaign.State != CampaignState.Draft)
        {
            await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        return new Result(Outcome.Saved, FormErrors.None);
    }
}
