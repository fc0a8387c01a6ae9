using System.Globalization;
using CsvHelper;
using Ralliement.Admin;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>The export command with organisations, city, country and a campaign's own fields.</summary>
public sealed class ExportColumnsTests : IDisposable
{
    private readonly RalliementApp _app = new();
    private readonly StringWriter _errors = new();
    private readonly MemoryStream _standardOutput = new();

    public void Dispose()
    {
        _app.Dispose();
        _errors.Dispose();
        _standardOutput.Dispose();
    }

    [Fact]
    public async Task Every_new_column_is_exported_custom_fields_by_label_and_no_cell_runs_as_a_formula()
    {
        await _app.ChangeCampaignAsync(c => (c.AcceptsOrganisations, c.City, c.Country) = (true, FieldRule.Optional, FieldRule.Optional));
        var lab = await _app.AddCustomFieldAsync(FieldRule.Optional, false, ("fr", "Laboratoire"), ("en", "Laboratory"));
        var note = await _app.AddCustomFieldAsync(FieldRule.Optional, true, ("fr", "Remarque"));
        var person = RalliementApp.Form(RalliementApp.UniqueEmail("person"), firstName: "Léa");
        person["City"] = "=HYPERLINK(\"http://evil\")";
        person["Country"] = "France";
        person[$"Custom{lab}"] = "@SUM(A1)";
        await _app.SignAndConfirmAsync(person);
        var organisation = RalliementApp.Form(RalliementApp.UniqueEmail("org"), firstName: "Rémi");
        organisation["SignAs"] = "organisation";
        organisation["OrganisationName"] = "+Syndicat des formules";
        organisation["OrganisationKind"] = "union";
        organisation[$"Custom{note}"] = "-1+1";
        await _app.SignAndConfirmAsync(organisation);
        var file = Path.Combine(_app.DataDirectory, "export.csv");

        Assert.Equal(0, await AdminCommands.RunAsync(
            ["export", "signatures", RalliementApp.Slug, "--output", file, .. RalliementProcess.SettingsOf(_app)], () => _standardOutput, _errors));

        using var reader = new CsvReader(new StreamReader(file), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        var headers = rows[0].Keys.ToList();
        Assert.Equal(["kind", "organisation_name", "organisation_kind", "first_name", "last_name"], headers.Skip(2).Take(5));
        Assert.True(headers.IndexOf("city") < headers.IndexOf("country") && headers.IndexOf("country") < headers.IndexOf("Laboratoire"), string.Join(",", headers));
        Assert.True(headers.IndexOf("Laboratoire") < headers.IndexOf("Remarque") && headers.IndexOf("Remarque") < headers.IndexOf("shows_publicly"), string.Join(",", headers));
        Assert.DoesNotContain("email", headers);
        Assert.Equal(
            ("person", "", "", "'=HYPERLINK(\"http://evil\")", "France", "'@SUM(A1)", ""),
            ((string)rows[0]["kind"], (string)rows[0]["organisation_name"], (string)rows[0]["organisation_kind"], (string)rows[0]["city"], (string)rows[0]["country"], (string)rows[0]["Laboratoire"], (string)rows[0]["Remarque"]));
        Assert.Equal(
            ("organisation", "'+Syndicat des formules", "union", "Rémi", "", "'-1+1"),
            ((string)rows[1]["kind"], (string)rows[1]["organisation_name"], (string)rows[1]["organisation_kind"], (string)rows[1]["first_name"], (string)rows[1]["Laboratoire"], (string)rows[1]["Remarque"]));
    }
}
