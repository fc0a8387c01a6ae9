using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>
/// The organisation's name, its public contact, its legal and privacy details, its accent colour
/// and its time zone, which the public pages of its campaigns show: changing them drops the cached
/// public pages.
/// </summary>
public sealed class UpdateOrganisationSettings(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public const int MinRetentionMonths = 1;
    public const int MaxRetentionMonths = 120;
    public const string DefaultColour = "default";
    public const string OwnColour = "own";
    /// <summary>What the colour picker starts from while the organisation has none: the site's own accent (site.css).</summary>
    public const string SuggestedColour = "#7a1f2b";

    /// <summary>The IANA time zones an owner may choose, by name; Windows names are translated.</summary>
    public static readonly IReadOnlyList<TimeZoneInfo> TimeZones = [.. TimeZoneInfo.GetSystemTimeZones()
        .Where(z => z.HasIanaId || TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out _))
        .Select(z => z.HasIanaId ? z : TimeZoneInfo.FindSystemTimeZoneById(TimeZoneInfo.TryConvertWindowsIdToIanaId(z.Id, out var iana) ? iana : z.Id))
        .DistinctBy(z => z.Id)
        .OrderBy(z => z.Id, StringComparer.Ordinal)];

    public sealed class Form
    {
        // Nullable: model binding turns an empty or blank input into null.
        public string? Name { get; set; }
        public string? ContactEmail { get; set; }
        public string? PostalAddress { get; set; }
        public string? DataController { get; set; }
        public string? LegalNotice { get; set; }
        public string? RetentionMonths { get; set; }
        /// <summary><see cref="DefaultColour"/> for no colour of the organisation's own, <see cref="OwnColour"/> for <see cref="AccentColour"/>; absent keeps the current colour.</summary>
        public string? AccentChoice { get; set; }
        /// <summary>"#rrggbb", as an <c>input type=color</c> sends it.</summary>
        public string? AccentColour { get; set; }
        /// <summary>An IANA id of <see cref="TimeZones"/>; absent keeps the current zone.</summary>
        public string? TimeZone { get; set; }
        /// <summary>A name of <see cref="UnprovenSignatureRule"/> (see <see cref="Organisation.UnprovenSignatures"/>); absent keeps the current rule.</summary>
        public string? UnprovenSignatures { get; set; }

        public static Form Of(Organisation o) => new()
        {
            Name = o.Name,
            ContactEmail = o.ContactEmail,
            PostalAddress = o.PostalAddress,
            DataController = o.DataController,
            LegalNotice = o.LegalNotice,
            RetentionMonths = o.RetentionMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AccentChoice = o.AccentColour is null ? DefaultColour : OwnColour,
            AccentColour = o.AccentColour ?? SuggestedColour,
            TimeZone = o.TimeZone,
            UnprovenSignatures = o.UnprovenSignatures.ToString(),
        };
    }

    public Task<Organisation> ReadAsync(OrganisationContext organisation, CancellationToken cancellationToken) =>
        db.Organisations.SingleAsync(o => o.Id == organisation.Id, cancellationToken);

    /// <returns>Messages keyed by field name; empty when saved.</returns>
    public async Task<FormErrors> HandleAsync(OrganisationContext organisation, Form form, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors.Add(nameof(Form.Name), "SettingsNameInvalid");
        }
        // Optional, but never guessed: until an owner gives one, campaigns cannot be published.
        EmailAddress? contact = null;
        if (!string.IsNullOrWhiteSpace(form.ContactEmail) && (!EmailAddress.TryParse(form.ContactEmail.Trim(), out contact) || contact is null))
        {
            errors.Add(nameof(Form.ContactEmail), "SettingsEmailInvalid");
        }
        var postalAddress = Optional(form.PostalAddress, 500, nameof(Form.PostalAddress), errors);
        var dataController = Optional(form.DataController, 500, nameof(Form.DataController), errors);
        var legalNotice = Optional(form.LegalNotice, 4000, nameof(Form.LegalNotice), errors);
        if (!int.TryParse(form.RetentionMonths?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var months)
            || months is < MinRetentionMonths or > MaxRetentionMonths)
        {
            errors.Add(nameof(Form.RetentionMonths), "SettingsRetentionInvalid", MinRetentionMonths, MaxRetentionMonths);
        }
        string? accent = null;
        if (form.AccentChoice is not (null or DefaultColour))
        {
            accent = AccentColour.Parse(form.AccentColour);
            if (accent is null)
            {
                errors.Add(nameof(Form.AccentColour), "SettingsColourInvalid");
            }
            else if (!AccentColour.IsReadableWithWhiteText(accent))
            {
                // Rounded down, so that a refused 4.48 never reads as the 4.5 asked for.
                errors.Add(nameof(Form.AccentColour), "SettingsColourTooLight", Math.Floor(AccentColour.ContrastRatio(AccentColour.White, accent) * 10) / 10);
            }
        }
        var timeZone = form.TimeZone?.Trim();
        if (timeZone is not null && !TimeZones.Any(z => z.Id == timeZone))
        {
            errors.Add(nameof(Form.TimeZone), "SettingsTimeZoneInvalid");
        }
        UnprovenSignatureRule? unproven = null;
        if (!string.IsNullOrEmpty(form.UnprovenSignatures))
        {
            // Names only: Enum.TryParse would also take "1" or "7".
            unproven = Enum.GetValues<UnprovenSignatureRule>().Cast<UnprovenSignatureRule?>()
                .FirstOrDefault(rule => string.Equals(rule.ToString(), form.UnprovenSignatures, StringComparison.Ordinal));
            if (unproven is null)
            {
                errors.Add(nameof(Form.UnprovenSignatures), "SettingsUnprovenInvalid");
            }
        }
        if (errors.Any)
        {
            return errors;
        }
        var row = await ReadAsync(organisation, cancellationToken);
        row.Name = name;
        row.ContactEmail = contact?.Address;
        row.PostalAddress = postalAddress;
        row.DataController = dataController;
        row.LegalNotice = legalNotice;
        row.RetentionMonths = months;
        row.AccentColour = form.AccentChoice is null ? row.AccentColour : accent;
        row.TimeZone = timeZone ?? row.TimeZone;
        row.UnprovenSignatures = unproven ?? row.UnprovenSignatures;
        var changed = db.Entry(row).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        if (changed.Count > 0)
        {
            audit.Record(organisation, "organisation.settings", $"organisation:{organisation.Id}", string.Join(", ", changed));
            await db.SaveChangesAsync(cancellationToken);
            await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
        }
        return errors;
    }

    private static string? Optional(string? value, int maxLength, string field, FormErrors errors)
    {
        // Browsers send text areas' line breaks as CRLF; stored as LF so the length is what people typed.
        var trimmed = value?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (trimmed is { Length: > 0 } && trimmed.Length > maxLength)
        {
            errors.Add(field, "SettingsTooLong", maxLength);
        }
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
