using Ralliement.Campaigns;
using Ralliement.Data;

namespace Ralliement.Signing;

/// <summary>A problem with one field of the form, as a resource key and its arguments, shown in the page's language.</summary>
public sealed record FieldError(string Field, string Key, params object[] Arguments);

/// <summary>What a signer typed, once checked and normalised against the campaign's form.</summary>
public sealed record SignerDetails(
    string FirstName,
    string LastName,
    EmailAddress Email,
    string? Institution,
    string? ProfessionalStatus,
    string? Discipline,
    IReadOnlyList<int> Commitments,
    bool ShowPublicly,
    bool AcceptsNews)
{
    public sealed class Form
    {
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Institution { get; set; }
        public string? ProfessionalStatus { get; set; }
        public string? Discipline { get; set; }
        public List<int> Commitments { get; set; } = [];
        public bool ShowPublicly { get; set; }
        public bool ConsentToProcessing { get; set; }
        public bool AcceptsNews { get; set; }

        /// <summary>Reads a posted form; a value that is not a number or a checkbox's "true" counts as absent.</summary>
        public static Form Read(IFormCollection form) => new()
        {
            FirstName = form[nameof(FirstName)].FirstOrDefault(),
            LastName = form[nameof(LastName)].FirstOrDefault(),
            Email = form[nameof(Email)].FirstOrDefault(),
            Institution = form[nameof(Institution)].FirstOrDefault(),
            ProfessionalStatus = form[nameof(ProfessionalStatus)].FirstOrDefault(),
            Discipline = form[nameof(Discipline)].FirstOrDefault(),
            Commitments = form[nameof(Commitments)]
                .Select(v => int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : -1)
                .ToList(),
            ShowPublicly = IsTicked(form, nameof(ShowPublicly)),
            ConsentToProcessing = IsTicked(form, nameof(ConsentToProcessing)),
            AcceptsNews = IsTicked(form, nameof(AcceptsNews)),
        };

        private static bool IsTicked(IFormCollection form, string name) =>
            string.Equals(form[name].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Checks every field and reports each problem, so the signer fixes them all at once.</summary>
    public static SignerDetails? Validate(Form form, ReadCampaign.View campaign, out IReadOnlyList<FieldError> errors)
    {
        var problems = new List<FieldError>();
        var firstName = Text(nameof(Form.FirstName), form.FirstName, FieldRule.Required, SignerLimits.Name, problems);
        var lastName = Text(nameof(Form.LastName), form.LastName, FieldRule.Required, SignerLimits.Name, problems);

        EmailAddress? email = null;
        if (string.IsNullOrWhiteSpace(form.Email))
        {
            problems.Add(new(nameof(Form.Email), "Required"));
        }
        else if (form.Email.Length > EmailAddress.MaxLength)
        {
            problems.Add(new(nameof(Form.Email), "TooLong", EmailAddress.MaxLength));
        }
        else if (!EmailAddress.TryParse(form.Email, out email))
        {
            problems.Add(new(nameof(Form.Email), "InvalidEmail"));
        }

        var institution = Text(nameof(Form.Institution), form.Institution, campaign.Institution, SignerLimits.Institution, problems);
        var status = Text(nameof(Form.ProfessionalStatus), form.ProfessionalStatus, campaign.ProfessionalStatus, SignerLimits.Detail, problems);
        var discipline = Text(nameof(Form.Discipline), form.Discipline, campaign.Discipline, SignerLimits.Detail, problems);

        var offered = campaign.Commitments.Select(c => c.Id).ToHashSet();
        var commitments = form.Commitments.Distinct().ToList();
        if (commitments.Any(id => !offered.Contains(id)))
        {
            problems.Add(new(nameof(Form.Commitments), "UnknownCommitment"));
        }
        if (!form.ConsentToProcessing)
        {
            problems.Add(new(nameof(Form.ConsentToProcessing), "ConsentRequired"));
        }

        errors = problems;
        return problems.Count > 0
            ? null
            : new SignerDetails(firstName!, lastName!, email!, institution, status, discipline, commitments, form.ShowPublicly, form.AcceptsNews);
    }

    /// <summary>Normalises and checks one free-text field; shared with the import of signatures from CSV.</summary>
    internal static string? Text(string field, string? input, FieldRule rule, int maxLength, List<FieldError> problems)
    {
        if (rule == FieldRule.Hidden)
        {
            return null;
        }
        var text = SignerText.Normalise(input);
        if (text is null)
        {
            if (rule == FieldRule.Required)
            {
                problems.Add(new(field, "Required"));
            }
            return null;
        }
        // Refused rather than cut: a truncated name is a different name.
        if (text.Length > maxLength)
        {
            problems.Add(new(field, "TooLong", maxLength));
            return null;
        }
        if (SignerText.HasForbiddenCharacters(text))
        {
            problems.Add(new(field, "ForbiddenCharacters"));
            return null;
        }
        return text;
    }
}
