using Ralliement.Campaigns;
using Ralliement.Data;
using Ralliement.Shared;
using Ralliement.Signing;

namespace Ralliement.Tests.Unit;

public sealed class SignerInputTests
{
    private static ReadCampaign.View Campaign(FieldRule institution = FieldRule.Optional) => new()
    {
        Id = 1,
        Slug = "c",
        Kind = CampaignKind.Manifesto,
        State = CampaignState.Open,
        Organisation = new ReadCampaign.OrganisationView("O", "o@example.org", null, 12),
        Language = "fr",
        Title = "T",
        Summary = "S",
        BodyHtml = "<p>B</p>",
        SignatureCount = 0,
        OrganisationCount = 0,
        AcceptsSignatures = true,
        Institution = institution,
        ProfessionalStatus = FieldRule.Optional,
        Discipline = FieldRule.Hidden,
        City = FieldRule.Hidden,
        Country = FieldRule.Hidden,
        Commitments = [new ReadCampaign.CommitmentView(7, "Refuse"), new ReadCampaign.CommitmentView(8, "Reduce")],
        CustomFields = [],
    };

    private static SignerDetails.Form Valid() => new()
    {
        FirstName = "  Ana   Maria ",
        LastName = "Lopes",
        Email = "Ana@Example.org",
        Institution = "",
        Discipline = "ignored because hidden",
        Commitments = [7, 7, 8],
        ConsentToProcessing = true,
    };

    [Fact]
    public void A_valid_form_is_normalised()
    {
        var details = SignerDetails.Validate(Valid(), Campaign(), out var errors);

        Assert.Empty(errors);
        Assert.Equal("Ana Maria", details!.FirstName);
        Assert.Null(details.Institution);
        Assert.Null(details.Discipline);
        Assert.Equal([7, 8], details.Commitments);
        Assert.Equal("ana@example.org", details.Email.Key);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var form = new SignerDetails.Form { Email = "nope", Commitments = [99] };
        SignerDetails.Validate(form, Campaign(FieldRule.Required), out var errors);

        Assert.Equal(
            ["FirstName:Required", "LastName:Required", "Email:InvalidEmail", "Institution:Required", "Commitments:UnknownCommitment", "ConsentToProcessing:ConsentRequired"],
            errors.Select(e => $"{e.Field}:{e.Key}"));
    }

    [Fact]
    public void Overlong_text_is_refused_with_its_limit()
    {
        var form = Valid();
        form.LastName = new string('x', SignerLimits.Name + 1);
        SignerDetails.Validate(form, Campaign(), out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(("LastName", "TooLong", SignerLimits.Name), (error.Field, error.Key, (int)error.Arguments[0]));
    }

    [Theory]
    [InlineData("Ana\u202Emalicious")]
    [InlineData("Ana\u200B")]
    [InlineData("Ana\u0001")]
    [InlineData("Ana\uE000")]
    public void Invisible_and_control_characters_are_refused(string name) => Assert.True(TypedText.HasForbiddenCharacters(name));

    [Theory]
    [InlineData("Ana")]
    [InlineData("Zoë Ó Súilleabháin")]
    [InlineData("می\u200Cخواهم")]
    [InlineData("李小龍")]
    public void Real_names_are_accepted(string name) => Assert.False(TypedText.HasForbiddenCharacters(name));

    [Theory]
    [InlineData("  a \t b\n c  ", "a b c")]
    [InlineData("e\u0301", "\u00e9")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Text_is_trimmed_composed_and_its_spaces_folded(string? input, string? expected) =>
        Assert.Equal(expected, TypedText.Normalise(input));

    [Fact]
    public void The_search_form_ignores_case_and_accents() =>
        Assert.Equal("zoe ezechiel", TypedText.SearchForm("Zoé ÉZÉCHIEL"));
}
