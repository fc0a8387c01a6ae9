using Ralliement.Campaigns;

namespace Ralliement.Signing;

/// <summary>
/// What a signer typed, once checked and normalised against the campaign's form. For an organisation,
/// the names and address are its representative's, who confirms by email.
/// </summary>
public sealed record SignerDetails
{
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required EmailAddress Email { get; init; }
    public string? Institution { get; init; }
    public string? ProfessionalStatus { get; init; }
    public string? Discipline { get; init; }
    /// <summary>The ids of the commitments ticked.</summary>
    public required IReadOnlyList<int> Commitments { get; init; }
    public required bool ShowPublicly { get; init; }
    /// <summary>
    /// Listed without the name, as an anonymous verified member of an institution the campaign
    /// declares; unverified, counted but not listed. Only for a person, where the campaign declares one.
    /// </summary>
    public bool ListedAnonymously { get; init; }
    public required bool AcceptsNews { get; init; }
    public SignatoryKind Kind { get; init; }
    public string? OrganisationName { get; init; }
    /// <summary>One of <see cref="OrganisationKinds.All"/>.</summary>
    public string? OrganisationKind { get; init; }
    public string? City { get; init; }
    public string? Country { get; init; }
    public IReadOnlyList<CustomValue> CustomValues { get; init; } = [];

    public sealed record CustomValue(int FieldId, string Value);

    /// <summary>The form's values of "I sign as".</summary>
    public const string AsPerson = "person";
    public const string AsOrganisation = "organisation";

    public sealed class Form
    {
        public string? SignAs { get; set; }
        public string? OrganisationName { get; set; }
        public string? OrganisationKind { get; set; }
        public string? City { get; set; }
        public string? Country { get; set; }
        /// <summary>Custom fields' values by field id, as posted under <see cref="ReadCampaign.CustomFieldView.InputName"/>.</summary>
        public Dictionary<int, string?> Custom { get; set; } = [];

        public bool SignsAsOrganisation => string.Equals(SignAs, AsOrganisation, StringComparison.Ordinal);

        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Institution { get; set; }
        public string? ProfessionalStatus { get; set; }
        public string? Discipline { get; set; }
        public List<int> Commitments { get; set; } = [];
        public bool ShowPublicly { get; set; }
        public bool ListedAnonymously { get; set; }
        public bool ConsentToProcessing { get; set; }
        public bool AcceptsNews { get; set; }
        /// <summary>The proof of work the form's script adds (see <see cref="ProofOfWork.Challenge"/>); absent without JavaScript.</summary>
        public string? ProofChallenge { get; set; }
        public string? ProofNonce { get; set; }
        /// <summary>The hidden field only robots fill (<see cref="AntiAbuse.Honeypot"/>).</summary>
        public string? Trap { get; set; }

        /// <summary>Reads a posted form; a value that is not a number or a checkbox's "true" counts as absent.</summary>
        public static Form Read(IFormCollection form) => new()
        {
            Trap = form[AntiAbuse.Honeypot.Field].FirstOrDefault(),
            FirstName = form[nameof(FirstName)].FirstOrDefault(),
            LastName = form[nameof(LastName)].FirstOrDefault(),
            Email = form[nameof(Email)].FirstOrDefault(),
            Institution = form[nameof(Institution)].FirstOrDefault(),
            ProfessionalStatus = form[nameof(ProfessionalStatus)].FirstOrDefault(),
            Discipline = form[nameof(Discipline)].FirstOrDefault(),
            SignAs = form[nameof(SignAs)].FirstOrDefault(),
            OrganisationName = form[nameof(OrganisationName)].FirstOrDefault(),
            OrganisationKind = form[nameof(OrganisationKind)].FirstOrDefault(),
            City = form[nameof(City)].FirstOrDefault(),
            Country = form[nameof(Country)].FirstOrDefault(),
            Custom = ReadCustom(form),
            Commitments = form[nameof(Commitments)]
                .Select(v => int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1)
                .ToList(),
            ShowPublicly = IsTicked(form, nameof(ShowPublicly)),
            ListedAnonymously = IsTicked(form, nameof(ListedAnonymously)),
            ConsentToProcessing = IsTicked(form, nameof(ConsentToProcessing)),
            AcceptsNews = IsTicked(form, nameof(AcceptsNews)),
            ProofChallenge = form[nameof(ProofChallenge)].FirstOrDefault(),
            ProofNonce = form[nameof(ProofNonce)].FirstOrDefault(),
        };

        // Any "Custom<id>" is kept here; only the campaign's own fields are read at validation.
        private static Dictionary<int, string?> ReadCustom(IFormCollection form)
        {
            var values = new Dictionary<int, string?>();
            foreach (var (name, value) in form)
            {
                if (name.StartsWith("Custom", StringComparison.Ordinal)
                    && int.TryParse(name.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    values[id] = value.FirstOrDefault();
                }
            }
            return values;
        }

        private static bool IsTicked(IFormCollection form, string name) =>
            string.Equals(form[name].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Checks every field and reports each problem, so the signer fixes them all at once.</summary>
    public static SignerDetails? Validate(Form form, ReadCampaign.View campaign, out FormErrors errors)
    {
        var problems = new FormErrors();
        // In the order of the form, so the summary of errors reads like it.
        var asOrganisation = campaign.AcceptsOrganisations && form.SignsAsOrganisation;
        string? organisationName = null, organisationKind = null;
        if (asOrganisation)
        {
            organisationName = Text(nameof(Form.OrganisationName), form.OrganisationName, FieldRule.Required, SignerLimits.Institution, problems);
            if (string.IsNullOrEmpty(form.OrganisationKind))
            {
                problems.Add(new FormError(nameof(Form.OrganisationKind), "Required"));
            }
            else if (!OrganisationKinds.IsKnown(form.OrganisationKind))
            {
                problems.Add(new FormError(nameof(Form.OrganisationKind), "UnknownOrganisationKind"));
            }
            else
            {
                organisationKind = form.OrganisationKind;
            }
        }

        var firstName = Text(nameof(Form.FirstName), form.FirstName, FieldRule.Required, SignerLimits.Name, problems);
        var lastName = Text(nameof(Form.LastName), form.LastName, FieldRule.Required, SignerLimits.Name, problems);

        EmailAddress? email = null;
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            problems.Add(new FormError(nameof(Form.Email), "Required"));
        }
        else if (form.Email.Length > EmailAddress.MaxLength)
        {
            problems.Add(new FormError(nameof(Form.Email), "TooLong", EmailAddress.MaxLength));
        }
        else if (!EmailAddress.TryParse(form.Email, out email))
        {
            problems.Add(new FormError(nameof(Form.Email), "InvalidEmail"));
        }

        // An organisation's representative is not asked about their own institution, status or discipline.
        FieldRule Personal(FieldRule rule) => asOrganisation ? FieldRule.Hidden : rule;
        var institution = Text(nameof(Form.Institution), form.Institution, Personal(campaign.Institution), SignerLimits.Institution, problems);
        var status = Text(nameof(Form.ProfessionalStatus), form.ProfessionalStatus, Personal(campaign.ProfessionalStatus), SignerLimits.Detail, problems);
        var discipline = Text(nameof(Form.Discipline), form.Discipline, Personal(campaign.Discipline), SignerLimits.Detail, problems);
        var city = Text(nameof(Form.City), form.City, campaign.City, SignerLimits.Detail, problems);
        var country = Text(nameof(Form.Country), form.Country, campaign.Country, SignerLimits.Detail, problems);

        var customValues = new List<CustomValue>();
        foreach (var field in campaign.CustomFields)
        {
            if (Text(field.InputName, form.Custom.GetValueOrDefault(field.Id), field.Rule, SignerLimits.Institution, problems) is { } value)
            {
                customValues.Add(new CustomValue(field.Id, value));
            }
        }

        var offered = campaign.Commitments.Select(c => c.Id).ToHashSet();
        var commitments = form.Commitments.Distinct().ToList();
        if (commitments.Any(id => !offered.Contains(id)))
        {
            problems.Add(new FormError(nameof(Form.Commitments), "UnknownCommitment"));
        }
        if (!form.ConsentToProcessing)
        {
            problems.Add(new FormError(nameof(Form.ConsentToProcessing), "ConsentRequired"));
        }

        var anonymous = form.ListedAnonymously && !asOrganisation && campaign.DeclaresInstitutions;

        errors = problems;
        return problems.Any
            ? null
            : new SignerDetails
            {
                FirstName = firstName!,
                LastName = lastName!,
                Email = email!,
                Institution = institution,
                ProfessionalStatus = status,
                Discipline = discipline,
                Commitments = commitments,
                // Listed anonymously is listed: it takes the place of the name, whichever box says so.
                ShowPublicly = form.ShowPublicly || anonymous,
                ListedAnonymously = anonymous,
                AcceptsNews = form.AcceptsNews,
                Kind = asOrganisation ? SignatoryKind.Organisation : SignatoryKind.Person,
                OrganisationName = organisationName,
                OrganisationKind = organisationKind,
                City = city,
                Country = country,
                CustomValues = customValues,
            };
    }

    /// <summary>Normalises and checks one free-text field; shared with the import of signatures from CSV.</summary>
    internal static string? Text(string field, string? input, FieldRule rule, int maxLength, FormErrors problems)
    {
        if (rule == FieldRule.Hidden)
        {
            return null;
        }
        var text = TypedText.Normalise(input);
        if (text is null)
        {
            if (rule == FieldRule.Required)
            {
                problems.Add(new FormError(field, "Required"));
            }
            return null;
        }
        // Refused rather than cut: a truncated name is a different name.
        if (text.Length > maxLength)
        {
            problems.Add(new FormError(field, "TooLong", maxLength));
            return null;
        }
        if (TypedText.HasForbiddenCharacters(text))
        {
            problems.Add(new FormError(field, "ForbiddenCharacters"));
            return null;
        }
        return text;
    }
}
