using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The signer fields a campaign adds to the built-in ones (up to ten). A field that some signer has
/// filled cannot be removed, since their answer would go with it; it can be hidden instead.
/// </summary>
public sealed class EditCustomFields(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public sealed class Form
    {
        public string? LabelFr { get; set; }
        public string? LabelEn { get; set; }
        public FieldRule Rule { get; set; } = FieldRule.Optional;
        public bool ShownPublicly { get; set; }
    }


    public async Task<EditResult> AddAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).Include(c => c.CustomFields)
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var errors = Validate(form);
        if (campaign.CustomFields.Count >= CampaignLimits.MaxCustomFields)
        {
            errors.Add("Field", "TooManyFields");
        }
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }
        var field = new CustomField
        {
            Position = campaign.CustomFields.Select(f => f.Position).DefaultIfEmpty(0).Max() + 1,
            Rule = form.Rule,
            ShownPublicly = form.ShownPublicly,
        };
        SetLabels(field, form);
        campaign.CustomFields.Add(field);
        audit.Record(organisation, "field.add", $"campaign:{campaign.Id}", form.LabelFr!.Trim());
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    public async Task<EditResult> SaveAsync(OrganisationContext organisation, int campaignId, int fieldId, Form form, CancellationToken cancellationToken)
    {
        var field = await FindAsync(organisation, campaignId, fieldId, cancellationToken);
        if (field is null)
        {
            return EditResult.NotFound;
        }
        var errors = Validate(form);
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }
        field.Rule = form.Rule;
        field.ShownPublicly = form.ShownPublicly;
        SetLabels(field, form);
        audit.Record(organisation, "field.edit", $"field:{field.Id}", $"{form.Rule}, {(form.ShownPublicly ? "public" : "private")}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    public async Task<EditResult> RemoveAsync(OrganisationContext organisation, int campaignId, int fieldId, CancellationToken cancellationToken)
    {
        var field = await FindAsync(organisation, campaignId, fieldId, cancellationToken);
        if (field is null)
        {
            return EditResult.NotFound;
        }
        if (await db.SignatureFieldValues.AnyAsync(v => v.CustomFieldId == field.Id, cancellationToken))
        {
            return EditResult.Refused(new FormErrors { { "Field", "FieldHasValues" } });
        }
        db.RemoveRange(field.Labels);
        db.CustomFields.Remove(field);
        audit.Record(organisation, "field.remove", $"field:{field.Id}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    /// <summary>What a field with answers gets instead of removal: no longer asked, no longer shown.</summary>
    public async Task<EditResult> HideAsync(OrganisationContext organisation, int campaignId, int fieldId, CancellationToken cancellationToken)
    {
        var field = await FindAsync(organisation, campaignId, fieldId, cancellationToken);
        if (field is null)
        {
            return EditResult.NotFound;
        }
        field.Rule = FieldRule.Hidden;
        field.ShownPublicly = false;
        audit.Record(organisation, "field.hide", $"field:{field.Id}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    private async Task<CustomField?> FindAsync(OrganisationContext organisation, int campaignId, int fieldId, CancellationToken cancellationToken) =>
        await db.CustomFields.Include(f => f.Labels)
            .Where(f => f.Id == fieldId && f.CampaignId == campaignId && db.CampaignsOf(organisation).Any(c => c.Id == f.CampaignId))
            .FirstOrDefaultAsync(cancellationToken);

    private static FormErrors Validate(Form form)
    {
        var errors = new FormErrors();
        if (BilingualLabels.Check(form.LabelFr, form.LabelEn, CampaignLimits.FieldLabel) is { } labelError)
        {
            errors.Add("Label", labelError);
        }
        if (!Enum.IsDefined(form.Rule))
        {
            errors.Add("Rule", "ChoiceInvalid");
        }
        return errors;
    }

    private static void SetLabels(CustomField field, Form form) =>
        BilingualLabels.Write(field.Labels, form.LabelFr!, form.LabelEn!,
            label => label.Language, (label, text) => label.Text = text,
            (language, text) => new CustomFieldLabel { Language = language, Text = text });
}
