using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The signer fields a campaign adds to the built-in ones (up to ten). The page is one form: every
/// button saves all that was typed in it, the new field included, then does its own part (removing
/// one); a refusal saves nothing and shows it all again as typed. A field that some signer has filled
/// cannot be removed, since their answer would go with it: it can be set to "not asked" instead,
/// which also takes it off the public list.
/// </summary>
public sealed class EditCustomFields(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public sealed class Row
    {
        public int Id { get; set; }
        public string? LabelFr { get; set; }
        public string? LabelEn { get; set; }
        public FieldRule Rule { get; set; } = FieldRule.Optional;
        public bool ShownPublicly { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(LabelFr) && string.IsNullOrWhiteSpace(LabelEn);
    }

    public sealed class Form
    {
        public List<Row> Rows { get; set; } = [];
        /// <summary>The field to add; without a label, nothing is added.</summary>
        public Row New { get; set; } = new();
        /// <summary>The field whose remove button was pressed.</summary>
        public int? Remove { get; set; }
    }

    /// <summary>The field an error about a custom field is shown by: its inputs' id prefix.</summary>
    public static string FieldOf(int? fieldId) => fieldId is int id ? $"field-{id}" : "new-field";

    public async Task<EditResult> HandleAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation)
            .Include(c => c.Texts)
            .Include(c => c.CustomFields).ThenInclude(f => f.Labels)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var languages = BilingualLabels.LanguagesOf(campaign);
        var errors = new FormErrors();
        // A row whose field another editor removed meanwhile is gone: nothing to save in it.
        var rows = form.Rows
            .Select(row => (Row: row, Field: campaign.CustomFields.FirstOrDefault(f => f.Id == row.Id)))
            .Where(r => r.Field is not null)
            .ToList();
        var removed = form.Remove is int removeId ? campaign.CustomFields.FirstOrDefault(f => f.Id == removeId) : null;
        foreach (var (row, field) in rows.Where(r => r.Field != removed))
        {
            Validate(row, FieldOf(field!.Id), languages, errors);
        }
        var adding = !form.New.IsBlank;
        if (adding)
        {
            Validate(form.New, FieldOf(null), languages, errors);
            if (campaign.CustomFields.Count - (removed is null ? 0 : 1) >= CampaignLimits.MaxCustomFields)
            {
                errors.Add(FieldOf(null), "TooManyFields", CampaignLimits.MaxCustomFields);
            }
        }
        if (removed is not null && await db.SignatureFieldValues.AnyAsync(v => v.CustomFieldId == removed.Id, cancellationToken))
        {
            errors.Add(FieldOf(removed.Id), "FieldHasValues");
        }
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }

        var saved = new List<string>();
        foreach (var (row, field) in rows.Where(r => r.Field != removed))
        {
            var before = Describe(field!);
            field!.Rule = row.Rule;
            field.ShownPublicly = row.ShownPublicly;
            SetLabels(field, row);
            if (Describe(field) != before)
            {
                audit.Record(organisation, "field.edit", $"field:{field.Id}", $"{row.Rule}, {(row.ShownPublicly ? "public" : "private")}");
                saved.Add("FieldsChanged");
            }
        }
        if (adding)
        {
            var field = new CustomField
            {
                Position = campaign.CustomFields.Select(f => f.Position).DefaultIfEmpty(0).Max() + 1,
                Rule = form.New.Rule,
                ShownPublicly = form.New.ShownPublicly,
            };
            SetLabels(field, form.New);
            campaign.CustomFields.Add(field);
            audit.Record(organisation, "field.add", $"campaign:{campaign.Id}", (form.New.LabelFr ?? form.New.LabelEn)!.Trim());
            saved.Add("FieldAdded");
        }
        if (removed is not null)
        {
            db.RemoveRange(removed.Labels);
            db.CustomFields.Remove(removed);
            audit.Record(organisation, "field.remove", $"field:{removed.Id}");
            saved.Add("FieldRemoved");
        }
        if (saved.Count > 0)
        {
            await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        }
        return EditResult.Did([.. saved.Distinct()]);
    }

    private static string Describe(CustomField field) =>
        $"{field.Rule}|{field.ShownPublicly}|{string.Join("|", field.Labels.OrderBy(l => l.Language).Select(l => l.Language + ":" + l.Text))}";

    private static void Validate(Row row, string field, IReadOnlyCollection<string> languages, FormErrors errors)
    {
        if (BilingualLabels.Check(languages, row.LabelFr, row.LabelEn, CampaignLimits.FieldLabel) is { } labelError)
        {
            errors.Add(field, labelError);
        }
        else if (!Enum.IsDefined(row.Rule))
        {
            errors.Add(field, "ChoiceInvalid");
        }
    }

    private static void SetLabels(CustomField field, Row row) =>
        BilingualLabels.Write(field.Labels, row.LabelFr, row.LabelEn,
            label => label.Language, (label, text) => label.Text = text,
            (language, text) => new CustomFieldLabel { Language = language, Text = text });
}
