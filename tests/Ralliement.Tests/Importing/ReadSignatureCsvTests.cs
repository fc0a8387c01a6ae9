using System.Text;
using Ralliement.Data;
using Ralliement.Importing;

namespace Ralliement.Tests.Importing;

public sealed class ReadSignatureCsvTests
{
    private static readonly ReadSignatureCsv.Rules Rules = new(FieldRule.Optional, FieldRule.Optional, FieldRule.Required, FieldRule.Hidden, FieldRule.Hidden, "fr");

    private static ReadSignatureCsv.Result Read(string csv) => ReadSignatureCsv.Read(Encoding.UTF8.GetBytes(csv), Rules);

    [Theory]
    [InlineData("Prénom", ImportColumns.FirstName)]
    [InlineData("FIRST NAME", ImportColumns.FirstName)]
    [InlineData("Nom de famille", ImportColumns.LastName)]
    [InlineData(" E-mail ", ImportColumns.Email)]
    [InlineData("Établissement", ImportColumns.Institution)]
    [InlineData("accepts-news", ImportColumns.AcceptsNews)]
    [InlineData("Téléphone", null)]
    public void Headers_are_matched_whatever_their_case_accents_and_separators(string header, string? column) =>
        Assert.Equal(column, ImportColumns.Match(header));

    [Fact]
    public void Custom_fields_are_read_by_label_in_either_language_or_by_key_and_other_columns_are_named_as_ignored()
    {
        ImportField lab = new(7, FieldRule.Optional, ["Host laboratory", "Laboratoire d’accueil"]);
        ImportField year = new(8, FieldRule.Required, ["Year", "Année"]);
        ImportField badge = new(9, FieldRule.Optional, ["Badge"]);
        var rules = Rules with { CustomFields = [lab, year, badge] };

        var result = ReadSignatureCsv.Read(Encoding.UTF8.GetBytes("first_name;last_name;discipline;LABORATOIRE D'ACCUEIL;annee;field_9;Remarque;Téléphone\n"
            + "Ana;Lopes;Droit;LIP6;2024;oui;à rappeler;0102\n"
            + "Ben;Martin;Droit;;;;;\n"), rules);

        Assert.Null(result.Refused);
        Assert.Equal(["Remarque", "Téléphone"], result.Ignored);
        Assert.Equal(new Dictionary<int, string> { [7] = "LIP6", [8] = "2024", [9] = "oui" }, result.Rows[0].Fields);
        Assert.True(result.Rows[0].IsValid);
        // A required field left empty is named as the file names its column.
        Assert.Equal(new RowError("annee", "Required"), Assert.Single(result.Rows[1].Errors));
    }

    [Fact]
    public void A_required_custom_field_missing_from_the_file_is_named_by_its_label()
    {
        var rules = Rules with { CustomFields = [new ImportField(8, FieldRule.Required, ["Year", "Année"])] };
        var result = ReadSignatureCsv.Read(Encoding.UTF8.GetBytes("first_name,last_name,discipline\nAna,Lopes,Droit\n"), rules);
        Assert.Equal(new RowError("Year", "Required"), Assert.Single(result.Rows[0].Errors));
        Assert.Empty(result.Ignored);
    }

    [Fact]
    public void Each_row_is_checked_with_the_signing_forms_rules_and_the_campaigns()
    {
        var result = Read("first_name,last_name,email,discipline,city,show_publicly\n"
            + "  Ana   Maria ,Lopes,Ana@EXAMPLE.org,Histoire,Lyon,x\n"
            + $"Ben,{new string('b', 101)},not-an-address,,,peut-être\n"
            + "Chloé,Dupont\u202E,,Droit,,non\n");

        Assert.Null(result.Refused);
        var (ana, ben, chloe) = (result.Rows[0], result.Rows[1], result.Rows[2]);
        Assert.True(ana.IsValid);
        Assert.Equal(("Ana Maria", "Ana@example.org", "ana@example.org", "Lyon", true, "fr"), (ana.FirstName, ana.Email, ana.EmailKey, ana.City, ana.ShowPublicly, ana.Language));
        Assert.Equal(3, ben.Line);
        Assert.Equal(
            new[] { "last_name:TooLong:100", "email:InvalidEmail:", "discipline:Required:", "show_publicly:NotYesNo:" }.Order(StringComparer.Ordinal),
            ben.Errors.Select(e => $"{e.Column}:{e.Key}:{e.Limit}").Order(StringComparer.Ordinal));
        Assert.Equal(["last_name:ForbiddenCharacters"], chloe.Errors.Select(e => $"{e.Column}:{e.Key}"));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+33 1 23")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("  =1+1")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_is_refused(string cell)
    {
        var result = Read($"first_name;last_name;discipline\n{cell.Replace("\"", "\"\"", StringComparison.Ordinal).Insert(0, "\"")}\";Lopes;Droit\n");

        Assert.Equal(["first_name:Formula"], result.Rows.Single().Errors.Select(e => $"{e.Column}:{e.Key}"));
    }

    [Fact]
    public void Accepting_news_needs_an_address_and_the_language_must_be_one_of_the_sites()
    {
        var result = Read("first_name,last_name,discipline,accepts_news,language\nAna,Lopes,Droit,oui,de\n");

        Assert.Equal(["accepts_news:NewsWithoutEmail", "language:UnknownLanguage"], result.Rows.Single().Errors.Select(e => $"{e.Column}:{e.Key}"));
    }

    [Fact]
    public void Invalid_UTF8_is_refused_even_when_most_of_the_file_is_ASCII()
    {
        var bytes = Encoding.UTF8.GetBytes("first_name,last_name,discipline\nAna,Lopes,Droit\n").Concat(new byte[] { 0x4C, 0xE9, 0x61, 0x0A }).ToArray();

        Assert.Equal("NotUtf8", ReadSignatureCsv.Read(bytes, Rules).Refused?.Key);
    }
}
